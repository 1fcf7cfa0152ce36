// The wasm module's runtime (compiled with clang for wasm32, no C library):
//
// - one heap in the module's linear memory for everything: tensors JS allocates
//   (engine/tensor/buffers.ts through the backend) and kernel scratch, 64-byte aligned;
// - the thread pool: wasm threads are JS workers that instantiate this module on the same
//   shared memory and run dn_worker(tid) (the threaded build, -matomics); the calling thread
//   takes part as tid 0, tasks are claimed as in engine/native/src/pool.cc;
// - the scalar slots and the exports JS calls (control here, kernels in exports.gen.inc).
//
// Two builds from this file: threaded (shared memory, atomics; Node, and browsers with
// cross-origin isolation) and single-threaded (plain memory; other browsers).
#include "kernels.h"

#define DN_EXPORT(name) extern "C" __attribute__((export_name(#name)))

#if defined(__wasm_atomics__)
#define DN_THREADS 1
#else
#define DN_THREADS 0
#endif

extern "C" unsigned char __heap_base;

namespace {

constexpr uint64_t kPage = 65536;
constexpr int kMaxThreads = 64;

// --- atomics (plain accesses in the single-threaded build) -----------------------------

template <class T>
inline T load(const T* p) {
  return __atomic_load_n(p, __ATOMIC_SEQ_CST);
}
template <class T>
inline void store(T* p, T v) {
  __atomic_store_n(p, v, __ATOMIC_SEQ_CST);
}
template <class T>
inline T add(T* p, T v) {
  return __atomic_fetch_add(p, v, __ATOMIC_SEQ_CST);
}

// --- heap -----------------------------------------------------------------------------
//
// Blocks are [16-byte header][payload], payloads 64-byte aligned, sizes multiples of 64.
// Free blocks sit in bins by size (power-of-two classes, first fit within a bin) and merge
// with free neighbours; the heap grows at its end (memory.grow). In the single-threaded
// build the memory has a fixed size (growing it would detach every typed array JS holds),
// so an allocation that does not fit fails (0) instead.

struct Header {
  uint32_t size;      // bytes, header included
  uint32_t prevSize;  // size of the block below (0 for the first)
  uint32_t free;
  uint32_t magic;
};
struct Links {
  Header* next;
  Header* prev;
};

constexpr uint32_t kAlign = 64, kHeader = 16, kBins = 27, kMagic = 0xD3AD17E5u, kMinSplit = 128;

Header* bins[kBins];
uint64_t heapStart;  // address of the first header
uint64_t heapEnd;    // end of the last block
Header* lastBlock;
uint64_t bytesInUse;
int heapLock;

inline Links* links(Header* h) { return (Links*)((unsigned char*)h + kHeader); }
inline uint32_t bin_of(uint32_t size) {
  uint32_t b = 31 - __builtin_clz(size / kAlign);
  return b < kBins ? b : kBins - 1;
}
inline Header* next_of(Header* h) {
  uint64_t n = (uint64_t)(uintptr_t)h + h->size;
  return n < heapEnd ? (Header*)(uintptr_t)n : nullptr;
}
inline Header* prev_of(Header* h) { return h->prevSize ? (Header*)((unsigned char*)h - h->prevSize) : nullptr; }

void push(Header* h) {
  uint32_t b = bin_of(h->size);
  links(h)->prev = nullptr;
  links(h)->next = bins[b];
  if (bins[b]) links(bins[b])->prev = h;
  bins[b] = h;
  h->free = 1;
}

void unlink(Header* h) {
  Links* l = links(h);
  if (l->prev) links(l->prev)->next = l->next;
  else bins[bin_of(h->size)] = l->next;
  if (l->next) links(l->next)->prev = l->prev;
  h->free = 0;
}

void lock_heap() {
#if DN_THREADS
  while (__atomic_exchange_n(&heapLock, 1, __ATOMIC_ACQUIRE)) {
  }
#endif
}
void unlock_heap() {
#if DN_THREADS
  __atomic_store_n(&heapLock, 0, __ATOMIC_RELEASE);
#endif
}

/** Memory covers [0, upTo): grow it if needed (by a quarter at least, so growth is rare). */
bool ensure_memory(uint64_t upTo) {
  uint64_t have = (uint64_t)__builtin_wasm_memory_size(0) * kPage;
  if (upTo <= have) return true;
  uint64_t pages = (upTo - have + kPage - 1) / kPage;
  uint64_t generous = pages > have / kPage / 4 ? pages : have / kPage / 4;
  if (__builtin_wasm_memory_grow(0, (unsigned long)generous) != (unsigned long)-1) return true;
  return __builtin_wasm_memory_grow(0, (unsigned long)pages) != (unsigned long)-1;
}

/** Make h (free, unlinked) an allocated block of `need` bytes, returning the rest to a bin. */
void take(Header* h, uint32_t need) {
  if (h->size - need >= kMinSplit) {
    Header* rest = (Header*)((unsigned char*)h + need);
    rest->size = h->size - need;
    rest->prevSize = need;
    rest->magic = kMagic;
    h->size = need;
    if (Header* n = next_of(rest)) n->prevSize = rest->size;
    if (h == lastBlock) lastBlock = rest;
    push(rest);
  }
  h->free = 0;
  h->magic = kMagic;
  bytesInUse += h->size;
}

void* heap_alloc(uint64_t bytes) {
  if (bytes > 0xF0000000ull) return nullptr;
  uint32_t need = (uint32_t)((bytes + kHeader + kAlign - 1) & ~(uint64_t)(kAlign - 1));
  lock_heap();
  for (uint32_t b = bin_of(need); b < kBins; b++) {
    for (Header* h = bins[b]; h; h = links(h)->next) {
      if (h->size >= need) {
        unlink(h);
        take(h, need);
        unlock_heap();
        return (unsigned char*)h + kHeader;
      }
    }
  }
  // Nothing free fits: extend the last block if it is free, else add one at the end.
  Header* h;
  if (lastBlock && lastBlock->free) {
    h = lastBlock;
    if (!ensure_memory((uint64_t)(uintptr_t)h + need)) {
      unlock_heap();
      return nullptr;
    }
    unlink(h);
    heapEnd = (uint64_t)(uintptr_t)h + need;
    h->size = need;
  } else {
    if (!ensure_memory(heapEnd + need)) {
      unlock_heap();
      return nullptr;
    }
    h = (Header*)(uintptr_t)heapEnd;
    h->size = need;
    h->prevSize = lastBlock ? lastBlock->size : 0;
    heapEnd += need;
    lastBlock = h;
  }
  take(h, need);
  unlock_heap();
  return (unsigned char*)h + kHeader;
}

void heap_free(void* p) {
  if (!p) return;
  Header* h = (Header*)((unsigned char*)p - kHeader);
  if (h->magic != kMagic || h->free) __builtin_trap();  // not a live block of this heap
  lock_heap();
  bytesInUse -= h->size;
  if (Header* n = next_of(h); n && n->free) {
    unlink(n);
    if (n == lastBlock) lastBlock = h;
    h->size += n->size;
  }
  if (Header* pv = prev_of(h); pv && pv->free) {
    unlink(pv);
    if (h == lastBlock) lastBlock = pv;
    pv->size += h->size;
    h = pv;
  }
  if (Header* n = next_of(h)) n->prevSize = h->size;
  push(h);
  unlock_heap();
}

// --- thread pool ------------------------------------------------------------------------

inline uint64_t pack_work(uint32_t gen, uint32_t ntasks, uint32_t next) {
  return ((uint64_t)(gen & 0xffffff) << 40) | ((uint64_t)(ntasks & 0xfffff) << 20) | (uint64_t)(next & 0xfffff);
}
inline uint32_t w_gen(uint64_t w) { return (uint32_t)(w >> 40); }
inline uint32_t w_ntasks(uint64_t w) { return (uint32_t)((w >> 20) & 0xfffff); }
inline uint32_t w_next(uint64_t w) { return (uint32_t)(w & 0xfffff); }

}  // namespace

