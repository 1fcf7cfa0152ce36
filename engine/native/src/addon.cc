// Node-API glue for the Dendrite native backend (raw N-API, ABI stable).
//
// Memory rule: this addon never creates buffers for JS. Every kernel borrows the
// JS-allocated typed arrays it is given (napi_get_typedarray_info) for the
// duration of the call. Scalar arguments travel through one Float64Array of slots
// that JS registers once (`init`), so a kernel call crosses the boundary with only
// its typed arrays: no number conversions, no allocation.
//
// The kernel functions are generated from the kernel table (glue_napi.gen.inc); shapes
// and typed-array kinds are validated by the generated JS wrappers before each call.
#define NAPI_VERSION 8
#define NODE_API_NO_EXTERNAL_BUFFERS_ALLOWED 1
#include <node_api.h>
#include <stdlib.h>
#include <string.h>

#include <thread>
#include <vector>

#include "cpu.h"
#include "kernels.h"
#include "pool.h"

namespace {

using dn::ISA_COUNT;
using dn::ISA_PORTABLE;

/** Best first: the default path and the order of info().supported. */
const int kIsaPreference[ISA_COUNT] = {dn::ISA_AVX512, dn::ISA_AVX2, dn::ISA_NEON, dn::ISA_PORTABLE};

struct Instance {
  dn::Exec* ex = nullptr;
  dn::KernelTable tables[ISA_COUNT];
  bool supported[ISA_COUNT] = {};
  int isa = ISA_PORTABLE;
  int convMode = 0;
  const dn::KernelTable* k = nullptr;
  double* args = nullptr;
  napi_ref argsRef = nullptr;
  /** The step program being recorded (programBegin … programEnd), and what keeps its arrays alive. */
  dn::StepProgram* tape = nullptr;
  std::vector<napi_ref> tapeRefs;
  bool tapeFailed = false;
};

void release_refs(napi_env env, std::vector<napi_ref>& refs) {
  for (napi_ref r : refs)
    if (r) napi_delete_reference(env, r);
  refs.clear();
}

void finalize_instance(napi_env env, void* data, void* hint) {
  (void)hint;
  Instance* in = (Instance*)data;
  if (in->argsRef) napi_delete_reference(env, in->argsRef);
  release_refs(env, in->tapeRefs);
  dn::program_destroy(in->tape);
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

napi_value number(napi_env env, double x) {
  napi_value r;
  napi_create_double(env, x, &r);
  return r;
}

/** While recording: keeps `v` alive as long as the program (programEnd hands the references over). */
void keep_for_tape(napi_env env, Instance* in, napi_value v) {
  napi_ref r = nullptr;
  if (napi_create_reference(env, v, 1, &r) == napi_ok) in->tapeRefs.push_back(r);
  else in->tapeFailed = true;
}

/**
 * The instance and the data pointers of a kernel call's `count` buffers (typed arrays, or
 * null for an absent one); nullptr with a JS exception when an argument is neither. While a
 * step program is recorded, the call (kernel `id`, its slots and buffers) is added to it.
 */
Instance* kernel_call(napi_env env, napi_callback_info info, void** p, size_t count, int id) {
  Instance* in = instance(env);
  napi_value argv[16];
  size_t argc = count;
  if (!in || !in->args || count > 16 || napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr) != napi_ok) return nullptr;
  if (argc < count) {
    throw_type(env, "dendrite native: missing arguments");
    return nullptr;
  }
  for (size_t i = 0; i < count; i++) {
    if (napi_get_typedarray_info(env, argv[i], nullptr, nullptr, &p[i], nullptr, nullptr) == napi_ok) continue;
    napi_valuetype t;
    if (napi_typeof(env, argv[i], &t) == napi_ok && t == napi_null) {
      p[i] = nullptr;
      continue;
    }
    throw_type(env, "dendrite native: expected a typed array or null");
    return nullptr;
  }
  if (in->tape) {
    if (!dn::program_add_kernel(in->tape, id, in->args, p, (int)count)) in->tapeFailed = true;
    for (size_t i = 0; i < count; i++)
      if (p[i]) keep_for_tape(env, in, argv[i]);
  }
  return in;
}

#include "glue_napi.gen.inc"

// --- optimizer programs -------------------------------------------------------
//
// A training run updates the same parameter tensors every step. An optimizer program is
// that list of (W, dW, s1, s2, n, regularise) planned once: JS checks the shapes when it is
// made, and a step is then ONE crossing that runs the per-tensor optimizerUpdate kernel over
// every tensor in turn (the same kernel and order as separate calls, so the same bits).
// The program holds a reference to every typed array it points into, so none can be
// collected while the program lives; the data pointers of non-shared, non-detached
// ArrayBuffers do not move.

struct OptProgram {
  int kind;
  float beta1, beta2, eps;
  dn::OptTensor* tensors;
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
  p->tensors = (dn::OptTensor*)calloc(count > 0 ? count : 1, sizeof(dn::OptTensor));
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
    dn::OptTensor& t = p->tensors[i / 4];
    switch (i % 4) {
      case 0: t.W = d; break;
      case 1: t.dW = d; break;
      case 2: t.s1 = d; break;
      default: t.s2 = d; break;
    }
  }
  for (int j = 0; j < count; j++) {
    p->tensors[j].n = L(a, 5 + 2 * j);
    p->tensors[j].regularise = a[6 + 2 * j] != 0 ? 1 : 0;
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
  if (in->tape) {
    if (!dn::program_add_optimizer(in->tape, p->kind, p->tensors, p->count, p->beta1, p->beta2, p->eps, F(a, 1)))
      in->tapeFailed = true;
    keep_for_tape(env, in, argv[0]);
  }
  dn::optimizer_program_step(in->k, in->ex, p->kind, p->tensors, p->count, F(a, 0), p->beta1, p->beta2, p->eps, a[2], F(a, 1));
  return nullptr;
}

// --- step programs -------------------------------------------------------------
//
// programBegin() starts recording: every kernel call and optimizer step that follows is
// executed as usual and also appended to a program (kernel_call, js_optimizerRun), which holds
// a reference to every typed array (and optimizer program) it points into. programEnd() returns
// the program, and programRun replays it for many steps in one crossing.

struct ProgramHandle {
  dn::StepProgram* program;
  std::vector<napi_ref> refs;
};

void finalize_step_program(napi_env env, void* data, void* hint) {
  (void)hint;
  ProgramHandle* h = (ProgramHandle*)data;
  release_refs(env, h->refs);
  dn::program_destroy(h->program);
  delete h;
}

/** programBegin() — starts recording (a recording in progress is discarded). */
napi_value js_programBegin(napi_env env, napi_callback_info info) {
  (void)info;
  Instance* in = instance(env);
  if (!in) return nullptr;
  release_refs(env, in->tapeRefs);
  dn::program_destroy(in->tape);
  in->tape = dn::program_create();
  in->tapeFailed = in->tape == nullptr;
  return nullptr;
}

/** programEnd() — stops recording; the program (a handle), or null when it could not be recorded. */
napi_value js_programEnd(napi_env env, napi_callback_info info) {
  (void)info;
  Instance* in = instance(env);
  napi_value result;
  napi_get_null(env, &result);
  if (!in || !in->tape) return result;
  ProgramHandle* h = new ProgramHandle{in->tape, std::move(in->tapeRefs)};
  in->tape = nullptr;
  in->tapeRefs = std::vector<napi_ref>();
  if (in->tapeFailed || napi_create_external(env, h, finalize_step_program, nullptr, &result) != napi_ok) {
    finalize_step_program(env, h, nullptr);
    napi_get_null(env, &result);
  }
  in->tapeFailed = false;
  return result;
}

ProgramHandle* program_of(napi_env env, napi_value v) {
  ProgramHandle* h = nullptr;
  if (napi_get_value_external(env, v, (void**)&h) != napi_ok || !h) {
    throw_type(env, "dendrite native: expected a step program");
    return nullptr;
  }
  return h;
}

/** programReturns(program) — the kernel ids of the calls whose values each step writes, in order. */
napi_value js_programReturns(napi_env env, napi_callback_info info) {
  PROLOGUE(1)
  ProgramHandle* h = program_of(env, argv[0]);
  if (!h) return nullptr;
  napi_value arr;
  napi_create_array(env, &arr);
  for (int i = 0; i < dn::program_returns(h->program); i++) {
    napi_value v;
    napi_create_int32(env, dn::program_return_kernel(h->program, i), &v);
    napi_set_element(env, arr, (uint32_t)i, v);
  }
  return arr;
}

/**
 * programRun(program, lrs: Float64Array, out: Float64Array) with slots [steps, t0]: runs the
 * steps (learning rate lrs[j], Adam's t = t0 + j), writes each step's values to out; returns
 * the steps completed. JS checked that lrs and out are long enough.
 */
napi_value js_programRun(napi_env env, napi_callback_info info) {
  PROLOGUE(3)
  ProgramHandle* h = program_of(env, argv[0]);
  double* lrs = nullptr;
  double* out = nullptr;
  if (!h || !data_of(env, argv[1], &lrs) || !data_of(env, argv[2], &out)) return nullptr;
  int done = dn::program_run(in->k, in->ex, h->program, I(a, 0), lrs, a[1], out);
  napi_value r;
  napi_create_int32(env, done, &r);
  return r;
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

/**
 * setThreads(n) — n threads take part from now on (clamped to [1, 64]); returns n. Within the
 * threads the pool already has, only the active count changes (no thread is started or joined,
 * so the training loop's thread governor can switch per step); more threads rebuild the pool.
 */
napi_value js_setThreads(napi_env env, napi_callback_info info) {
  Instance* in = instance(env);
  napi_value argv[1];
  if (!in || !get_args(env, info, argv)) return nullptr;
  int32_t n = 1;
  napi_get_value_int32(env, argv[0], &n);
  if (n < 1) n = 1;
  if (n > 64) n = 64;
  if (in->ex && n <= dn::exec_capacity(in->ex)) {
    dn::exec_set_active(in->ex, n);
  } else if (!in->ex || in->ex->nthreads != n) {
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
    if (strcmp(name, dn::isa_name(i)) == 0 && in->supported[i]) {
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
  napi_set_named_property(env, o, "isa", make_string(env, dn::isa_name(in->isa)));
  napi_create_array(env, &arr);
  uint32_t j = 0;
  for (int i : kIsaPreference)
    if (in->supported[i]) napi_set_element(env, arr, j++, make_string(env, dn::isa_name(i)));
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
  for (int i = 0; i < ISA_COUNT; i++) in->supported[i] = dn::isa_fill(i, &in->tables[i]);
  for (int i : kIsaPreference)
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

#define FN(name) {#name, nullptr, js_##name, nullptr, nullptr, nullptr, napi_default, nullptr},
  napi_property_descriptor props[] = {
      FN(init) FN(setThreads) FN(setIsa) FN(setConvMode) FN(info) FN(optimizerPlan) FN(optimizerRun)
      FN(programBegin) FN(programEnd) FN(programReturns) FN(programRun)
      DN_NAPI_KERNELS(FN)
  };
#undef FN
  napi_define_properties(env, exports, sizeof props / sizeof props[0], props);
  return exports;
}
