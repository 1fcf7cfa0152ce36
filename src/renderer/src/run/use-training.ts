/** Start, stop and follow a training run through the host. */
import { useCallback, useEffect } from 'react';
import type { ModelSpec } from '../../../../engine/spec/types';
import { buildRunRequest } from './run-request';
import { idleRun, reduceRunEvent, startingRun } from './run-store';
import { useServices } from '../stores';

let runCounter = 0;
const newRunId = () => `run-${Date.now().toString(36)}-${(runCounter += 1)}`;

export function useTrainerEvents(): void {
  const { host, run } = useServices();
  useEffect(() => host.onTrainerEvent((event) => run.setState((state) => reduceRunEvent(state, event), true)), [host, run]);
}

export function useTrainingActions() {
  const { host, run, settings } = useServices();

  const train = useCallback(
    async (spec: ModelSpec) => {
      const runId = newRunId();
      run.setState(startingRun(runId), true);
      try {
        await host.startRun(buildRunRequest(runId, spec, settings.getState()));
      } catch (error) {
        run.setState(
          { ...run.getState(), status: 'failed', error: { message: error instanceof Error ? error.message : String(error) } },
          true,
        );
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

  const reset = useCallback(() => run.setState(idleRun(), true), [run]);

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
