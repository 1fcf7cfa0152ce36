// Instruction-set dispatch: which kernel tables this CPU and build can run (standard C++17;
// CPU detection through cpuid/xgetbv, with each compiler's way of issuing them).
#pragma once
#include "kernels.h"

namespace dn {

enum Isa { ISA_PORTABLE = 0, ISA_AVX2 = 1, ISA_AVX512 = 2, ISA_NEON = 3, ISA_COUNT = 4 };

/** "portable", "avx2", "avx512", "neon". */
const char* isa_name(int isa);

/** Whether this build has the ISA's kernels and this CPU (and OS) can run them. */
bool isa_supported(int isa);

/** Fills `t` with the ISA's kernels; false if it is not supported. */
bool isa_fill(int isa, KernelTable* t);

}  // namespace dn
