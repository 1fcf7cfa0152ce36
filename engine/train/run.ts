/**
 * The host-facing entry: runs a RunRequest on a backend and reports everything
 * through hooks.emit. Never throws for bad input: it emits 'run-failed' and returns null.
 */
import type { Backend } from '../kernels/kernels';
import type { BackendInfo, FinalMetrics, RunRequest } from '../protocol/messages';
import type { RunHooks } from './hooks';
import { trainModel } from './loop';
import type { PrepareOptions, Prepared } from './prepare';
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
  const backendName = backendInfo?.name ?? backend.name;
  const reportModel = (prepared: Prepared, metrics: FinalMetrics) => {
    try {
      hooks.emit({ type: 'model', runId: request.runId, model: exportModel(modelFromRun(prepared, request, metrics, backendName)) });
    } catch {
      // A model that cannot be exported must not turn a run into a failure; Export stays disabled.
    }
  };
  let outcome;
  try {
    // Stopped: the weights go out at once, before the final evaluation a host may cut short.
    outcome = await trainModel(request, backend, hooks, backendInfo, { ...options, onStopped: reportModel });
  } catch (error) {
    hooks.emit({
      type: 'run-failed',
      runId: request.runId,
      message: `The run could not continue: ${error instanceof Error ? error.message : String(error)}`,
    });
    return null;
  }
  if (outcome.status === 'failed') {
    hooks.emit({
      type: 'run-failed',
      runId: request.runId,
      message: outcome.message,
      ...(outcome.advice ? { advice: outcome.advice } : {}),
      ...(outcome.cause === 'diverged' ? { cause: 'diverged' as const } : {}),
    });
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
  // Again with the final metrics (the same weights, when stopped).
  reportModel(outcome.prepared, outcome.metrics);
  hooks.emit({ type: 'run-finished', runId: request.runId, reason: outcome.reason, metrics: outcome.metrics });
  return outcome.metrics;
}
