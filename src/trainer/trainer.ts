/**
 * The trainer: receives protocol messages, runs one training run at a time with
 * the engine, and answers with protocol events. Hosts differ only in the port and
 * in which backends they can offer.
 */
import { type BackendInfo, type FromTrainer, parseToTrainer, type RunRequest } from '../../engine/protocol';
import { type Backend, inspect, isInputError, runTraining } from '../../engine/train';
import { yieldToEventLoop, type TrainerPort } from './ports';

export interface BackendChoice {
  backend: Backend;
  info: BackendInfo;
}

/** Picks a backend for a request's preference; the web host only ever has the reference one. */
export type BackendProvider = (preference: RunRequest['backend']) => BackendChoice;

/** A live trainer says so about this often (hosts end one silent for HEARTBEAT_TIMEOUT_MS). */
export const HEARTBEAT_INTERVAL_MS = 1000;

interface RunControl {
  runId: string;
  stopRequested: boolean;
  paused: boolean;
  /** Resolves a checkpoint held while paused. */
  wake: (() => void) | null;
}

export function startTrainer(port: TrainerPort, provideBackend: BackendProvider): void {
  let active: RunControl | null = null;
  const post = (message: FromTrainer) => port.post(message);

  post({ type: 'hello', protocol: 1, backend: provideBackend(undefined).info });

  port.onMessage((raw) => {
    const parsed = parseToTrainer(raw);
    if (!parsed.ok) {
      const runId = typeof (raw as { runId?: unknown })?.runId === 'string' ? (raw as { runId: string }).runId : '';
      post({ type: 'run-failed', runId, message: `The trainer refused a message: ${parsed.error}` });
      return;
    }
    const message = parsed.value;
    switch (message.type) {
      case 'start-run':
        if (active) {
          post({
            type: 'run-failed',
            runId: message.request.runId,
            message: `This trainer is already running ${active.runId}; start one trainer per run.`,
          });
          return;
        }
        active = { runId: message.request.runId, stopRequested: false, paused: false, wake: null };
        void execute(message.request, active).finally(() => {
          active = null;
        });
        return;
      case 'stop-run':
        if (active?.runId === message.runId) {
          active.stopRequested = true;
          active.wake?.();
        }
        return;
      case 'pause-run':
        if (active?.runId === message.runId && !active.paused) {
          active.paused = true;
          post({ type: 'paused', runId: message.runId });
        }
        return;
      case 'resume-run':
        if (active?.runId === message.runId && active.paused) {
          active.paused = false;
          post({ type: 'resumed', runId: message.runId });
          active.wake?.();
        }
        return;
      case 'inspect':
        // Small and synchronous (one example, batch of one); a run in progress waits for it at its next checkpoint.
        try {
          const { backend } = provideBackend(message.run.backend);
          post({ type: 'inspection', runId: message.inspectId, inspection: inspect(message.run, message.view, backend) });
        } catch (error) {
          const why = error instanceof Error ? error.message : String(error);
          post({ type: 'inspect-failed', runId: message.inspectId, message: isInputError(error) ? why : `The trainer failed: ${why}` });
        }
        return;
    }
  });

  async function execute(request: RunRequest, control: RunControl): Promise<void> {
    // The heartbeat comes from the training loop's yield points (and the chunks of its
    // evaluations), never from a timer: a trainer that stops making progress stops sending it.
    let lastBeat = -Infinity;
    let iteration = 0;
    const beat = () => {
      const now = performance.now();
      if (now - lastBeat < HEARTBEAT_INTERVAL_MS) return;
      lastBeat = now;
      post({ type: 'heartbeat', runId: request.runId, iteration });
    };
    const emit = (event: FromTrainer) => {
      if (event.type === 'progress') iteration = event.iteration;
      post(event);
    };
    try {
      const { backend, info } = provideBackend(request.backend);
      await runTraining(
        request,
        backend,
        {
          emit,
          now: () => performance.now(),
          pulse: beat,
          async checkpoint() {
            beat();
            await yieldToEventLoop();
            while (control.paused && !control.stopRequested) {
              // Paused is alive: beat while waiting for Resume or Stop.
              const ticking = setInterval(beat, HEARTBEAT_INTERVAL_MS);
              await new Promise<void>((resolve) => {
                control.wake = resolve;
              });
              clearInterval(ticking);
              control.wake = null;
            }
            return control.stopRequested ? 'stop' : 'continue';
          },
        },
        info,
        { ownsData: true },
      ); // the request arrived in a message: its data is this run's alone
    } catch (error) {
      post({
        type: 'run-failed',
        runId: request.runId,
        message: `The trainer failed: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  }
}
