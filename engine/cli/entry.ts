/**
 * Bundled to out/cli/dendrite.cjs (vite.cli.config.ts); bin/dendrite.cjs requires it. The same
 * bundle is the search's trial worker: started as a worker thread, it runs trials instead.
 */
import { isMainThread, workerData } from 'node:worker_threads';
import { main } from './main';
import { nodeIo } from './node-io';
import { oneLine } from '../text';
import { runTrialWorker, TRIAL_WORKER, workerTrialRunner } from './trial-workers';
import type { BackendName } from '../protocol/messages';

const role = (workerData as { role?: string; backend?: BackendName } | null) ?? null;
if (!isMainThread && role?.role === TRIAL_WORKER) {
  runTrialWorker(role.backend ?? 'reference');
} else {
  const io = { ...nodeIo(), trialRunner: (lanes: number, backend: BackendName) => workerTrialRunner(__filename, lanes, backend) };
  main(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`dendrite: internal error: ${oneLine(error instanceof Error ? error.message : String(error))}\n`);
      process.exitCode = 1;
    },
  );
}
