/**
 * A trainer child process as main sees it. Electron's utilityProcess implements it
 * in the app; tests implement it with Node's fork of the same built entry.
 */
export interface TrainerChild {
  postMessage(message: unknown): void;
  onMessage(listener: (message: unknown) => void): void;
  /** Called once when the process ends, for whatever reason (exit code, or null if killed). */
  onExit(listener: (code: number | null) => void): void;
  kill(): void;
}

export type SpawnTrainer = () => TrainerChild;
