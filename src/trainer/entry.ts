/**
 * The trainer entry for Node-based parents: Electron's utilityProcess, Node's
 * fork and worker_threads. Offers the native backend when it loads — with the
 * thread count the run asks for (RunRequest.threads: main gives each of several
 * simultaneous runs its share of the cores) — otherwise the reference backend
 * with the reason.
 */
import { loadNativeBackend } from '../../engine/native/load';
import { createBackendProvider, watchRunThreads, type RunThreads } from './backend-provider';
import { startTrainer } from './trainer';
import { connectToParent } from './ports';

const runThreads: RunThreads = { current: undefined };
startTrainer(watchRunThreads(connectToParent(), runThreads), createBackendProvider(loadNativeBackend, runThreads));
