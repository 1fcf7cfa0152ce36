/**
 * The trainer entry for the web host: the same trainer, in a browser Web Worker,
 * on the reference backend (native code cannot load in a browser).
 */
import { createReferenceBackend } from '../../engine/kernels/reference';
import { startTrainer } from './trainer';
import { connectToParent } from './ports';

const reference = createReferenceBackend('float32');

startTrainer(connectToParent(), () => ({
  backend: reference,
  info: { name: 'reference', fallbackReason: 'the web host runs the reference backend' },
}));
