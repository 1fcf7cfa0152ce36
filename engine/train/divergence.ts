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
const ALPHA = 1 - BETA;
/** From this step on, 1 − β^steps rounds to 1 in float64 (β^2000 ≈ 2.8e-18 < 2⁻⁵⁴). */
const EXACTLY_ONE_FROM = 2000;
/** How far above its reference the smoothed cost must be… */
export const DIVERGENCE_FACTOR = 4;
/** …and for how many iterations in a row, to call the run diverged. */
export const DIVERGENCE_SUSTAIN = 100;

export interface DivergenceWatch {
  /** Feeds one iteration's cost; returns why the run diverged, once it has. */
  observe(cost: number): string | null;
  /**
   * Feeds costs[0…count − 1] in order, as observe() would one by one, and stops at the first that
   * ends the run. Returns how many were fine; the next (if any) is not finite (`why` is null) or
   * diverging (`why` says how). One loop, no call per cost: replayed steps feed thousands at a
   * time, mostly before V8 has optimised anything.
   */
  observeAll(costs: ArrayLike<number>, count: number): number;
  /** Why the last failing cost ended the run (null: it was not finite). */
  readonly why: string | null;
}

/** numClasses ≥ 2 for classification (its chance-level cost is ln k), 0 for regression. */
export function createDivergenceWatch(numClasses: number): DivergenceWatch {
  const chance = numClasses >= 2 ? Math.log(numClasses) : 0;
  let reference = NaN;
  let average = 0;
  let steps = 0;
  let above = 0;
  let why: string | null = null;
  const one = [0];
  const observeAll = (costs: ArrayLike<number>, count: number): number => {
    let i = 0;
    for (; i < count; i++) {
      const cost = costs[i];
      if (!Number.isFinite(cost)) {
        why = null;
        break;
      }
      steps++;
      if (steps === 1) reference = Math.max(cost, chance);
      average = BETA * average + ALPHA * cost;
      // The bias correction: 1 − β^steps is exactly 1 in float64 from EXACTLY_ONE_FROM on, so skipped there.
      const smoothed = steps < EXACTLY_ONE_FROM ? average / (1 - BETA ** steps) : average;
      above = smoothed > DIVERGENCE_FACTOR * reference ? above + 1 : 0;
      if (above >= DIVERGENCE_SUSTAIN) {
        why = `the cost, averaged over the last iterations, stayed above ${DIVERGENCE_FACTOR}× its starting level (${fmt(smoothed)} against ${fmt(reference)}) for ${DIVERGENCE_SUSTAIN} iterations`;
        break;
      }
    }
    return i;
  };
  return {
    observe(cost) {
      one[0] = cost;
      return observeAll(one, 1) === 1 ? null : why;
    },
    observeAll,
    get why() {
      return why;
    },
  };
}

const fmt = (x: number) => (Math.abs(x) >= 1e4 || Math.abs(x) < 1e-3 ? x.toExponential(2) : x.toPrecision(3));
