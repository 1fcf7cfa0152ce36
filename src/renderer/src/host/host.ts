/**
 * Everything the renderer needs from the outside world. Two implementations:
 * the Electron preload (`window.dendrite`) and the web host (a Web Worker).
 */
import type { FromTrainer, RunRequest } from '../../../../engine/protocol/messages';

export interface Host {
  readonly kind: 'electron' | 'web';
  /** Rejects with a readable message when the request is refused. */
  startRun(request: RunRequest): Promise<void>;
  stopRun(runId: string): Promise<void>;
  pauseRun(runId: string): Promise<void>;
  resumeRun(runId: string): Promise<void>;
  /** Every trainer event of every run; returns the unsubscribe function. */
  onTrainerEvent(listener: (event: FromTrainer) => void): () => void;
}
