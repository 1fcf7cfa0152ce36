// Node-API glue for the Dendrite native backend (raw N-API, ABI stable).
//
// Memory rule: this addon never creates buffers for JS. Every kernel borrows the
// JS-allocated typed arrays it is given (napi_get_typedarray_info) for the
// duration of the call. Scalar arguments travel through one Float64Array that JS
// registers once (`init`), so a kernel call crosses the boundary with only its
// typed arrays: no number conversions, no allocation.
//
// Shapes and typed-array kinds are validated by the JS wrapper (engine/native/load.ts)
// before each call; the glue only checks that each argument is a typed array.
#define NAPI_VERSION 8
#define NODE_API_NO_EXTERNAL_BUFFERS_ALLOWED 1
#include <node_api.h>
#include <stdlib.h>
#include <string.h>

#include <thread>

#include "kernels.h"
#include "pool.h"

namespace {

enum { ISA_PORTABLE = 0, ISA_AVX2 = 1, ISA_AVX512 = 2, ISA_COUNT = 3 };
const char* const kIsaNames[ISA_COUNT] = {"portable", "avx2", "avx512"};

struct Instance {
  dn::Exec* ex = nullptr;
  dn::KernelTable tables[ISA_COUNT];
  bool supported[ISA_COUNT] = {false, false, false};
  int isa = ISA_PORTABLE;
  int convMode = 0;
  const dn::KernelTable* k = nullptr;
  double* args = nullptr;
  napi_ref argsRef = nullptr;
};

bool cpu_has(int isa) {
  if (isa == ISA_PORTABLE) return true;
#if defined(DN_HAVE_X86_ISAS) && (defined(__GNUC__) || defined(__clang__))
  __builtin_cpu_init();
  if (isa == ISA_AVX2) return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
  if (isa == ISA_AVX512)
    return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq") &&
           __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("fma");
#endif
  return false;
}

void finalize_instance(napi_env env, void* data, void* hint) {
  (void)hint;
  Instance* in = (Instance*)data;
  if (in->argsRef) napi_delete_reference(env, in->argsRef);
  dn::exec_destroy(in->ex);
  delete in;
}

Instance* instance(napi_env env) {
  void* d = nullptr;
  napi_get_instance_data(env, &d);
  return (Instance*)d;
}

bool throw_type(napi_env env, const char* msg) {
  napi_throw_type_error(env, "ERR_DENDRITE_NATIVE", msg);
  return false;
}

// Fetch the callback's arguments; true on success.
template <size_t N>
bool get_args(napi_env env, napi_callback_info info, napi_value (&argv)[N]) {
  size_t argc = N;
  if (napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr) != napi_ok) return false;
  if (argc < N) return throw_type(env, "dendrite native: missing arguments");
  return true;
}

// Borrow the data of a typed array (no copy); false (with a JS exception) otherwise.
template <class T>
bool data_of(napi_env env, napi_value v, T** out) {
  void* d = nullptr;
  if (napi_get_typedarray_info(env, v, nullptr, nullptr, &d, nullptr, nullptr) != napi_ok)
    return throw_type(env, "dendrite native: expected a typed array");
  *out = (T*)d;
  return true;
}

inline int I(const double* a, int i) { return (int)a[i]; }
inline ptrdiff_t L(const double* a, int i) { return (ptrdiff_t)a[i]; }
inline float F(const double* a, int i) { return (float)a[i]; }

#define PROLOGUE(N)                                  \
  Instance* in = instance(env);                      \
  napi_value argv[N];                                \
  if (!in || !in->args || !get_args(env, info, argv)) return nullptr; \
  const double* a = in->args;                        \
  (void)a;

#define ARR(T, name, i) \
  T* name;              \
  if (!data_of(env, argv[i], &name)) return nullptr;

napi_value js_gemm(napi_env env, napi_callback_info info) {
  PROLOGUE(3)
  ARR(const float, A, 0) ARR(const float, B, 1) ARR(float, C, 2)
  in->k->gemm(in->ex, I(a, 0), I(a, 1), I(a, 2), I(a, 3), I(a, 4), F(a, 5), A, B, F(a, 6), C);
  return nullptr;
}

