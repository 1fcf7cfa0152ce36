/**
 * Learning curves on request (course 3): train the same network from the same seed on
 * growing subsets of the training set (RunRequest.trainLimit, the first n of a seeded
 * shuffle) through the host's ordinary run API, one run after another, and collect
 * train and dev error at each size. Cancellable: the run in flight is stopped.
 */
import type { FinalMetrics, FromTrainer, RunRequest } from '../../../../engine/protocol';
import type { Host } from '../host/host';

/** Fractions of the training set, the full set first (it tells the size of the others). */
export const CURVE_FRACTIONS = [1, 0.1, 0.25, 0.5] as const;

export interface CurvePoint {
  size: number;
  trainError: number;
  /** Undefined without a dev split. */
  devError?: number;
}

/** Distinct subset sizes (≥ 1) for the fractions of a training set of n examples, smallest first, n excluded. */
export function subsetSizes(n: number, fractions: readonly number[] = CURVE_FRACTIONS): number[] {
  const sizes = new Set<number>();
  for (const f of fractions) {
    const size = Math.max(1, Math.round(f * n));
    if (size < n) sizes.add(size);
  }
  return [...sizes].sort((a, b) => a - b);
}

/** A point from a run's final metrics (errors are 1 − accuracy). */
export function curvePoint(size: number, metrics: FinalMetrics): CurvePoint {
  return {
    size,
    trainError: 1 - metrics.trainAccuracy,
    ...(metrics.devAccuracy !== undefined ? { devError: 1 - metrics.devAccuracy } : {}),
  };
}

/** Points sorted by size, one per size (the later one wins). */
export function withPoint(points: readonly CurvePoint[], point: CurvePoint): CurvePoint[] {
  return [...points.filter((p) => p.size !== point.size), point].sort((a, b) => a.size - b.size);
}

export interface CurveControl {
  cancel(): void;
  /** Resolves when every run is done, failed, or the curve was cancelled. */
  done: Promise<void>;
}

export interface CurveCallbacks {
  /** Each finished size, and which run is next (null when done). */
  onPoint(points: CurvePoint[]): void;
  onStatus(status: { running: number | null; total: number; finished: number }): void;
  onError(message: string): void;
}

type RunEnd = { ok: true; trainSize: number; metrics: FinalMetrics } | { ok: false; message: string } | { ok: false; cancelled: true };

/**
 * Starts the learning-curve runs. `request(runId, trainLimit)` builds each run's
 * request (the current network and settings); trainLimit undefined = the full set.
 */
export function startLearningCurve(host: Host, request: (runId: string, trainLimit?: number) => RunRequest, callbacks: CurveCallbacks): CurveControl {
  let cancelled = false;
  let current: string | null = null;
  let settle: ((end: RunEnd) => void) | null = null;
  let trainSize = 0;
  const off = host.onTrainerEvent((event: FromTrainer) => {
    if (event.type === 'hello' || event.runId !== current) return;
    if (event.type === 'run-started') trainSize = event.trainSize;
    if (event.type === 'run-finished') settle?.({ ok: true, trainSize, metrics: event.metrics });
    if (event.type === 'run-failed') settle?.({ ok: false, message: event.message });
  });
  const stamp = Date.now().toString(36);

  const runOnce = (index: number, limit?: number) =>
    new Promise<RunEnd>((resolve) => {
      current = `curve-${stamp}-${index}`;
      trainSize = 0;
      settle = resolve;
      host.startRun(request(current, limit)).catch((error: unknown) => resolve({ ok: false, message: error instanceof Error ? error.message : String(error) }));
    });

  const done = (async () => {
    let points: CurvePoint[] = [];
    try {
      callbacks.onStatus({ running: 0, total: CURVE_FRACTIONS.length, finished: 0 });
      const full = await runOnce(0);
      if (!full.ok) {
        if (!('cancelled' in full)) callbacks.onError(full.message);
        return;
      }
      points = withPoint(points, curvePoint(full.trainSize, full.metrics));
      callbacks.onPoint(points);
      const sizes = subsetSizes(full.trainSize);
      const total = sizes.length + 1;
      for (const [i, size] of sizes.entries()) {
        if (cancelled) return;
        callbacks.onStatus({ running: size, total, finished: i + 1 });
        const end = await runOnce(i + 1, size);
        if (!end.ok) {
          if (!('cancelled' in end)) callbacks.onError(end.message);
          return;
        }
        points = withPoint(points, curvePoint(end.trainSize || size, end.metrics));
        callbacks.onPoint(points);
      }
      callbacks.onStatus({ running: null, total, finished: total });
    } finally {
      off();
      current = null;
    }
  })();

  return {
    cancel() {
      if (cancelled) return;
      cancelled = true;
      const running = current;
      settle?.({ ok: false, cancelled: true });
      if (running) void host.stopRun(running).catch(() => undefined);
    },
    done,
  };
}
