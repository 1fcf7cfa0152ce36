// Kernel programs: several kernel calls planned once and run with one boundary crossing
// (shared by the Node-API addon and the wasm module; portable code only).
#include "kernels.h"

namespace dn {

void optimizer_program_step(const KernelTable* k, Exec* ex, int kind, const OptTensor* tensors, int count, float lr,
                            float beta1, float beta2, float eps, double t, float l2) {
  for (int j = 0; j < count; j++) {
    const OptTensor& x = tensors[j];
    k->optimizerUpdate(ex, kind, x.W, x.dW, x.s1, x.s2, x.n, lr, beta1, beta2, eps, t, x.regularise ? l2 : 0.0f);
  }
}

}  // namespace dn