namespace dn {

/** The pool lives in shared memory; every thread's instance sees the same one. */
struct Pool {
  uint64_t range[kMaxThreads];  // per thread: (generation, end, next), claimed by compare-and-swap
  uint64_t work;                // the current job: (generation, ntasks, 0)
  int32_t wake;                 // bumped per job; sleeping workers wait on it
  int32_t done;
  int32_t sleepers;
  int32_t stop;
  int32_t active;  // threads taking part (tids ≥ active stay asleep)
  int32_t failed;  // a worker thread trapped: the calling thread stops waiting and traps too
  uint32_t gen;
  TaskFn fn;
  void* ctx;
};

}  // namespace dn

namespace {

dn::Pool pool;
/** Why the last trap happened: 1 scratch memory could not grow, 2 a worker thread trapped. */
int32_t lastError;
dn::Exec exec;
dn::KernelTable table;
float* scratchPtr[kMaxThreads * dn::kScratchSlots];
size_t scratchCap[kMaxThreads * dn::kScratchSlots];

#if DN_THREADS
/** Claim and run tasks of generation `gen`: own range first, then steal from the others. */
void drain(int tid, uint32_t gen) {
  const int n = pool.active;
  for (int k = 0; k < n; k++) {
    uint64_t* r = &pool.range[(tid + k) % n];
    uint64_t w = load(r);
    for (;;) {
      if (w_gen(w) != gen || w_next(w) >= w_ntasks(w)) break;
      if (__atomic_compare_exchange_n(r, &w, w + 1, true, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)) {
        pool.fn(pool.ctx, (int)w_next(w), tid);
        add(&pool.done, 1);
        w = load(r);
      }
    }
  }
}
#endif

}  // namespace

