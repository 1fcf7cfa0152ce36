// Thread pool and scratch memory (portable flags, standard C++17 apart from the pause hint).
//
// One pool per addon instance. The calling thread takes part in every job as
// tid 0; workers are tids 1..n-1. The tasks of a job are split into one contiguous
// range per thread: a thread runs its own range first (so consecutive kernels that
// split the batch the same way find their data in that core's cache), then steals
// from the others. Every range is a 64-bit word (generation, end, next) claimed with
// compare-and-swap, so a worker that is late for one job can never claim a task of
// the next one. After a job,
// workers spin for a short while (kSpinNs) before sleeping on a condition
// variable, so back-to-back kernels in a training step do not pay the ~5–9 µs
// wake-up each time.
//
// The pool is created with its largest thread count (`n`); `active` ≤ n of them take part
// (exec_set_active, cheap: no thread is created or joined). A worker whose tid is not active
// parks on the condition variable without counting as a sleeper, so jobs neither wake it nor
// wait for it, and it spins on no core: the training loop's thread governor
// (engine/train/thread-governor.ts) lowers `active` to 1 while another process holds a core.
#include <stdlib.h>
#include <string.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

// A spin-wait hint: each compiler's spelling (the rest of this file is standard C++17).
#if defined(__x86_64__) || defined(_M_X64)
#include <immintrin.h>
#define DN_PAUSE() _mm_pause()
#elif defined(_M_ARM64)
#include <intrin.h>
#define DN_PAUSE() __yield()
#elif defined(__aarch64__)
#define DN_PAUSE() __asm__ __volatile__("yield")
#else
#define DN_PAUSE() ((void)0)
#endif

#include "kernels.h"
#include "pool.h"

