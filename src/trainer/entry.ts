/**
 * The trainer entry for Node-based parents: Electron's utilityProcess, Node's
 * fork and worker_threads. Offers the native backend when it loads, else the wasm
 * backend, else the reference backend — each with the reason a faster one is not
 * running, and with the thread count the run asks for (RunRequest.threads: main
 * gives each of several simultaneous runs its share of the cores).
 */
import { loadNativeBackend, loadWasmBackend } from '../../engine/node';
import { createBackendProvider, watchRunThreads, type RunThreads } from './backend-provider';
import { startTrainer } from './trainer';
import { connectToParent } from './ports';

const runThreads: RunThreads = { current: undefined };
startTrainer(
  watchRunThreads(connectToParent(), runThreads),
  createBackendProvider({ native: loadNativeBackend, wasm: loadWasmBackend }, runThreads, process.env),
);