namespace dn {

void parallel_run(Exec* ex, int ntasks, TaskFn fn, void* ctx) {
#if DN_THREADS
  Pool* p = ex->pool;
  if (p->active <= 1 || ntasks <= 1) {
    for (int t = 0; t < ntasks; t++) fn(ctx, t, 0);
    return;
  }
  if (ntasks > 0xfffff) ntasks = 0xfffff;
  p->fn = fn;
  p->ctx = ctx;
  store(&p->done, 0);
  p->gen = (p->gen + 1) & 0xffffff;
  if (p->gen == 0) p->gen = 1;
  const int n = p->active;
  for (int t = 0; t < n; t++) {
    uint32_t b = (uint32_t)((long long)ntasks * t / n), e = (uint32_t)((long long)ntasks * (t + 1) / n);
    store(&p->range[t], pack_work(p->gen, e, b));
  }
  store(&p->work, pack_work(p->gen, (uint32_t)ntasks, 0));
  add(&p->wake, 1);
  if (load(&p->sleepers) > 0) __builtin_wasm_memory_atomic_notify(&p->wake, 0xffffffffu);
  drain(0, p->gen);
  while (load(&p->done) < ntasks) {
    if (load(&p->failed)) {
      lastError = 2;
      __builtin_trap();
    }
  }
#else
  (void)ex;
  for (int t = 0; t < ntasks; t++) fn(ctx, t, 0);
#endif
}

float* scratch(Exec* ex, int tid, int slot, size_t n) {
  size_t i = (size_t)tid * kScratchSlots + slot;
  if (ex->scratchCap[i] < n) {
    heap_free(ex->scratchPtr[i]);
    size_t cap = n + n / 4 + 64;
    ex->scratchPtr[i] = (float*)heap_alloc((uint64_t)cap * sizeof(float));
    ex->scratchCap[i] = ex->scratchPtr[i] ? cap : 0;
    if (!ex->scratchPtr[i]) {
      lastError = 1;  // out of memory inside a kernel (JS reports it)
      __builtin_trap();
    }
  }
  return ex->scratchPtr[i];
}

}  // namespace dn

