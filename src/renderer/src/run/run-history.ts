/**
 * The run history as saved in a project file: each run's settings, final metrics and
 * its cost curve downsampled by LTTB to at most MAX_SAVED_COST_POINTS points, so the
 * Runs panel's overlay works across sessions and the file stays bounded (under 20 kB a run pretty-printed, however long it trained).
 */
import { MAX_SAVED_COST_POINTS, MAX_SAVED_RUNS, type SavedRun } from '../../../shared/project';
import type { RunRecord } from './run-store';
import { displayPoints, lttb, type BoundedSeries } from './series';

/** Six significant digits: plenty for a curve, a third of the bytes of full doubles. */
const short = (v: number) => +v.toPrecision(6);

export function toSavedRuns(history: readonly RunRecord[]): SavedRun[] {
  const saved: SavedRun[] = [];
  // A request that never started has nothing to compare; a run in flight is saved once it settles.
  const settled = history.filter((r) => r.settings && (r.status === 'finished' || r.status === 'failed'));
  for (const record of settled.slice(-MAX_SAVED_RUNS)) {
    if (!record.settings || (record.status !== 'finished' && record.status !== 'failed')) continue;
    const points = displayPoints(record.cost).filter((p) => Number.isFinite(p.cost));
    const run: SavedRun = {
      id: record.runId,
      status: record.status,
      settings: { ...record.settings },
      cost: lttb(points, MAX_SAVED_COST_POINTS).map((p) => [p.iteration, short(p.cost)]),
    };
    if (record.final && Number.isFinite(record.final.trainCost)) run.final = savedMetrics(record.final);
    saved.push(run);
  }
  return saved;
}

export function fromSavedRuns(saved: readonly SavedRun[] | undefined): RunRecord[] {
  return (saved ?? []).map((run) => {
    const kept = run.cost.map(([iteration, cost]) => ({ iteration, cost }));
    const cost: BoundedSeries = { kept, stride: 1, sinceKept: 0, latest: kept[kept.length - 1] ?? null };
    return {
      runId: run.id,
      settings: { ...run.settings },
      status: run.status,
      cost,
      epochs: [],
      final: run.final ? { ...run.final, trainAccuracy: run.final.trainAccuracy ?? NaN } : null,
    };
  });
}

/**
 * Final metrics as JSON can hold them: accuracies are NaN for regression, and JSON writes NaN
 * as null, which would make the saved project unreadable — so non-finite ones are left out.
 */
function savedMetrics(final: NonNullable<RunRecord['final']>): NonNullable<SavedRun['final']> {
  const saved: NonNullable<SavedRun['final']> = { iterations: final.iterations, epochs: final.epochs, trainCost: final.trainCost };
  if (Number.isFinite(final.trainAccuracy)) saved.trainAccuracy = final.trainAccuracy;
  if (final.devAccuracy !== undefined && Number.isFinite(final.devAccuracy)) saved.devAccuracy = final.devAccuracy;
  if (final.testAccuracy !== undefined && Number.isFinite(final.testAccuracy)) saved.testAccuracy = final.testAccuracy;
  return saved;
}