/** denseForward(W, X, b, Z, A) with args [act, n, k, m, alpha]: gemm + bias + activation, one crossing. */
napi_value js_denseForward(napi_env env, napi_callback_info info) {
  PROLOGUE(5)
  ARR(const float, W, 0) ARR(const float, X, 1) ARR(const float, b, 2) ARR(float, Z, 3) ARR(float, A, 4)
  const int act = I(a, 0), n = I(a, 1), k = I(a, 2), m = I(a, 3);
  in->k->gemm(in->ex, 0, 0, n, m, k, 1.0f, W, X, 0.0f, Z);
  in->k->addBiasRows(in->ex, Z, b, n, m);
  if (act != 0) in->k->actForward(in->ex, act, Z, A, (ptrdiff_t)n * m, F(a, 4));
  return nullptr;
}

/**
 * denseBackward(W, X, Z, A, dA, dZ, dW, db, dX) with args [act, n, k, m, alpha, scale, hasDX]:
 * activation derivative, dW, db and (if hasDX) dX, one crossing.
 */
napi_value js_denseBackward(napi_env env, napi_callback_info info) {
  PROLOGUE(9)
  ARR(const float, W, 0) ARR(const float, X, 1) ARR(const float, Z, 2) ARR(const float, A, 3)
  ARR(const float, dA, 4) ARR(float, dZ, 5) ARR(float, dW, 6) ARR(float, db, 7) ARR(float, dX, 8)
  const int act = I(a, 0), n = I(a, 1), k = I(a, 2), m = I(a, 3);
  const float scale = F(a, 5);
  if (act != 0 || dZ != dA) in->k->actBackward(in->ex, act, Z, A, dA, dZ, (ptrdiff_t)n * m, F(a, 4));
  in->k->gemm(in->ex, 0, 1, n, k, m, scale, dZ, X, 0.0f, dW);
  in->k->sumRows(in->ex, dZ, n, m, scale, db, 0.0f);
  if (I(a, 6)) in->k->gemm(in->ex, 1, 0, k, m, n, 1.0f, W, dZ, 0.0f, dX);
  return nullptr;
}

napi_value js_addBiasRows(napi_env env, napi_callback_info info) {
  PROLOGUE(2)
  ARR(float, Z, 0) ARR(const float, b, 1)
  in->k->addBiasRows(in->ex, Z, b, I(a, 0), I(a, 1));
  return nullptr;
}

napi_value js_addBiasCols(napi_env env, napi_callback_info info) {
  PROLOGUE(2)
  ARR(float, Z, 0) ARR(const float, b, 1)
  in->k->addBiasCols(in->ex, Z, b, I(a, 0), I(a, 1));
  return nullptr;
}

napi_value js_sumRows(napi_env env, napi_callback_info info) {
  PROLOGUE(2)
  ARR(const float, X, 0) ARR(float, out, 1)
  in->k->sumRows(in->ex, X, I(a, 0), I(a, 1), F(a, 2), out, F(a, 3));
  return nullptr;
}

napi_value js_sumCols(napi_env env, napi_callback_info info) {
  PROLOGUE(2)
  ARR(const float, X, 0) ARR(float, out, 1)
  in->k->sumCols(in->ex, X, I(a, 0), I(a, 1), F(a, 2), out, F(a, 3));
  return nullptr;
}

napi_value js_actForward(napi_env env, napi_callback_info info) {
  PROLOGUE(2)
  ARR(const float, Z, 0) ARR(float, A, 1)
  in->k->actForward(in->ex, I(a, 0), Z, A, L(a, 1), F(a, 2));
  return nullptr;
}

napi_value js_actBackward(napi_env env, napi_callback_info info) {
  PROLOGUE(4)
  ARR(const float, Z, 0) ARR(const float, A, 1) ARR(const float, dA, 2) ARR(float, dZ, 3)
  in->k->actBackward(in->ex, I(a, 0), Z, A, dA, dZ, L(a, 1), F(a, 2));
  return nullptr;
}

