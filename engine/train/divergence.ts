/**
 * Divergence that never reaches NaN. With α far too large, a classifier's cost can oscillate
 * (between 0 and 60 on the planar flower at α = 100) and the run "complete" at chance accuracy,
 * after which bias/variance advice would be nonsense. Watched here: the cost smoothed over about
 * fifty iterations staying above FACTOR × its reference for SUSTAIN iterations in a row. The
 * reference is the larger of the first cost and, for classification, the cost of knowing
 * nothing (ln k for k classes): a healthy run starts near it and only goes down, while a
 * large-α run that merely spikes early (α = 30 on the flower, ending at 93 %) recovers within
 * a few dozen iterations.
 */

/** Smoothing of the watched cost (an average over about 1 / (1 − β) = 50 iterations). */
const BETA = 0.98;
/** How far above its reference the smoothed cost must be… */
export const DIVERGENCE_FACTOR = 4;
/** …and for how many iterations in a row, to call the run diverged. */
export const DIVERGENCE_SUSTAIN = 100;

export interface DivergenceWatch {
  /** Feeds one iteration's cost; returns why the run diverged, once it has. */
  observe(cost: number): string | null;
}

/** numClasses ≥ 2 for classification (its chance-level cost is ln k), 0 for regression. */
export function createDivergenceWatch(numClasses: number): DivergenceWatch {
  const chance = numClasses >= 2 ? Math.log(numClasses) : 0;
  let reference = NaN;
  let average = 0;
  let steps = 0;
  let above = 0;
  return {
    observe(cost) {
      steps++;
      if (steps === 1) reference = Math.max(cost, chance);
      average = BETA * average + (1 - BETA) * cost;
      const smoothed = average / (1 - BETA ** steps);
      above = smoothed > DIVERGENCE_FACTOR * reference ? above + 1 : 0;
      if (above < DIVERGENCE_SUSTAIN) return null;
      return `the cost, averaged over the last iterations, stayed above ${DIVERGENCE_FACTOR}× its starting level (${fmt(smoothed)} against ${fmt(reference)}) for ${DIVERGENCE_SUSTAIN} iterations`;
    },
  };
}

const fmt = (x: number) => (Math.abs(x) >= 1e4 || Math.abs(x) < 1e-3 ? x.toExponential(2) : x.toPrecision(3));