namespace dn {

void* mem_alloc(size_t bytes) { return heap_alloc(bytes); }
void mem_free(void* p) { heap_free(p); }

}  // namespace dn

namespace {

double slots[dn::kSlotCount];
const dn::KernelTable* dn_kernels() { return &table; }
dn::Exec* dn_exec() { return &exec; }
double* const dn_slots = slots;

// The step program being recorded (dn_program_begin … dn_program_end): every kernel export
// and optimizer step adds its call. Recorded addresses stay valid: tensors live in this heap.
dn::StepProgram* tape;
bool tapeFailed;
inline bool dn_recording() { return tape != nullptr; }
void dn_record(int kernel, void* const* buffers, int count) {
  if (!dn::program_add_kernel(tape, kernel, slots, buffers, count)) tapeFailed = true;
}

}  // namespace

// --- exports -------------------------------------------------------------------------------

/** Sets up the kernels, the heap and one thread; returns the address of the scalar slots. */
DN_EXPORT(dn_init) double* dn_init() {
  if (!table.isa) {
    dn::fill_wasm(&table);
    heapStart = (((uint64_t)(uintptr_t)&__heap_base + kHeader + kAlign - 1) & ~(uint64_t)(kAlign - 1)) - kHeader;
    heapEnd = heapStart;
    exec.pool = &pool;
    exec.nthreads = 1;
    exec.scratchPtr = scratchPtr;
    exec.scratchCap = scratchCap;
    pool.active = 1;
  }
  return slots;
}

/** Whether this build runs threads (shared memory + atomics). */
DN_EXPORT(dn_threaded) int dn_threaded() { return DN_THREADS; }

/** Address of `bytes` bytes (64-byte aligned; zero-filled when `zero`), or 0 when memory is full. */
DN_EXPORT(dn_alloc) void* dn_alloc(double bytes, int zero) {
  if (!(bytes >= 0)) return nullptr;
  void* p = heap_alloc((uint64_t)bytes);
  if (p && zero) __builtin_memset(p, 0, (size_t)bytes);
  return p;
}

DN_EXPORT(dn_free) void dn_free(void* p) { heap_free(p); }

/** Bytes in allocated blocks (headers included). */
DN_EXPORT(dn_heap_in_use) double dn_heap_in_use() { return (double)bytesInUse; }

/** Threads taking part in kernels (1 ≤ n ≤ 64; 1 in the single-threaded build). */
DN_EXPORT(dn_set_threads) int dn_set_threads(int n) {
  if (n < 1) n = 1;
  if (n > kMaxThreads) n = kMaxThreads;
  if (!DN_THREADS) n = 1;
  exec.nthreads = n;
#if DN_THREADS
  if (load(&pool.active) != n) {
    store(&pool.active, n);
    // Workers parked outside the old count wait on `active` (see dn_worker).
    __builtin_wasm_memory_atomic_notify(&pool.active, 0xffffffffu);
  }
#else
  pool.active = n;
#endif
  return n;
}

DN_EXPORT(dn_set_conv_mode) void dn_set_conv_mode(int mode) { exec.convMode = mode == 1 || mode == 2 ? mode : 0; }

DN_EXPORT(dn_scratch_bytes) double dn_scratch_bytes() {
  double total = 0;
  for (int i = 0; i < kMaxThreads * dn::kScratchSlots; i++) total += (double)scratchCap[i] * sizeof(float);
  return total;
}

/**
 * A worker thread's life: instantiated by a JS worker on the shared memory (its own stack set
 * through __stack_pointer), it runs the pool's jobs until dn_stop. Spins ~0.1 ms after a job
 * (back-to-back kernels of a step find it awake), then sleeps in memory.atomic.wait32.
 */
