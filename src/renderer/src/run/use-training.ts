/** Start, stop and follow a training run through the host. */
import { useCallback, useEffect } from 'react';
import type { ModelSpec } from '../../../../engine/spec';
import { buildRunRequest } from './run-request';
import type { FromTrainer, RunRequest } from '../../../../engine/protocol';
import { idleRun, reduceRunEvent, startingRun, withRecord, recordOf } from './run-store';
import { summarise } from './run-label';
import { useServices } from '../stores';
import { useCurve } from './learning-curve-store';
import { chosenStartWeights, startWeights } from '../project/start-weights';
import { chosenTransfer } from '../transfer/transfer-store';

let runCounter = 0;
const newRunId = () => `run-${Date.now().toString(36)}-${(runCounter += 1)}`;

/**
 * How often trainer events reach the store during a run: they are queued and applied
 * together (one render per flush) so the panels redraw at ≈10–15 Hz however many events
 * arrive; lifecycle events (start, pause, finish, failure) are applied at once.
 */
export const EVENT_FLUSH_MS = 75;
const IMMEDIATE = new Set<FromTrainer['type']>(['run-started', 'paused', 'resumed', 'run-finished', 'run-failed']);

export function useTrainerEvents(): void {
  const { host, run } = useServices();
  useEffect(() => {
    let queue: FromTrainer[] = [];
    let timer: ReturnType<typeof setTimeout> | null = null;
    let lastFlush = 0;
    const flush = () => {
      if (timer) clearTimeout(timer);
      timer = null;
      lastFlush = performance.now();
      const events = queue;
      queue = [];
      if (events.length) run.setState((state) => events.reduce(reduceRunEvent, state), true);
    };
    const off = host.onTrainerEvent((event) => {
      queue.push(event);
      if (IMMEDIATE.has(event.type)) flush();
      // Paced from the last flush (not from this event), so a slow render does not lower the rate.
      else if (!timer) timer = setTimeout(flush, Math.max(0, lastFlush + EVENT_FLUSH_MS - performance.now()));
    });
    return () => {
      off();
      flush();
    };
  }, [host, run]);
}

export function useTrainingActions() {
  const { host, run, settings } = useServices();

  const train = useCallback(
    /** `evaluateOnly`: run the starting weights over the data without a training step (iterations = 0). */
    async (spec: ModelSpec, options: { evaluateOnly?: boolean } = {}) => {
      // A learning curve runs its own trainings one at a time: every way in to Train waits for it.
      if (useCurve.getState().status === 'running') return;
      const runId = newRunId();
      const previous = run.getState();
      // A run still in flight when a new one starts is kept in the history as it stands.
      const history = previous.status === 'finished' || previous.status === 'failed' ? previous.history : withRecord(previous.history, recordOf(previous));
      let request: RunRequest | null;
      try {
        request = buildRunRequest(runId, spec, settings.getState());
        const initialModel = options.evaluateOnly ? (startWeights.getState().model ?? undefined) : chosenStartWeights();
        if (initialModel) request.initialModel = initialModel;
        // Transfer learning: some layers start from another model's weights (not with whole weights).
        const transfer = initialModel ? undefined : chosenTransfer(spec);
        if (transfer) request.transfer = transfer;
        if (options.evaluateOnly) request.config = { ...request.config, iterations: 0, epochs: undefined };
      } catch {
        request = null;
      }
      run.setState(startingRun(runId, history, request ? summarise(request, history.length + 1, settings.getState().datasetId) : null), true);
      try {
        await host.startRun(request ?? buildRunRequest(runId, spec, settings.getState()));
      } catch (error) {
        run.setState({ ...run.getState(), status: 'failed', error: { message: error instanceof Error ? error.message : String(error) } }, true);
      }
    },
    [host, run, settings],
  );

  const stop = useCallback(async () => {
    const { runId, status } = run.getState();
    if (!runId || (status !== 'running' && status !== 'paused' && status !== 'starting')) return;
    run.setState({ ...run.getState(), status: 'stopping' }, true);
    await host.stopRun(runId).catch(() => undefined);
  }, [host, run]);

  const reset = useCallback(() => run.setState({ ...idleRun(), history: run.getState().history }, true), [run]);

  const pause = useCallback(async () => {
    const { runId, status } = run.getState();
    if (runId && status === 'running') await host.pauseRun(runId).catch(() => undefined);
  }, [host, run]);

  const resume = useCallback(async () => {
    const { runId, status } = run.getState();
    if (runId && status === 'paused') await host.resumeRun(runId).catch(() => undefined);
  }, [host, run]);

  return { train, stop, reset, pause, resume };
}