napi_value js_softmaxCols(napi_env env, napi_callback_info info) {
  PROLOGUE(2)
  ARR(const float, Z, 0) ARR(float, A, 1)
  in->k->softmaxCols(in->ex, Z, A, I(a, 0), I(a, 1));
  return nullptr;
}

/** loss(Z, A, Y, dZ) with args [kind, n, m, writeDZ]: returns Σ loss; writes dZ = A − Y when writeDZ. */
napi_value js_loss(napi_env env, napi_callback_info info) {
  PROLOGUE(4)
  ARR(const float, Z, 0) ARR(const float, A, 1) ARR(const float, Y, 2) ARR(float, dZ, 3)
  double s = in->k->loss(in->ex, I(a, 0), Z, A, Y, I(a, 3) ? dZ : nullptr, I(a, 1), I(a, 2));
  napi_value r;
  napi_create_double(env, s, &r);
  return r;
}

napi_value js_transpose(napi_env env, napi_callback_info info) {
  PROLOGUE(2)
  ARR(const float, X, 0) ARR(float, out, 1)
  in->k->transpose(in->ex, X, I(a, 0), I(a, 1), out);
  return nullptr;
}

/** gatherColumns(x, indices, out) with args [start, m, n] (indices checked in JS). */
napi_value js_gatherColumns(napi_env env, napi_callback_info info) {
  PROLOGUE(3)
  ARR(const float, x, 0) ARR(const int32_t, idx, 1) ARR(float, out, 2)
  in->k->gatherColumns(in->ex, x, idx + L(a, 0), I(a, 1), I(a, 2), out);
  return nullptr;
}

napi_value js_mul(napi_env env, napi_callback_info info) {
  PROLOGUE(3)
  ARR(const float, x, 0) ARR(const float, y, 1) ARR(float, out, 2)
  in->k->mul(in->ex, x, y, out, L(a, 0));
  return nullptr;
}

napi_value js_axpby(napi_env env, napi_callback_info info) {
  PROLOGUE(2)
  ARR(const float, x, 0) ARR(float, y, 1)
  in->k->axpby(in->ex, F(a, 0), x, F(a, 1), y, L(a, 2));
  return nullptr;
}

napi_value js_sumSquares(napi_env env, napi_callback_info info) {
  PROLOGUE(1)
  ARR(const float, x, 0)
  double s = in->k->sumSquares(in->ex, x, L(a, 0));
  napi_value r;
  napi_create_double(env, s, &r);
  return r;
}

inline dn::ConvDims conv_dims(const double* a) {
  dn::ConvDims d;
  d.m = I(a, 0);
  d.hIn = I(a, 1);
  d.wIn = I(a, 2);
  d.cIn = I(a, 3);
  d.f = I(a, 4);
  d.s = I(a, 5);
  d.padTop = I(a, 6);
  d.padLeft = I(a, 7);
  d.hOut = I(a, 8);
  d.wOut = I(a, 9);
  d.cOut = I(a, 10);
  return d;
}

inline dn::PoolDims pool_dims(const double* a) {
  dn::PoolDims d;
  d.m = I(a, 0);
  d.hIn = I(a, 1);
  d.wIn = I(a, 2);
  d.c = I(a, 3);
  d.f = I(a, 4);
  d.s = I(a, 5);
  d.hOut = I(a, 6);
  d.wOut = I(a, 7);
  return d;
}

napi_value js_convForward(napi_env env, napi_callback_info info) {
  PROLOGUE(4)
  ARR(const float, X, 0) ARR(const float, Wt, 1) ARR(const float, b, 2) ARR(float, Z, 3)
  dn::ConvDims d = conv_dims(a);
  in->k->convForward(in->ex, X, Wt, I(a, 11) ? b : nullptr, Z, &d);
  return nullptr;
}

