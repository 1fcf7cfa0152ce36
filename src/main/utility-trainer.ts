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
    kill: () => void child.kill(),
  };
};
