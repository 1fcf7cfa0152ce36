// Instruction-set dispatch in standard C++17 (compiled with -std=c++17 -pedantic-errors by the
// portability test). x86-64: cpuid leaf 1 (FMA, OSXSAVE) and leaf 7 (AVX2, AVX-512 F/DQ/BW/VL),
// and xgetbv for the register state the OS saves (YMM for AVX2, ZMM/opmask for AVX-512) —
// through __cpuidex/_xgetbv on MSVC and <cpuid.h> plus one xgetbv instruction on GCC/Clang.
// arm64: NEON (Advanced SIMD) is part of AArch64, so it is always there.
#include "cpu.h"

#include <stdint.h>

#if defined(DN_HAVE_X86_ISAS)
#if defined(_MSC_VER)
#include <immintrin.h>
#include <intrin.h>
#else
#include <cpuid.h>
#endif
#endif

namespace dn {
namespace {

#if defined(DN_HAVE_X86_ISAS)
struct Regs {
  uint32_t a, b, c, d;
};

Regs cpuid(uint32_t leaf, uint32_t sub) {
  Regs r{0, 0, 0, 0};
#if defined(_MSC_VER)
  int x[4];
  __cpuidex(x, (int)leaf, (int)sub);
  r = Regs{(uint32_t)x[0], (uint32_t)x[1], (uint32_t)x[2], (uint32_t)x[3]};
#else
  unsigned a = 0, b = 0, c = 0, d = 0;
  if (__get_cpuid_count(leaf, sub, &a, &b, &c, &d)) r = Regs{a, b, c, d};
#endif
  return r;
}

/** XCR0: the register state the OS saves on context switches. */
uint64_t xcr0() {
#if defined(_MSC_VER)
  return _xgetbv(0);
#else
  uint32_t lo = 0, hi = 0;
  __asm__ __volatile__("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
  return ((uint64_t)hi << 32) | lo;
#endif
}

struct X86 {
  bool avx2 = false, avx512 = false;
};

X86 detect() {
  X86 f;
  const uint32_t maxLeaf = cpuid(0, 0).a;
  if (maxLeaf < 7) return f;
  const Regs l1 = cpuid(1, 0), l7 = cpuid(7, 0);
  const bool osxsave = (l1.c >> 27) & 1, fma = (l1.c >> 12) & 1;
  if (!osxsave) return f;
  const uint64_t xcr = xcr0();
  const bool ymm = (xcr & 0x6) == 0x6;     // SSE + AVX state
  const bool zmm = (xcr & 0xe6) == 0xe6;   // + opmask, ZMM_Hi256, Hi16_ZMM
  const bool avx2 = (l7.b >> 5) & 1;
  const bool f512 = (l7.b >> 16) & 1, dq = (l7.b >> 17) & 1, bw = (l7.b >> 30) & 1, vl = (l7.b >> 31) & 1;
  f.avx2 = ymm && avx2 && fma;
  f.avx512 = ymm && zmm && fma && f512 && dq && bw && vl;
  return f;
}
#endif

const char* const kNames[ISA_COUNT] = {"portable", "avx2", "avx512", "neon"};

}  // namespace

const char* isa_name(int isa) { return isa >= 0 && isa < ISA_COUNT ? kNames[isa] : "unknown"; }

bool isa_supported(int isa) {
  switch (isa) {
    case ISA_PORTABLE:
      return true;
#if defined(DN_HAVE_X86_ISAS)
    case ISA_AVX2:
      return detect().avx2;
    case ISA_AVX512:
      return detect().avx512;
#endif
#if defined(DN_HAVE_NEON)
    case ISA_NEON:
      return true;
#endif
    default:
      return false;
  }
}

bool isa_fill(int isa, KernelTable* t) {
  if (!isa_supported(isa)) return false;
  switch (isa) {
#if defined(DN_HAVE_X86_ISAS)
    case ISA_AVX2:
      fill_avx2(t);
      return true;
    case ISA_AVX512:
      fill_avx512(t);
      return true;
#endif
#if defined(DN_HAVE_NEON)
    case ISA_NEON:
      fill_neon(t);
      return true;
#endif
    default:
      fill_portable(t);
      return true;
  }
}

}  // namespace dn
