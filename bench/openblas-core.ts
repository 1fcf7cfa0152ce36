/**
 * Which OpenBLAS core PyTorch runs with in the bench. OpenBLAS picks its kernels from the CPU
 * model; on a model it does not know (virtual machines that say "Intel Xeon Processor") it falls
 * back to an old core. Only then is a core forced — the best this CPU's flags can run: SkylakeX
 * only with AVX-512 F/DQ/BW/VL, else Haswell with AVX2 + FMA. Forcing SkylakeX unconditionally
 * crashed PyTorch with SIGILL on AMD Zen. OPENBLAS_CORETYPE set by the user always wins.
 */
export interface CoreChoice {
  /** The core to force, or null to keep OpenBLAS's detection. */
  force: string | null;
  why: string;
}

const WEAK_CORES = /^(prescott|core2|penryn|dunnington|nehalem|sandybridge|atom|katmai|coppermine|northwood|banias|opteron|barcelona|generic)/i;

export function chooseOpenblasCore(detected: string, cpuFlags: ReadonlySet<string>, user?: string): CoreChoice {
  if (user) return { force: user, why: 'OPENBLAS_CORETYPE set' };
  if (!detected) return { force: null, why: 'not OpenBLAS: nothing to choose (PyTorch numbers reflect this BLAS)' };
  const avx512 = ['avx512f', 'avx512dq', 'avx512bw', 'avx512vl'].every((f) => cpuFlags.has(f));
  const avx2 = cpuFlags.has('avx2') && cpuFlags.has('fma');
  const best = avx512 ? 'SkylakeX' : avx2 ? 'Haswell' : null;
  if (WEAK_CORES.test(detected) && best) return { force: best, why: `OpenBLAS detected ${detected} on a CPU with ${avx512 ? 'AVX-512' : 'AVX2+FMA'}` };
  return { force: null, why: 'OpenBLAS detection kept' };
}
