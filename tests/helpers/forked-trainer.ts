/**
 * Runs the *built* trainer entry (out/main/trainer.js — the file Electron's
 * utilityProcess starts) under Node's child_process.fork, and exposes it as the
 * TrainerChild main's RunManager expects.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { TrainerChild } from '../../src/main/trainer-child';

export const BUILT_TRAINER = resolve(__dirname, '../../out/main/trainer.js');

export function assertTrainerBuilt(): void {
  if (!existsSync(BUILT_TRAINER)) {
    throw new Error(`${BUILT_TRAINER} is missing: run \`npm run build\` first (npm test does).`);
  }
}

export interface ForkedTrainer extends TrainerChild {
  process: ChildProcess;
}

export function forkTrainer(env: Record<string, string> = {}): ForkedTrainer {
  assertTrainerBuilt();
  const child = fork(BUILT_TRAINER, [], {
    serialization: 'advanced', // structured clone, like utilityProcess and Web Workers (Float32Array survives)
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, ...env },
  });
  return {
    process: child,
    postMessage: (message) => void child.send(message as never),
    onMessage: (listener) => void child.on('message', listener),
    onExit: (listener) => void child.once('exit', (code) => listener(code)),
    kill: () => void child.kill('SIGKILL'),
  };
}