napi_value js_convBackwardData(napi_env env, napi_callback_info info) {
  PROLOGUE(3)
  ARR(const float, dZ, 0) ARR(const float, Wt, 1) ARR(float, dX, 2)
  dn::ConvDims d = conv_dims(a);
  in->k->convBackwardData(in->ex, dZ, Wt, dX, &d);
  return nullptr;
}

napi_value js_convBackwardFilter(napi_env env, napi_callback_info info) {
  PROLOGUE(4)
  ARR(const float, X, 0) ARR(const float, dZ, 1) ARR(float, dW, 2) ARR(float, db, 3)
  dn::ConvDims d = conv_dims(a);
  in->k->convBackwardFilter(in->ex, X, dZ, dW, I(a, 12) ? db : nullptr, &d, F(a, 11));
  return nullptr;
}

napi_value js_maxPoolForward(napi_env env, napi_callback_info info) {
  PROLOGUE(3)
  ARR(const float, X, 0) ARR(float, A, 1) ARR(int32_t, am, 2)
  dn::PoolDims d = pool_dims(a);
  in->k->maxPoolForward(in->ex, X, A, am, &d);
  return nullptr;
}

napi_value js_maxPoolBackward(napi_env env, napi_callback_info info) {
  PROLOGUE(3)
  ARR(const float, dA, 0) ARR(const int32_t, am, 1) ARR(float, dX, 2)
  dn::PoolDims d = pool_dims(a);
  in->k->maxPoolBackward(in->ex, dA, am, dX, &d);
  return nullptr;
}

napi_value js_avgPoolForward(napi_env env, napi_callback_info info) {
  PROLOGUE(2)
  ARR(const float, X, 0) ARR(float, A, 1)
  dn::PoolDims d = pool_dims(a);
  in->k->avgPoolForward(in->ex, X, A, &d);
  return nullptr;
}

napi_value js_avgPoolBackward(napi_env env, napi_callback_info info) {
  PROLOGUE(2)
  ARR(const float, dA, 0) ARR(float, dX, 1)
  dn::PoolDims d = pool_dims(a);
  in->k->avgPoolBackward(in->ex, dA, dX, &d);
  return nullptr;
}

napi_value js_bnForwardTrain(napi_env env, napi_callback_info info) {
  PROLOGUE(9)
  ARR(const float, X, 0) ARR(const float, g, 1) ARR(const float, b, 2) ARR(float, Y, 3) ARR(float, xh, 4)
  ARR(float, mean, 5) ARR(float, var, 6) ARR(float, rm, 7) ARR(float, rv, 8)
  in->k->bnForwardTrain(in->ex, X, g, b, Y, xh, mean, var, rm, rv, I(a, 0), I(a, 1), L(a, 2), L(a, 3), F(a, 4),
                        F(a, 5));
  return nullptr;
}

napi_value js_bnForwardInfer(napi_env env, napi_callback_info info) {
  PROLOGUE(6)
  ARR(const float, X, 0) ARR(const float, g, 1) ARR(const float, b, 2) ARR(float, Y, 3) ARR(const float, rm, 4)
  ARR(const float, rv, 5)
  in->k->bnForwardInfer(in->ex, X, g, b, Y, rm, rv, I(a, 0), I(a, 1), L(a, 2), L(a, 3), F(a, 4));
  return nullptr;
}

napi_value js_bnBackward(napi_env env, napi_callback_info info) {
  PROLOGUE(7)
  ARR(const float, dY, 0) ARR(const float, xh, 1) ARR(const float, g, 2) ARR(const float, var, 3) ARR(float, dX, 4)
  ARR(float, dG, 5) ARR(float, dB, 6)
  in->k->bnBackward(in->ex, dY, xh, g, var, dX, dG, dB, I(a, 0), I(a, 1), L(a, 2), L(a, 3), F(a, 4));
  return nullptr;
}

