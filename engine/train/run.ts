/**
 * The host-facing entry: runs a RunRequest on a backend and reports everything
 * through hooks.emit. Never throws for bad input: it emits 'run-failed' and returns null.
 */
import type { Backend } from '../kernels/kernels';
import type { BackendInfo, FinalMetrics, RunRequest } from '../protocol/messages';
import type { RunHooks } from './hooks';
import { trainModel } from './loop';

export async function runTraining(
  request: RunRequest,
  backend: Backend,
  hooks: RunHooks,
  backendInfo?: BackendInfo,
): Promise<FinalMetrics | null> {
  let outcome;
  try {
    outcome = await trainModel(request, backend, hooks, backendInfo);
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
  hooks.emit({ type: 'run-finished', runId: request.runId, reason: outcome.reason, metrics: outcome.metrics });
  return outcome.metrics;
}
