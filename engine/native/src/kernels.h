// Shared declarations between the Node-API glue (addon.cc), the thread pool
// (pool.cc) and the per-ISA kernel translation units (isa_*.cc).
//
// Rule: nothing in this header may be an inline function or template that an
// ISA translation unit instantiates, because the linker would merge such weak
// symbols across translation units compiled with different -m flags and could
// run AVX-512 code on a CPU without it. Everything here is plain data or a
// normal (out-of-line) function compiled once in a portable translation unit.
#pragma once
#include <stddef.h>
#include <stdint.h>

namespace dn {

struct Pool;

typedef void (*TaskFn)(void* ctx, int task, int tid);

/** Execution context of one addon instance (one per Node environment). */
struct Exec {
  Pool* pool;
  int nthreads;
  /** Per-thread, per-slot grow-only scratch buffers (64-byte aligned). */
  float** scratchPtr;  // [nthreads * kScratchSlots]
  size_t* scratchCap;  // in floats
  /** Convolution algorithm: 0 auto, 1 always im2col + GEMM, 2 direct but never the pixel-vectorised filter gradient (tests). */
  int convMode;
  /** GEMM pieces per thread when splitting (0 = automatic); from DENDRITE_GEMM_PIECES, for tuning. */
  int gemmPieces;
};

enum { kScratchSlots = 6 };

/** Run `ntasks` tasks over the pool (the calling thread takes part as tid 0). */
void parallel_run(Exec* ex, int ntasks, TaskFn fn, void* ctx);
/** Scratch buffer of at least n floats for (tid, slot); grows once, never shrinks. */
float* scratch(Exec* ex, int tid, int slot, size_t n);

struct ConvDims {
  int m, hIn, wIn, cIn, f, s, padTop, padLeft, hOut, wOut, cOut;
};
struct PoolDims {
  int m, hIn, wIn, c, f, s, hOut, wOut;
};

struct KernelTable {
  const char* isa;
  void (*gemm)(Exec*, int transA, int transB, int M, int N, int K, float alpha, const float* A,
               const float* B, float beta, float* C);
  void (*addBiasRows)(Exec*, float* Z, const float* bias, int rows, int cols);
  void (*addBiasCols)(Exec*, float* Z, const float* bias, int rows, int cols);
  void (*sumRows)(Exec*, const float* X, int rows, int cols, float scale, float* out, float beta);
  void (*sumCols)(Exec*, const float* X, int rows, int cols, float scale, float* out, float beta);
  void (*actForward)(Exec*, int act, const float* Z, float* A, ptrdiff_t n, float alpha);
  void (*actBackward)(Exec*, int act, const float* Z, const float* A, const float* dA, float* dZ,
                      ptrdiff_t n, float alpha);
  void (*softmaxCols)(Exec*, const float* Z, float* A, int rows, int cols);
  /** Σ loss over an n×m output (kind: 0 bce, 1 cross-entropy, 2 mse); also dZ = A − Y when dZ is not null. */
  double (*loss)(Exec*, int kind, const float* Z, const float* A, const float* Y, float* dZ, int n, int m);
  void (*transpose)(Exec*, const float* X, int rows, int cols, float* out);
  void (*gatherColumns)(Exec*, const float* x, const int32_t* indices, int m, int n, float* out);
  void (*mul)(Exec*, const float* a, const float* b, float* out, ptrdiff_t n);
  void (*axpby)(Exec*, float alpha, const float* x, float beta, float* y, ptrdiff_t n);
  double (*sumSquares)(Exec*, const float* x, ptrdiff_t n);
  void (*convForward)(Exec*, const float* X, const float* W, const float* b, float* Z,
                      const ConvDims* d);
  void (*convBackwardData)(Exec*, const float* dZ, const float* W, float* dX, const ConvDims* d);
  void (*convBackwardFilter)(Exec*, const float* X, const float* dZ, float* dW, float* db,
                             const ConvDims* d, float scale);
  void (*maxPoolForward)(Exec*, const float* X, float* A, int32_t* argmax, const PoolDims* d);
  void (*maxPoolBackward)(Exec*, const float* dA, const int32_t* argmax, float* dX,
                          const PoolDims* d);
  void (*avgPoolForward)(Exec*, const float* X, float* A, const PoolDims* d);
  void (*avgPoolBackward)(Exec*, const float* dA, float* dX, const PoolDims* d);
  void (*bnForwardTrain)(Exec*, const float* X, const float* gamma, const float* beta, float* Y,
                         float* xHat, float* mean, float* var, float* runMean, float* runVar,
                         int features, int count, ptrdiff_t featStride, ptrdiff_t itemStride, float eps,
                         float momentum);
  void (*bnForwardInfer)(Exec*, const float* X, const float* gamma, const float* beta, float* Y,
                         const float* runMean, const float* runVar, int features, int count,
                         ptrdiff_t featStride, ptrdiff_t itemStride, float eps);
  void (*bnBackward)(Exec*, const float* dY, const float* xHat, const float* gamma,
                     const float* var, float* dX, float* dGamma, float* dBeta, int features,
                     int count, ptrdiff_t featStride, ptrdiff_t itemStride, float eps);
  void (*optimizerUpdate)(Exec*, int kind, float* W, const float* dW, float* s1, float* s2, ptrdiff_t n,
                          float lr, float beta1, float beta2, float eps, double t, float l2);
};

void fill_portable(KernelTable* t);
#if defined(DN_HAVE_X86_ISAS)
void fill_avx2(KernelTable* t);
void fill_avx512(KernelTable* t);
#endif

}  // namespace dn