napi_value js_optimizerUpdate(napi_env env, napi_callback_info info) {
  PROLOGUE(4)
  ARR(float, Wt, 0) ARR(const float, dW, 1) ARR(float, s1, 2) ARR(float, s2, 3)
  in->k->optimizerUpdate(in->ex, I(a, 0), Wt, dW, s1, s2, L(a, 1), F(a, 2), F(a, 3), F(a, 4), F(a, 5), a[6],
                         F(a, 7));
  return nullptr;
}

// --- optimizer programs -------------------------------------------------------
//
// A training run updates the same parameter tensors every step. An optimizer program is
// that list of (W, dW, s1, s2, n, regularise) planned once: JS checks the shapes when it is
// made, and a step is then ONE crossing that runs the per-tensor optimizerUpdate kernel over
// every tensor in turn (the same kernel and order as separate calls, so the same bits).
// The program holds a reference to every typed array it points into, so none can be
// collected while the program lives; the data pointers of non-shared, non-detached
// ArrayBuffers do not move.

struct OptTensor {
  float* W;
  const float* dW;
  float* s1;
  float* s2;
  ptrdiff_t n;
  bool regularise;
};

struct OptProgram {
  int kind;
  float beta1, beta2, eps;
  OptTensor* tensors;
  int count;
  napi_ref* refs;
  int nrefs;
};

void finalize_program(napi_env env, void* data, void* hint) {
  (void)hint;
  OptProgram* p = (OptProgram*)data;
  for (int i = 0; i < p->nrefs; i++)
    if (p->refs[i]) napi_delete_reference(env, p->refs[i]);
  free(p->refs);
  free(p->tensors);
  delete p;
}

/**
 * optimizerPlan(arrays: Float32Array[], meta: Float64Array) with meta [kind, beta1, beta2, eps,
 * count, n₀, reg₀, n₁, reg₁, …]: arrays holds W, dW, s1, s2 of each tensor in turn (4·count).
 * Returns a handle for optimizerRun. (meta is its own array: a network may have any number of
 * tensors, more than the shared scalar block holds.)
 */
napi_value js_optimizerPlan(napi_env env, napi_callback_info info) {
  PROLOGUE(2)
  size_t metaLen = 0;
  void* metaData = nullptr;
  napi_typedarray_type metaType;
  if (napi_get_typedarray_info(env, argv[1], &metaType, &metaLen, &metaData, nullptr, nullptr) != napi_ok ||
      metaType != napi_float64_array || metaLen < 5) {
    throw_type(env, "dendrite native: optimizerPlan: meta must be a Float64Array");
    return nullptr;
  }
  a = (const double*)metaData;
  const int count = I(a, 4);
  if (count < 0 || metaLen < (size_t)(5 + 2 * count)) {
    throw_type(env, "dendrite native: optimizerPlan: bad tensor count");
    return nullptr;
  }
  uint32_t len = 0;
  if (napi_get_array_length(env, argv[0], &len) != napi_ok || len != (uint32_t)(4 * count)) {
    throw_type(env, "dendrite native: optimizerPlan: expected 4 arrays per tensor");
    return nullptr;
  }
  OptProgram* p = new OptProgram();
  p->kind = I(a, 0);
  p->beta1 = F(a, 1);
  p->beta2 = F(a, 2);
  p->eps = F(a, 3);
  p->count = count;
  p->tensors = (OptTensor*)calloc(count > 0 ? count : 1, sizeof(OptTensor));
  p->refs = (napi_ref*)calloc(4 * count > 0 ? 4 * count : 1, sizeof(napi_ref));
  p->nrefs = 4 * count;
  for (uint32_t i = 0; i < len; i++) {
    napi_value v;
    float* d = nullptr;
    if (napi_get_element(env, argv[0], i, &v) != napi_ok || !data_of(env, v, &d) ||
        napi_create_reference(env, v, 1, &p->refs[i]) != napi_ok) {
      finalize_program(env, p, nullptr);
      return nullptr;
    }
    OptTensor& t = p->tensors[i / 4];
    switch (i % 4) {
      case 0: t.W = d; break;
      case 1: t.dW = d; break;
      case 2: t.s1 = d; break;
      default: t.s2 = d; break;
    }
  }
  for (int j = 0; j < count; j++) {
    p->tensors[j].n = L(a, 5 + 2 * j);
    p->tensors[j].regularise = a[6 + 2 * j] != 0;
  }
  napi_value handle;
  if (napi_create_external(env, p, finalize_program, nullptr, &handle) != napi_ok) {
    finalize_program(env, p, nullptr);
    return nullptr;
  }
  return handle;
}

