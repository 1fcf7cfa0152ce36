/** The run history saved in a project: bounded, round-trips, old files still open, malformed entries refused with a path. */
import { describe, expect, it } from 'vitest';
import { MAX_SAVED_COST_POINTS, MAX_SAVED_RUNS, parseProject } from '../../src/shared/project';
import { fromProject, serialiseProject, toProject } from '../../src/renderer/src/project/project-io';
import { planarExample } from '../../src/renderer/src/graph/examples';
import { DEFAULT_SETTINGS } from '../../src/renderer/src/run/settings-store';
import { fromSavedRuns, toSavedRuns } from '../../src/renderer/src/run/run-history';
import type { RunRecord } from '../../src/renderer/src/run/run-store';
import { appendPoints, emptySeries } from '../../src/renderer/src/run/series';
import { defaultDatasetSettings } from '../../src/renderer/src/data/dataset-settings';

const settings = {
  label: '#1 adam α=0.01 flower',
  dataset: 'flower',
  learningRate: 0.01,
  optimizer: 'adam',
  iterations: 50_000,
  batchSize: 64 as const,
  seed: 3,
};

function record(runId: string, n: number, status: RunRecord['status'] = 'finished'): RunRecord {
  const points = Array.from({ length: n }, (_, i) => ({ iteration: i + 1, cost: 0.7 * Math.exp(-i / 5000) + 0.01 * Math.sin(i) }));
  return {
    runId,
    settings,
    status,
    cost: appendPoints(emptySeries(), points),
    epochs: [],
    final: status === 'finished' ? { iterations: n, epochs: 3, trainCost: 0.12, trainAccuracy: 0.9, devAccuracy: 0.85 } : null,
  };
}

const save = (history: RunRecord[]) => serialiseProject(toProject(planarExample(), DEFAULT_SETTINGS, 'p', defaultDatasetSettings(), toSavedRuns(history)));

describe('run history in the project file', () => {
  it('round-trips settings, final metrics and a ≤ 300-point cost curve that keeps its ends', () => {
    const text = save([record('run-a', 50_000), record('run-b', 120)]);
    const parsed = parseProject(text);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const { runs } = fromProject(parsed.project);
    expect(runs).toHaveLength(2);
    expect(runs[0].cost.length).toBe(MAX_SAVED_COST_POINTS);
    expect(runs[1].cost.length).toBe(120);
    const restored = fromSavedRuns(runs);
    expect(restored[0].runId).toBe('run-a');
    expect(restored[0].settings).toEqual(settings);
    expect(restored[0].final).toEqual({ iterations: 50_000, epochs: 3, trainCost: 0.12, trainAccuracy: 0.9, devAccuracy: 0.85 });
    expect(restored[0].status).toBe('finished');
    const kept = restored[0].cost.kept;
    expect(kept[0]).toEqual({ iteration: 1, cost: 0.7 });
    expect(restored[0].cost.latest?.iteration).toBe(50_000);
    expect(kept[kept.length - 1].cost).toBeCloseTo(0.7 * Math.exp(-49_999 / 5000) + 0.01 * Math.sin(49_999), 5);
    // Saved again, the restored history gives the same file.
    expect(save(restored)).toBe(text);
    // However long the run, it costs the file a bounded few kilobytes (pretty-printed pairs).
    const perRun = save([record('run-a', 50_000)]).length - save([]).length;
    expect(perRun).toBeLessThan(20_000);
  });

  it('saves a regression run (accuracies NaN) so that the project still opens', () => {
    const regression: RunRecord = { ...record('run-r', 100), final: { iterations: 100, epochs: 1, trainCost: 0.5, trainAccuracy: NaN, devAccuracy: NaN } };
    const parsed = parseProject(save([regression]));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const [restored] = fromSavedRuns(fromProject(parsed.project).runs);
    expect(restored.final?.trainCost).toBe(0.5);
    expect(restored.final?.trainAccuracy).toBeNaN();
    expect(restored.final).not.toHaveProperty('devAccuracy');
  });

  it('skips runs in flight, drops non-finite costs, keeps the newest runs up to the limit', () => {
    const diverged = record('run-nan', 10, 'failed');
    diverged.cost = appendPoints(diverged.cost, [{ iteration: 11, cost: NaN }]);
    const many = Array.from({ length: MAX_SAVED_RUNS + 3 }, (_, i) => record(`r${i}`, 20));
    const saved = toSavedRuns([...many, diverged, record('live', 5, 'running')]);
    expect(saved).toHaveLength(MAX_SAVED_RUNS);
    expect(saved[saved.length - 1].id).toBe('run-nan');
    expect(saved[saved.length - 1].cost.every(([, c]) => Number.isFinite(c))).toBe(true);
    expect(saved.some((r) => r.id === 'live')).toBe(false);
    expect(parseProject(serialiseProject(toProject(planarExample(), DEFAULT_SETTINGS, 'p', defaultDatasetSettings(), saved))).ok).toBe(true);
  });

  it('opens projects saved before run history, and leaves the field out when there are no runs', () => {
    const text = save([]);
    expect(JSON.parse(text).runs).toBeUndefined();
    const parsed = parseProject(text);
    expect(parsed.ok && fromProject(parsed.project).runs).toEqual([]);
  });

  it('refuses malformed runs with the path of the problem', () => {
    const base = JSON.parse(save([record('run-a', 30)]));
    const broken = (mutate: (p: { runs: Record<string, unknown>[] }) => void) => {
      const copy = structuredClone(base);
      mutate(copy);
      const parsed = parseProject(JSON.stringify(copy));
      return parsed.ok ? 'accepted' : parsed.error;
    };
    expect(broken((p) => ((p.runs[0].cost as unknown[])[3] = [4, 'x']))).toMatch(/runs\[0\]\.cost\[3\]\[1\]/);
    expect(broken((p) => (p.runs[0].status = 'running'))).toMatch(/runs\[0\]\.status/);
    expect(broken((p) => ((p.runs[0].settings as Record<string, unknown>).learningRate = 'fast'))).toMatch(/runs\[0\]\.settings\.learningRate/);
    expect(broken((p) => (p.runs[0].cost = Array.from({ length: MAX_SAVED_COST_POINTS + 1 }, (_, i) => [i, 1])))).toMatch(/runs\[0\]\.cost/);
    expect(broken((p) => (p.runs = Array.from({ length: MAX_SAVED_RUNS + 1 }, () => p.runs[0])))).toMatch(/^The project file is malformed: runs/);
    expect(broken((p) => (p.runs[0].extra = 1))).toMatch(/runs\[0\]/);
    expect(broken((p) => ((p.runs[0].final as Record<string, unknown>).trainAccuracy = 2))).toMatch(/runs\[0\]\.final\.trainAccuracy/);
  });
});
