import type { FromTrainer } from '../protocol/messages';

/** How a training run talks to whatever hosts it (trainer entry, CLI, tests). */
export interface RunHooks {
  /** Receives every event; progress events are already throttled (≈20 per second at most). */
  emit(msg: FromTrainer): void;
  /**
   * Called between iterations about every 30 ms of work, so the host can deliver
   * messages (stop, pause). Resolves 'stop' to end the run; a paused host simply
   * resolves later.
   */
  checkpoint(): Promise<'continue' | 'stop'>;
  /** Milliseconds, monotonic (performance.now in practice; injectable for tests). */
  now(): number;
  /**
   * Called between chunks of long synchronous work (evaluations over a whole set), where no
   * checkpoint can run, so a host can keep telling a busy trainer from a wedged one.
   */
  pulse?(): void;
}