/** optimizerRun(handle) with args [learningRate, l2, t]: one step over every planned tensor. */
napi_value js_optimizerRun(napi_env env, napi_callback_info info) {
  PROLOGUE(1)
  OptProgram* p = nullptr;
  if (napi_get_value_external(env, argv[0], (void**)&p) != napi_ok || !p) {
    throw_type(env, "dendrite native: optimizerRun: expected an optimizer program");
    return nullptr;
  }
  const float lr = F(a, 0), l2 = F(a, 1);
  const double t = a[2];
  for (int j = 0; j < p->count; j++) {
    const OptTensor& x = p->tensors[j];
    in->k->optimizerUpdate(in->ex, p->kind, x.W, x.dW, x.s1, x.s2, x.n, lr, p->beta1, p->beta2, p->eps, t,
                           x.regularise ? l2 : 0.0f);
  }
  return nullptr;
}

// --- control -----------------------------------------------------------------

/** init(args: Float64Array) — registers the scalar-argument block (kept alive by a reference). */
napi_value js_init(napi_env env, napi_callback_info info) {
  Instance* in = instance(env);
  napi_value argv[1];
  if (!in || !get_args(env, info, argv)) return nullptr;
  napi_typedarray_type t;
  size_t len = 0;
  void* d = nullptr;
  if (napi_get_typedarray_info(env, argv[0], &t, &len, &d, nullptr, nullptr) != napi_ok || t != napi_float64_array ||
      len < 32) {
    throw_type(env, "dendrite native: init expects a Float64Array of at least 32 values");
    return nullptr;
  }
  if (in->argsRef) napi_delete_reference(env, in->argsRef);
  napi_create_reference(env, argv[0], 1, &in->argsRef);
  in->args = (double*)d;
  return nullptr;
}

/** setThreads(n) — rebuilds the pool with n threads (clamped to [1, 64]); returns n. */
napi_value js_setThreads(napi_env env, napi_callback_info info) {
  Instance* in = instance(env);
  napi_value argv[1];
  if (!in || !get_args(env, info, argv)) return nullptr;
  int32_t n = 1;
  napi_get_value_int32(env, argv[0], &n);
  if (n < 1) n = 1;
  if (n > 64) n = 64;
  if (!in->ex || in->ex->nthreads != n) {
    dn::exec_destroy(in->ex);
    in->ex = dn::exec_create(n);
    in->ex->convMode = in->convMode;
  }
  napi_value r;
  napi_create_int32(env, n, &r);
  return r;
}

/** setConvMode(0 auto | 1 im2col | 2 direct without the pixel-vectorised filter gradient) — test hook. */
napi_value js_setConvMode(napi_env env, napi_callback_info info) {
  Instance* in = instance(env);
  napi_value argv[1];
  if (!in || !get_args(env, info, argv)) return nullptr;
  int32_t mode = 0;
  napi_get_value_int32(env, argv[0], &mode);
  in->convMode = mode == 1 || mode == 2 ? mode : 0;
  if (in->ex) in->ex->convMode = in->convMode;
  return nullptr;
}

/** setIsa(name) — selects a kernel table; returns false when this CPU/build lacks it. */
napi_value js_setIsa(napi_env env, napi_callback_info info) {
  Instance* in = instance(env);
  napi_value argv[1];
  if (!in || !get_args(env, info, argv)) return nullptr;
  char name[32] = {0};
  size_t n = 0;
  napi_get_value_string_utf8(env, argv[0], name, sizeof name, &n);
  bool ok = false;
  for (int i = 0; i < ISA_COUNT; i++)
    if (strcmp(name, kIsaNames[i]) == 0 && in->supported[i]) {
      in->isa = i;
      in->k = &in->tables[i];
      ok = true;
    }
  napi_value r;
  napi_get_boolean(env, ok, &r);
  return r;
}

