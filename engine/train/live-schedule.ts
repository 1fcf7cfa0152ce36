/**
 * When the live views of a run (layer health, weight histograms, the decision boundary, the
 * evaluation report) are computed: each at most as often as its interval, and all of them
 * together within a fixed share of the training time, measured as they run. A view's cost
 * grows with the network (a histogram of 16.8 M weights, a forward pass over the grid); the
 * share does not — a costly view simply runs less often.
 */

/** The live views' time, at most this share of the training time (everything else). */
export const LIVE_SHARE = 0.05;

/**
 * What a view is assumed to cost before it has run: its first run is cold JavaScript (measured
 * on the 2-4-1 planar network: weights and health ~0.2 ms, the boundary's 3,600 grid points
 * ~4 ms, an evaluation report of 400 examples ~2 ms). A run that is over before training has
 * earned that many times the share (a 30 ms W1) sends these views only at its end.
 */
const FIRST_COST_MS: Readonly<Record<'health' | 'weights' | 'boundary' | 'evaluation', number>> = { health: 0.25, weights: 0.25, boundary: 4, evaluation: 2 };

export type LiveView = 'health' | 'weights' | 'boundary' | 'evaluation';

/** Layer health ≈5/s, decision boundary ≈4/s, weights and evaluation ≈2/s at most. */
export const LIVE_INTERVAL_MS: Readonly<Record<LiveView, number>> = { health: 200, boundary: 250, weights: 500, evaluation: 500 };

export interface LiveSchedule {
  /** Whether `view` may run now: its interval has passed, and its last cost fits in the share. */
  due(view: LiveView): boolean;
  /** Runs `work` as `view` and books its time. */
  run(view: LiveView, work: () => void): void;
  /** Milliseconds spent in live views so far. */
  readonly spentMs: number;
}

export function createLiveSchedule(now: () => number, share = LIVE_SHARE): LiveSchedule {
  const start = now();
  let spent = 0;
  const last: Record<LiveView, number> = { health: -Infinity, boundary: -Infinity, weights: -Infinity, evaluation: -Infinity };
  // A view first runs once training has earned its assumed first cost; then its measured cost paces it.
  const cost: Record<LiveView, number> = { ...FIRST_COST_MS };
  return {
    due(view) {
      const t = now();
      if (t - last[view] < LIVE_INTERVAL_MS[view]) return false;
      return spent + cost[view] <= share * (t - start - spent);
    },
    run(view, work) {
      const t0 = now();
      work();
      const t1 = now();
      cost[view] = t1 - t0;
      spent += cost[view];
      last[view] = t1;
    },
    get spentMs() {
      return spent;
    },
  };
}
