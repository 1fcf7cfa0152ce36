/** One search trial trained to its end, in this process or in a trial worker: its metrics, or why it failed. */
import type { Backend } from '../kernels/kernels';
import type { BackendInfo, RunRequest } from '../protocol/messages';
import type { TrialOutcome } from '../search/run';
import type { PrepareOptions } from '../train/prepare';
import { runTraining } from '../train/run';

export async function trainTrial(
  request: RunRequest,
  backend: Backend,
  now: () => number,
  info?: BackendInfo,
  options?: PrepareOptions,
): Promise<TrialOutcome> {
  let outcome: TrialOutcome = { ok: false, error: 'the run ended without a result' };
  try {
    await runTraining(
      request,
      backend,
      {
        emit: (event) => {
          if (event.type === 'run-finished') outcome = { ok: true, metrics: event.metrics };
          if (event.type === 'run-failed') outcome = { ok: false, error: event.message };
        },
        checkpoint: async () => 'continue',
        now,
      },
      info,
      options,
    );
  } catch (error) {
    outcome = { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  return outcome;
}
