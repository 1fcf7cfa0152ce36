/**
 * A kernel's rate per CPU second (not wall time: on a shared machine another process's time is
 * not ours), as the shape benches measure it: warm once, double the repetitions until a round
 * takes ≥ 40 ms, then the median of 7 rounds.
 */
export const cpuSeconds = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

/** GFLOP/s per CPU second of `once`, which does `flops` floating-point operations per call. */
export function gflopsPerCpuSecond(flops: number, once: () => void): number {
  once();
  let reps = 1;
  for (;;) {
    const t0 = performance.now();
    for (let r = 0; r < reps; r++) once();
    if (performance.now() - t0 > 40) break;
    reps *= 2;
  }
  const rates: number[] = [];
  for (let round = 0; round < 7; round++) {
    const c0 = cpuSeconds();
    for (let r = 0; r < reps; r++) once();
    rates.push((flops * reps) / Math.max(1e-9, cpuSeconds() - c0) / 1e9);
  }
  return rates.sort((a, b) => a - b)[3]!;
}