namespace dn {

void* mem_alloc(size_t bytes) { return malloc(bytes); }
void mem_free(void* p) { free(p); }

static constexpr int64_t kSpinNs = 200000;  // 200 µs of spinning after a job before sleeping

static inline uint64_t pack_work(uint32_t gen, uint32_t ntasks, uint32_t next) {
  return ((uint64_t)(gen & 0xffffff) << 40) | ((uint64_t)(ntasks & 0xfffff) << 20) | (uint64_t)(next & 0xfffff);
}
static inline uint32_t w_gen(uint64_t w) { return (uint32_t)(w >> 40); }
static inline uint32_t w_ntasks(uint64_t w) { return (uint32_t)((w >> 20) & 0xfffff); }
static inline uint32_t w_next(uint64_t w) { return (uint32_t)(w & 0xfffff); }

struct Pool {
  int n = 1;                   // threads created (the caller included)
  std::atomic<int> active{1};  // threads taking part in jobs (1 ≤ active ≤ n)
  std::vector<std::thread> workers;
  std::atomic<uint64_t> work{0};
  std::atomic<uint64_t> range[64];
  std::atomic<int> done{0};
  std::atomic<int> sleepers{0};
  std::atomic<bool> stop{false};
  TaskFn fn = nullptr;
  void* ctx = nullptr;
  uint32_t gen = 0;
  std::mutex mu;
  std::condition_variable cv;
};

static int64_t now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

/** Claim and run tasks of generation `gen`: own range first, then steal from the others. */
static void drain(Pool* p, int tid, uint32_t gen, int n) {
  for (int k = 0; k < n; k++) {
    std::atomic<uint64_t>& r = p->range[(tid + k) % n];
    uint64_t w = r.load(std::memory_order_acquire);
    for (;;) {
      // range word: (gen, end, next) packed like the job word.
      if (w_gen(w) != gen || w_next(w) >= w_ntasks(w)) break;
      if (r.compare_exchange_weak(w, w + 1, std::memory_order_acq_rel, std::memory_order_acquire)) {
        p->fn(p->ctx, (int)w_next(w), tid);
        p->done.fetch_add(1, std::memory_order_release);
        w = r.load(std::memory_order_acquire);
      }
    }
  }
}

static void worker_main(Pool* p, int tid) {
  uint32_t seen = 0;
  for (;;) {
    uint64_t w = p->work.load(std::memory_order_acquire);
    if (p->stop.load(std::memory_order_acquire)) return;
    // `active` is stored before the job that follows it is published, so a worker that sees a
    // job also sees the count the job was split for; a worker outside it must not run a task
    // (kernels index per-thread partials by tid < nthreads).
    const int active = p->active.load(std::memory_order_acquire);
    if (tid >= active) {
      // Not taking part: park until the count includes this worker again. Not a sleeper, so
      // the caller never notifies it per job.
      std::unique_lock<std::mutex> lk(p->mu);
      p->cv.wait(lk, [&] { return tid < p->active.load(std::memory_order_seq_cst) || p->stop.load(std::memory_order_seq_cst); });
      seen = w_gen(p->work.load(std::memory_order_seq_cst));  // jobs published while parked are done
      continue;
    }
    if (w_gen(w) == seen) {
      // Idle: spin briefly, then sleep.
      int64_t t0 = now_ns();
      bool got = false;
      for (int i = 0;; i++) {
        DN_PAUSE();
        if (w_gen(p->work.load(std::memory_order_acquire)) != seen || p->stop.load(std::memory_order_relaxed) ||
            tid >= p->active.load(std::memory_order_relaxed)) {
          got = true;
          break;
        }
        if ((i & 63) == 63 && now_ns() - t0 > kSpinNs) break;
      }
      if (!got) {
        std::unique_lock<std::mutex> lk(p->mu);
        p->sleepers.fetch_add(1, std::memory_order_seq_cst);
        p->cv.wait(lk, [&] {
          return w_gen(p->work.load(std::memory_order_seq_cst)) != seen || p->stop.load(std::memory_order_seq_cst) ||
                 tid >= p->active.load(std::memory_order_seq_cst);
        });
        p->sleepers.fetch_sub(1, std::memory_order_seq_cst);
      }
      continue;
    }
    seen = w_gen(w);
    drain(p, tid, seen, active);
  }
}

Pool* pool_create(int nthreads) {
  Pool* p = new Pool();
  p->n = nthreads < 1 ? 1 : (nthreads > 64 ? 64 : nthreads);
  p->active.store(p->n, std::memory_order_relaxed);
  for (int t = 0; t < 64; t++) p->range[t].store(0, std::memory_order_relaxed);
  for (int t = 1; t < p->n; t++) p->workers.emplace_back(worker_main, p, t);
  return p;
}

void pool_destroy(Pool* p) {
  if (!p) return;
  {
    std::lock_guard<std::mutex> lk(p->mu);
    p->stop.store(true, std::memory_order_seq_cst);
  }
  p->cv.notify_all();
  for (auto& th : p->workers) th.join();
  delete p;
}

void parallel_run(Exec* ex, int ntasks, TaskFn fn, void* ctx) {
  Pool* p = ex->pool;
  const int n = p ? p->active.load(std::memory_order_relaxed) : 1;
  if (n <= 1 || ntasks <= 1) {
    for (int t = 0; t < ntasks; t++) fn(ctx, t, 0);
    return;
  }
  if (ntasks > 0xfffff) ntasks = 0xfffff;  // never happens for our kernels
  p->fn = fn;
  p->ctx = ctx;
  p->done.store(0, std::memory_order_relaxed);
  p->gen = (p->gen + 1) & 0xffffff;
  if (p->gen == 0) p->gen = 1;
  for (int t = 0; t < n; t++) {
    uint32_t b = (uint32_t)((long long)ntasks * t / n), e = (uint32_t)((long long)ntasks * (t + 1) / n);
    p->range[t].store(pack_work(p->gen, e, b), std::memory_order_relaxed);
  }
  p->work.store(pack_work(p->gen, (uint32_t)ntasks, 0), std::memory_order_seq_cst);
  if (p->sleepers.load(std::memory_order_seq_cst) > 0) {
    { std::lock_guard<std::mutex> lk(p->mu); }
    p->cv.notify_all();
  }
  drain(p, 0, p->gen, n);
  while (p->done.load(std::memory_order_acquire) < ntasks) DN_PAUSE();
}

static void aligned_free(void* p) {
#if defined(_WIN32)
  _aligned_free(p);
#else
  free(p);
#endif
}

float* scratch(Exec* ex, int tid, int slot, size_t n) {
  size_t i = (size_t)tid * kScratchSlots + slot;
  if (ex->scratchCap[i] < n) {
    aligned_free(ex->scratchPtr[i]);
    size_t cap = n + n / 4 + 64;
    size_t bytes = ((cap * sizeof(float)) + 63) & ~(size_t)63;
    void* mem = nullptr;
#if defined(_WIN32)
    mem = _aligned_malloc(bytes, 64);
#else
    if (posix_memalign(&mem, 64, bytes) != 0) mem = nullptr;
#endif
    ex->scratchPtr[i] = (float*)mem;
    ex->scratchCap[i] = mem ? cap : 0;
    if (!mem) abort();  // out of memory: nothing sensible to do inside a kernel
  }
  return ex->scratchPtr[i];
}

Exec* exec_create(int nthreads) {
  Exec* ex = new Exec();
  ex->nthreads = nthreads < 1 ? 1 : nthreads;
  ex->pool = pool_create(ex->nthreads);
  const char* pieces = getenv("DENDRITE_GEMM_PIECES");
  ex->gemmPieces = pieces ? atoi(pieces) : 0;
  size_t slots = (size_t)ex->pool->n * kScratchSlots;
  ex->scratchPtr = (float**)calloc(slots, sizeof(float*));
  ex->scratchCap = (size_t*)calloc(slots, sizeof(size_t));
  return ex;
}

void exec_destroy(Exec* ex) {
  if (!ex) return;
  size_t slots = (size_t)ex->pool->n * kScratchSlots;
  pool_destroy(ex->pool);
  for (size_t i = 0; i < slots; i++) aligned_free(ex->scratchPtr[i]);
  free(ex->scratchPtr);
  free(ex->scratchCap);
  delete ex;
}

int exec_capacity(Exec* ex) { return ex->pool->n; }

int exec_set_active(Exec* ex, int n) {
  Pool* p = ex->pool;
  n = n < 1 ? 1 : (n > p->n ? p->n : n);
  // Called between jobs by the thread that runs them; kernels split for ex->nthreads, so a job
  // at the lower count is exactly the same arithmetic as on a pool created with that count.
  ex->nthreads = n;
  if (p->active.load(std::memory_order_relaxed) != n) {
    {
      std::lock_guard<std::mutex> lk(p->mu);
      p->active.store(n, std::memory_order_seq_cst);
    }
    p->cv.notify_all();  // parked workers that are now included (and spinners that are not)
  }
  return n;
}

size_t exec_scratch_bytes(Exec* ex) {
  size_t total = 0;
  size_t slots = (size_t)ex->pool->n * kScratchSlots;
  for (size_t i = 0; i < slots; i++) total += ex->scratchCap[i] * sizeof(float);
  return total;
}

}  // namespace dn
