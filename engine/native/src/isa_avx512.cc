// Kernels compiled for the avx512 instruction set (flags set per target in binding.gyp).
#include <immintrin.h>
#include <math.h>
#include <string.h>
#include "kernels.h"

namespace dn {
namespace avx512 {
#include "simd_avx512.inc"
#include "kernels_impl.inc"
}  // namespace avx512

void fill_avx512(KernelTable* t) { avx512::fill(t); }
}  // namespace dn
