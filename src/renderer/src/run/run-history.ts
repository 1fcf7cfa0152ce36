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
    if (record.final && Number.isFinite(record.final.trainCost)) run.final = { ...record.final };
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
      final: run.final ?? null,
    };
  });
}
