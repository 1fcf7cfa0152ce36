/**
 * A trainer child process as main sees it (the shared lifecycle's contract). Electron's
 * utilityProcess implements it in the app; tests implement it with Node's fork of the same
 * built entry.
 */
export type { SpawnTrainer, TrainerChild } from '../shared/run-lifecycle';
