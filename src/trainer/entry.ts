/**
 * The trainer entry for Node-based parents: Electron's utilityProcess, Node's
 * fork and worker_threads. Offers the native backend when it loads, otherwise
 * the reference backend with the reason.
 */
import { createReferenceBackend } from '../../engine/kernels/reference';
import { loadNativeBackend } from '../../engine/native/load';
import type { BackendChoice, BackendProvider } from './trainer';
import { startTrainer } from './trainer';
import { connectToParent } from './ports';

let native: BackendChoice | { error: string } | null = null;

const provideBackend: BackendProvider = (preference) => {
  if (process.env.DENDRITE_BACKEND === 'reference' || preference === 'reference') {
    return { backend: createReferenceBackend('float32'), info: { name: 'reference' } };
  }
  if (!native) {
    const loaded = loadNativeBackend();
    native =
      'backend' in loaded
        ? { backend: loaded.backend, info: { name: 'native', threads: loaded.backend.threads } }
        : { error: loaded.error };
  }
  if ('backend' in native) return native;
  return {
    backend: createReferenceBackend('float32'),
    info: { name: 'reference', fallbackReason: native.error },
  };
};

startTrainer(connectToParent(), provideBackend);