DN_EXPORT(dn_worker) void dn_worker(int tid) {
#if DN_THREADS
  int32_t seen = load(&pool.wake);
  for (;;) {
    if (load(&pool.stop)) return;
    const int32_t active = load(&pool.active);
    if (tid >= active) {
      // Not taking part (the training loop's thread governor, or a backend with fewer threads):
      // park on `active` itself, not as a sleeper, so jobs neither notify nor wait for it and it
      // spins on no core. Jobs published meanwhile are done without it.
      __builtin_wasm_memory_atomic_wait32(&pool.active, active, -1);
      seen = load(&pool.wake);
      continue;
    }
    int32_t now = load(&pool.wake);
    if (now == seen) {
      bool woke = false;
      for (int i = 0; i < (1 << 16); i++) {
        if (load(&pool.wake) != seen || load(&pool.stop) || tid >= load(&pool.active)) {
          woke = true;
          break;
        }
      }
      if (!woke) {
        add(&pool.sleepers, 1);
        __builtin_wasm_memory_atomic_wait32(&pool.wake, seen, -1);
        add(&pool.sleepers, -1);
      }
      continue;
    }
    seen = now;
    // The job first, then the count: `active` is stored before the job after it is published,
    // so this never runs a task of a job split for fewer threads (kernels index per-thread
    // partials by tid < nthreads).
    const uint64_t job = load(&pool.work);
    if (tid < load(&pool.active)) drain(tid, w_gen(job));
  }
#else
  (void)tid;
#endif
}

/** Called by a worker thread's JS after its dn_worker trapped. */
DN_EXPORT(dn_worker_failed) void dn_worker_failed() { store(&pool.failed, 1); }

/** The reason of the last trap (see lastError), 0 if none. */
DN_EXPORT(dn_error) int dn_error() { return lastError; }

/** Ends every dn_worker loop (before the JS workers are terminated). */
DN_EXPORT(dn_stop) void dn_stop() {
#if DN_THREADS
  store(&pool.stop, 1);
  add(&pool.wake, 1);
  __builtin_wasm_memory_atomic_notify(&pool.wake, 0xffffffffu);
  __builtin_wasm_memory_atomic_notify(&pool.active, 0xffffffffu);
#endif
}

/**
 * One step of an optimizer program: `count` OptTensor records at `tensors` (planned by JS),
 * slots [learningRate, l2, t, beta1, beta2, epsilon].
 */
DN_EXPORT(dn_optimizer_step) void dn_optimizer_step(const dn::OptTensor* tensors, int count, int kind) {
  const double* s = slots;
  if (tape && !dn::program_add_optimizer(tape, kind, tensors, count, (float)s[3], (float)s[4], (float)s[5], (float)s[1]))
    tapeFailed = true;
  dn::optimizer_program_step(&table, &exec, kind, tensors, count, (float)s[0], (float)s[3], (float)s[4], (float)s[5], s[2],
                             (float)s[1]);
}

/** Starts recording a step program (one in progress is discarded). */
DN_EXPORT(dn_program_begin) void dn_program_begin() {
  dn::program_destroy(tape);
  tape = dn::program_create();
  tapeFailed = tape == nullptr;
}

/** Stops recording: the program, or 0 when it could not be recorded. */
DN_EXPORT(dn_program_end) dn::StepProgram* dn_program_end() {
  dn::StepProgram* p = tape;
  tape = nullptr;
  if (p && tapeFailed) {
    dn::program_destroy(p);
    p = nullptr;
  }
  tapeFailed = false;
  return p;
}

DN_EXPORT(dn_program_free) void dn_program_free(dn::StepProgram* p) { dn::program_destroy(p); }
DN_EXPORT(dn_program_returns) int dn_program_returns(const dn::StepProgram* p) { return dn::program_returns(p); }
DN_EXPORT(dn_program_return_kernel) int dn_program_return_kernel(const dn::StepProgram* p, int i) {
  return dn::program_return_kernel(p, i);
}

/** Runs `steps` steps of a program (see program_run): lrs and out are float64 arrays in this memory. */
DN_EXPORT(dn_program_run) int dn_program_run(const dn::StepProgram* p, int steps, const double* lrs, double t0, double* out) {
  return dn::program_run(&table, &exec, p, steps, lrs, t0, out);
}

#include "exports.gen.inc"
