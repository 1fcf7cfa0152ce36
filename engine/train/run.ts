/**
 * The host-facing entry: runs a RunRequest on a backend and reports everything
 * through hooks.emit. Never throws for bad input: it emits 'run-failed' and returns null.
 */
import type { Backend } from '../kernels/kernels';
import type { BackendInfo, FinalMetrics, RunRequest } from '../protocol/messages';
import type { RunHooks } from './hooks';
import { trainModel } from './loop';
import type { PrepareOptions } from './prepare';
import { boundaryGrid, canDrawBoundary, evaluationReport } from './live';
import { exportModel } from '../export/export';
import { modelFromRun } from '../export/from-run';

export async function runTraining(
  request: RunRequest,
  backend: Backend,
  hooks: RunHooks,
  backendInfo?: BackendInfo,
  options: PrepareOptions = {},
): Promise<FinalMetrics | null> {
  let outcome;
  try {
    outcome = await trainModel(request, backend, hooks, backendInfo, options);
  } catch (error) {
    hooks.emit({
      type: 'run-failed',
      runId: request.runId,
      message: `The run could not continue: ${error instanceof Error ? error.message : String(error)}`,
    });
    return null;
  }
  if (outcome.status === 'failed') {
    hooks.emit({ type: 'run-failed', runId: request.runId, message: outcome.message, ...(outcome.advice ? { advice: outcome.advice } : {}) });
    return null;
  }
  try {
    // Final live views for the panels (the last boundary and the dev predictions with examples).
    const { net, train, dev, sourceRows } = outcome.prepared;
    const iteration = outcome.metrics.iterations;
    if (canDrawBoundary(train)) {
      hooks.emit({ type: 'boundary', runId: request.runId, iteration, epoch: outcome.metrics.epochs, grid: boundaryGrid(net, train, true) });
    }
    const report = evaluationReport(net, dev ?? train, dev ? 'dev' : 'train', true, dev ? sourceRows.dev : sourceRows.train);
    if (report) hooks.emit({ type: 'evaluation', runId: request.runId, iteration, final: true, report });
  } catch {
    // The panels' views are a bonus: never fail a finished run over them.
  }
  try {
    const model = exportModel(modelFromRun(outcome.prepared, request, outcome.metrics, backendInfo?.name ?? backend.name));
    hooks.emit({ type: 'model', runId: request.runId, model });
  } catch {
    // A model that cannot be exported must not turn a finished run into a failure; Export stays disabled.
  }
  hooks.emit({ type: 'run-finished', runId: request.runId, reason: outcome.reason, metrics: outcome.metrics });
  return outcome.metrics;
}
