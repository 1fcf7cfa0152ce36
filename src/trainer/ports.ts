/**
 * The port adapter: lets one trainer speak the protocol under every parent it can
 * have — Electron's utilityProcess (process.parentPort), Node's child_process.fork
 * (process.send), Node's worker_threads (parentPort) and a browser Web Worker (self).
 * Nothing here imports a Node module, so the file bundles for the browser too.
 */
import type { FromTrainer } from '../../engine/protocol';

export interface TrainerPort {
  readonly kind: 'electron-utility' | 'node-fork' | 'worker-thread' | 'web-worker';
  post(message: FromTrainer): void;
  onMessage(handler: (message: unknown) => void): void;
}

interface ElectronParentPort {
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}
interface NodeWorkerPort {
  on(event: 'message', listener: (message: unknown) => void): void;
  postMessage(message: unknown): void;
}
interface ProcessLike {
  parentPort?: ElectronParentPort;
  send?: (message: unknown) => boolean;
  on?: (event: 'message', listener: (message: unknown) => void) => void;
  getBuiltinModule?: (id: string) => unknown;
}
interface WorkerScopeLike {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
}

export function connectToParent(): TrainerPort {
  const proc = (globalThis as { process?: ProcessLike }).process;

  if (proc?.parentPort) {
    const parent = proc.parentPort;
    return {
      kind: 'electron-utility',
      post: (message) => parent.postMessage(message),
      onMessage: (handler) => parent.on('message', (event) => handler(event.data)),
    };
  }

  // worker_threads before fork: a worker inside a forked process would otherwise answer its grandparent.
  const threads = proc?.getBuiltinModule?.('node:worker_threads') as { isMainThread: boolean; parentPort: NodeWorkerPort | null } | undefined;
  if (threads && !threads.isMainThread && threads.parentPort) {
    const parent = threads.parentPort;
    return {
      kind: 'worker-thread',
      post: (message) => parent.postMessage(message),
      onMessage: (handler) => parent.on('message', handler),
    };
  }

  if (proc?.send && proc.on) {
    const send = proc.send.bind(proc);
    const on = proc.on.bind(proc);
    return {
      kind: 'node-fork',
      post: (message) => void send(message),
      onMessage: (handler) => on('message', handler),
    };
  }

  const scope = globalThis as unknown as Partial<WorkerScopeLike>;
  if (typeof scope.postMessage === 'function' && typeof scope.addEventListener === 'function') {
    const worker = scope as WorkerScopeLike;
    return {
      kind: 'web-worker',
      post: (message) => worker.postMessage(message),
      onMessage: (handler) => worker.addEventListener('message', (event) => handler(event.data)),
    };
  }

  throw new Error('The trainer was started without a parent to talk to (no parentPort, IPC channel or worker scope).');
}

/**
 * Lets queued messages (stop, pause) be delivered between chunks of work.
 * setImmediate where it exists (Node, Electron); a MessageChannel round trip in
 * browsers, which — unlike setTimeout(0) — is not clamped to 4 ms.
 */
export function yieldToEventLoop(): Promise<void> {
  const g = globalThis as { setImmediate?: (fn: () => void) => unknown };
  if (typeof g.setImmediate === 'function') {
    return new Promise((resolve) => g.setImmediate!(resolve));
  }
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    const port1 = channel.port1 as unknown as { onmessage: (() => void) | null; close(): void };
    port1.onmessage = () => {
      port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
