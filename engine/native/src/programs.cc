// Kernel programs: several kernel calls planned once and run with one boundary crossing
// (shared by the Node-API addon and the wasm module; portable code only): the optimizer
// program (every tensor's update in one call) and the step program (a whole training step,
// recorded once, replayed for many steps).
#include "kernels.h"

namespace dn {

void optimizer_program_step(const KernelTable* k, Exec* ex, int kind, const OptTensor* tensors, int count, float lr,
                            float beta1, float beta2, float eps, double t, float l2) {
  for (int j = 0; j < count; j++) {
    const OptTensor& x = tensors[j];
    k->optimizerUpdate(ex, kind, x.W, x.dW, x.s1, x.s2, x.n, lr, beta1, beta2, eps, t, x.regularise ? l2 : 0.0f);
  }
}

#include "dispatch.gen.inc"

namespace {

enum { kMaxBuffers = 16, kOptimizer = -1 };

struct ProgramOp {
  int kernel;  // KERNEL_<name>, or kOptimizer
  double slots[kSlotCount];
  void* buffers[kMaxBuffers];
  // Optimizer steps: the tensors (an array of their own), the hyperparameters in the slots.
  OptTensor* tensors;
  int tensorCount;
  int optimizerKind;
};

}  // namespace

struct StepProgram {
  ProgramOp* ops;
  int count, capacity;
  int returns;
};

StepProgram* program_create() {
  StepProgram* p = (StepProgram*)mem_alloc(sizeof(StepProgram));
  if (p) *p = StepProgram{nullptr, 0, 0, 0};
  return p;
}

void program_destroy(StepProgram* p) {
  if (!p) return;
  for (int i = 0; i < p->count; i++) mem_free(p->ops[i].tensors);
  mem_free(p->ops);
  mem_free(p);
}

static ProgramOp* append(StepProgram* p) {
  if (p->count == p->capacity) {
    int cap = p->capacity ? 2 * p->capacity : 16;
    ProgramOp* ops = (ProgramOp*)mem_alloc(sizeof(ProgramOp) * (size_t)cap);
    if (!ops) return nullptr;
    for (int i = 0; i < p->count; i++) ops[i] = p->ops[i];
    mem_free(p->ops);
    p->ops = ops;
    p->capacity = cap;
  }
  ProgramOp* op = &p->ops[p->count++];
  *op = ProgramOp{};
  return op;
}

bool program_add_kernel(StepProgram* p, int kernel, const double* slots, void* const* buffers, int count) {
  if (count > kMaxBuffers) return false;
  ProgramOp* op = append(p);
  if (!op) return false;
  op->kernel = kernel;
  for (int i = 0; i < kSlotCount; i++) op->slots[i] = slots[i];
  for (int i = 0; i < count; i++) op->buffers[i] = buffers[i];
  if (returns_value(kernel)) p->returns++;
  return true;
}

bool program_add_optimizer(StepProgram* p, int kind, const OptTensor* tensors, int count, float beta1, float beta2,
                           float eps, float l2) {
  OptTensor* copy = (OptTensor*)mem_alloc(sizeof(OptTensor) * (size_t)(count > 0 ? count : 1));
  if (!copy) return false;
  for (int i = 0; i < count; i++) copy[i] = tensors[i];
  ProgramOp* op = append(p);
  if (!op) {
    mem_free(copy);
    return false;
  }
  op->kernel = kOptimizer;
  op->tensors = copy;
  op->tensorCount = count;
  op->optimizerKind = kind;
  op->slots[0] = beta1;
  op->slots[1] = beta2;
  op->slots[2] = eps;
  op->slots[3] = l2;
  return true;
}

int program_returns(const StepProgram* p) { return p->returns; }

int program_return_kernel(const StepProgram* p, int i) {
  for (int j = 0; j < p->count; j++)
    if (p->ops[j].kernel != kOptimizer && returns_value(p->ops[j].kernel) && i-- == 0) return p->ops[j].kernel;
  return -1;
}

int program_run(const KernelTable* k, Exec* ex, const StepProgram* p, int steps, const double* lrs, double t0,
                double* out) {
  const int R = p->returns;
  for (int step = 0; step < steps; step++) {
    double* values = out + (ptrdiff_t)step * R;
    int r = 0;
    for (int i = 0; i < p->count; i++) {
      const ProgramOp& op = p->ops[i];
      if (op.kernel != kOptimizer) {
        double v = call_kernel(k, ex, op.kernel, op.slots, op.buffers);
        if (returns_value(op.kernel)) values[r++] = v;
        continue;
      }
      // The loop checks the cost before the update: a step with a non-finite value ends here.
      for (int j = 0; j < r; j++)
        if (!(values[j] - values[j] == 0.0)) return step;
      optimizer_program_step(k, ex, op.optimizerKind, op.tensors, op.tensorCount, (float)lrs[step], (float)op.slots[0],
                             (float)op.slots[1], (float)op.slots[2], t0 + step, (float)op.slots[3]);
    }
  }
  return steps;
}

}  // namespace dn
