// Kernels compiled for the portable instruction set (flags set per target in binding.gyp).
#include <math.h>
#include <string.h>
#include "kernels.h"

namespace dn {
namespace portable {
#include "simd_portable.inc"
#include "kernels_impl.inc"
}  // namespace portable

void fill_portable(KernelTable* t) { portable::fill(t); }
}  // namespace dn
