import { join } from 'node:path';
import { utilityProcess } from 'electron';
import type { SpawnTrainer } from './trainer-child';

/** Starts one Electron utilityProcess running the built trainer entry (out/main/trainer.js). */
export const spawnUtilityTrainer: SpawnTrainer = () => {
  const child = utilityProcess.fork(join(__dirname, 'trainer.js'), [], {
    serviceName: 'Dendrite trainer',
    stdio: 'inherit',
  });
  return {
    postMessage: (message) => child.postMessage(message),
    onMessage: (listener) => child.on('message', listener),
    onExit: (listener) => child.once('exit', (code) => listener(code)),
    kill: () => killHard(child.pid, () => child.kill()),
  };
};

/**
 * SIGKILL by pid rather than utilityProcess.kill()'s SIGTERM: a trainer stopped with SIGSTOP
 * (or stuck where it cannot handle a signal) never acts on SIGTERM, and Stop must end it.
 */
export function killHard(pid: number | undefined, fallback: () => void): void {
  if (pid === undefined) return fallback();
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}