napi_value make_string(napi_env env, const char* s) {
  napi_value v;
  napi_create_string_utf8(env, s, NAPI_AUTO_LENGTH, &v);
  return v;
}

/** info() — { isa, supported: string[], threads, hardwareThreads, scratchBytes }. */
napi_value js_info(napi_env env, napi_callback_info info) {
  (void)info;
  Instance* in = instance(env);
  napi_value o, arr, v;
  napi_create_object(env, &o);
  napi_set_named_property(env, o, "isa", make_string(env, kIsaNames[in->isa]));
  napi_create_array(env, &arr);
  uint32_t j = 0;
  for (int i = ISA_COUNT - 1; i >= 0; i--)
    if (in->supported[i]) napi_set_element(env, arr, j++, make_string(env, kIsaNames[i]));
  napi_set_named_property(env, o, "supported", arr);
  napi_create_int32(env, in->ex ? in->ex->nthreads : 1, &v);
  napi_set_named_property(env, o, "threads", v);
  unsigned hc = std::thread::hardware_concurrency();
  napi_create_int32(env, hc ? (int)hc : 1, &v);
  napi_set_named_property(env, o, "hardwareThreads", v);
  napi_create_double(env, in->ex ? (double)dn::exec_scratch_bytes(in->ex) : 0.0, &v);
  napi_set_named_property(env, o, "scratchBytes", v);
  return o;
}

}  // namespace

NAPI_MODULE_INIT() {
  Instance* in = new Instance();
  dn::fill_portable(&in->tables[ISA_PORTABLE]);
  in->supported[ISA_PORTABLE] = true;
#if defined(DN_HAVE_X86_ISAS)
  if (cpu_has(ISA_AVX2)) {
    dn::fill_avx2(&in->tables[ISA_AVX2]);
    in->supported[ISA_AVX2] = true;
  }
  if (cpu_has(ISA_AVX512)) {
    dn::fill_avx512(&in->tables[ISA_AVX512]);
    in->supported[ISA_AVX512] = true;
  }
#endif
  for (int i = ISA_COUNT - 1; i >= 0; i--)
    if (in->supported[i]) {
      in->isa = i;
      break;
    }
  in->k = &in->tables[in->isa];
  unsigned hc = std::thread::hardware_concurrency();
  in->ex = dn::exec_create(hc ? (int)(hc > 64 ? 64 : hc) : 1);
  if (napi_set_instance_data(env, in, finalize_instance, nullptr) != napi_ok) {
    finalize_instance(env, in, nullptr);
    return nullptr;
  }

#define FN(name) {#name, nullptr, js_##name, nullptr, nullptr, nullptr, napi_default, nullptr}
  napi_property_descriptor props[] = {
      FN(init), FN(setThreads), FN(setIsa), FN(setConvMode), FN(info), FN(gemm), FN(denseForward), FN(denseBackward), FN(addBiasRows), FN(addBiasCols), FN(sumRows),
      FN(sumCols), FN(actForward), FN(actBackward), FN(softmaxCols), FN(loss), FN(transpose), FN(gatherColumns), FN(mul), FN(axpby), FN(sumSquares),
      FN(convForward), FN(convBackwardData), FN(convBackwardFilter), FN(maxPoolForward), FN(maxPoolBackward),
      FN(avgPoolForward), FN(avgPoolBackward), FN(bnForwardTrain), FN(bnForwardInfer), FN(bnBackward),
      FN(optimizerUpdate), FN(optimizerPlan), FN(optimizerRun),
  };
#undef FN
  napi_define_properties(env, exports, sizeof props / sizeof props[0], props);
  return exports;
}
