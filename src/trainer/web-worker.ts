/**
 * The trainer entry for the web host: the same trainer, in a browser Web Worker, on the
 * wasm backend (native code cannot load in a browser), else the reference backend with
 * the reason.
 */
import { createBackendProvider, watchRunThreads, type RunThreads } from './backend-provider';
import { startTrainer } from './trainer';
import { connectToParent, type TrainerPort } from './ports';
import { loadWebWasm } from './wasm-web';

// The host posts start-run right after creating this worker; messages that arrive while
// the wasm module compiles wait here until the trainer listens.
const parent = connectToParent();
const early: unknown[] = [];
let deliver: ((message: unknown) => void) | null = null;
parent.onMessage((message) => (deliver ? deliver(message) : early.push(message)));
const port: TrainerPort = {
  kind: parent.kind,
  post: (message) => parent.post(message),
  onMessage(handler) {
    deliver = handler;
    for (const message of early.splice(0)) handler(message);
  },
};

const runThreads: RunThreads = { current: undefined };
void loadWebWasm().then((wasm) => {
  const loadWasm = 'error' in wasm ? () => wasm : (opts: { threads?: number }) => ({ backend: wasm.backend(opts.threads) });
  startTrainer(watchRunThreads(port, runThreads), createBackendProvider({ wasm: loadWasm, wasmNote: 'error' in wasm ? undefined : wasm.note }, runThreads));
});
