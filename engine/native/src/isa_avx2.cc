// Kernels compiled for the avx2 instruction set (flags set per target in binding.gyp).
#include <immintrin.h>
#include <math.h>
#include <string.h>
#include "kernels.h"

namespace dn {
namespace avx2 {
#include "simd_avx2.inc"
#include "kernels_impl.inc"
}  // namespace avx2

void fill_avx2(KernelTable* t) { avx2::fill(t); }
}  // namespace dn
