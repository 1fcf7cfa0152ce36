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

#include "kernel_table.gen.h"

// The two compiler hints the kernels use, spelled per compiler (the kernel source itself is
// standard C++17): loop unrolling (GCC and Clang; MSVC has none) and non-aliasing pointers.
#if defined(_MSC_VER) && !defined(__clang__)
#define DN_UNROLL(n)
#else
#define DN_PRAGMA(x) _Pragma(#x)
#define DN_UNROLL(n) DN_PRAGMA(GCC unroll n)
#endif
#if defined(_MSC_VER) || defined(__GNUC__) || defined(__clang__)
#define DN_RESTRICT __restrict
#else
#define DN_RESTRICT
#endif

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

/** One parameter tensor of an optimizer program (a run's tensors, planned once). */
struct OptTensor {
  float* W;
  const float* dW;
  float* s1;
  float* s2;
  ptrdiff_t n;
  /** Whether L2 applies (weights yes; biases, batch-norm γ/β no). */
  int regularise;
};

/**
 * One optimizer step over every tensor of a program, in order: the same optimizerUpdate calls
 * as updating each tensor on its own (so the same bits), with l2 only where it regularises.
 */
void optimizer_program_step(const KernelTable* k, Exec* ex, int kind, const OptTensor* tensors, int count, float lr,
                            float beta1, float beta2, float eps, double t, float l2);

/** Memory for programs: malloc in the addon, the module's heap in wasm; null when it is full. */
void* mem_alloc(size_t bytes);
void mem_free(void* p);

/**
 * Calls kernel `id` (KERNEL_<name>) of `k` with its scalars read from slots `s` and its buffers
 * `p` in table order — what the glue of either backend does (generated: dispatch.gen.inc).
 */
double call_kernel(const KernelTable* k, Exec* ex, int id, const double* s, void* const* p);

/**
 * A step program: the kernel calls of one training step (and its optimizer step), recorded as
 * the glue made them — scalars and buffer pointers — and replayed for the following steps with
 * one boundary crossing for many steps. Only the learning rate and Adam's t change per step.
 */
struct StepProgram;
StepProgram* program_create();
void program_destroy(StepProgram* p);
/** Appends a kernel call (its slots and `count` buffers); false when out of memory. */
bool program_add_kernel(StepProgram* p, int kernel, const double* slots, void* const* buffers, int count);
/** Appends an optimizer step over `count` tensors (copied); l2 is λ/m. */
bool program_add_optimizer(StepProgram* p, int kind, const OptTensor* tensors, int count, float beta1, float beta2,
                           float eps, float l2);
/** Calls that return a value, in order: what program_run writes per step. */
int program_returns(const StepProgram* p);
int program_return_kernel(const StepProgram* p, int i);
/**
 * Runs up to `steps` steps: step j uses learning rate lrs[j] and t = t0 + j, and writes its
 * returned values to out[j·returns …]. A step whose values are not all finite stops before its
 * optimizer step (as the JS loop stops before it). Returns the steps completed.
 */
int program_run(const KernelTable* k, Exec* ex, const StepProgram* p, int steps, const double* lrs, double t0,
                double* out);

void fill_portable(KernelTable* t);
#if defined(DN_HAVE_X86_ISAS)
void fill_avx2(KernelTable* t);
void fill_avx512(KernelTable* t);
#endif
#if defined(DN_HAVE_NEON)
void fill_neon(KernelTable* t);
#endif
#if defined(__wasm__)
void fill_wasm(KernelTable* t);
#endif

}  // namespace dn
