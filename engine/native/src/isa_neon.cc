// Kernels compiled for arm64 NEON (Advanced SIMD is part of AArch64: no extra flags).
#include <arm_neon.h>
#include <math.h>
#include <string.h>

#include "kernels.h"

namespace dn {
namespace neon {
#include "simd_neon.inc"
#include "kernels_impl.inc"
}  // namespace neon

void fill_neon(KernelTable* t) { neon::fill(t); }
}  // namespace dn
