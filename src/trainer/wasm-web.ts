/**
 * The wasm backend in the web host's trainer worker. With cross-origin isolation (the web
 * host serves COOP/COEP headers: vite.web.config.ts) the threaded build runs on a shared
 * memory with nested workers as its threads; without it, the single-threaded build on a
 * memory of fixed size (a plain memory that grew would detach every tensor's view).
 */
import { createWasmRuntime, WASM_WORKER_FUNCTION, wasmApi, type WasmBackend, type WasmPlatform } from '../../engine/train';

// The browser APIs used here, typed locally: src/trainer is compiled without the DOM lib
// (it also builds for Node), as ports.ts does.
interface WorkerLike {
  onmessage: ((event: { data: { ready?: boolean; error?: string } | null }) => void) | null;
  onerror: ((event: { message?: string }) => void) | null;
  postMessage(message: unknown): void;
  terminate(): void;
}
interface BrowserScope {
  crossOriginIsolated?: boolean;
  Worker: new (url: string, options?: { name?: string }) => WorkerLike;
  Blob: new (parts: string[], options?: { type?: string }) => object;
  URL: { createObjectURL(blob: object): string; revokeObjectURL(url: string): void };
  navigator: { hardwareConcurrency?: number };
  fetch(url: URL): Promise<{ ok: boolean; status: number; arrayBuffer(): Promise<ArrayBuffer> }>;
}
const browser = globalThis as unknown as BrowserScope;

const WORKER_SOURCE = `'use strict';
${WASM_WORKER_FUNCTION}
self.onmessage = (e) => dendriteWasmWorker(e.data, () => self.postMessage({ ready: true }), (m) => self.postMessage({ error: m }));
`;

/** The pool's threads as nested workers, each from a Blob of the worker source. */
const browserPlatform: WasmPlatform = {
  startWorker(init, onReady, onError) {
    const url = browser.URL.createObjectURL(new browser.Blob([WORKER_SOURCE], { type: 'text/javascript' }));
    const worker = new browser.Worker(url, { name: `dendrite-wasm-thread-${init.tid}` });
    worker.onmessage = (event) => {
      if (event.data?.error) onError(event.data.error);
      else if (event.data?.ready) {
        browser.URL.revokeObjectURL(url);
        onReady();
      }
    };
    worker.onerror = (event) => onError(event.message || 'the thread could not start');
    worker.postMessage(init);
    return { terminate: () => worker.terminate() };
  },
};

export interface WebWasm {
  backend(threads: number | undefined): WasmBackend;
  /** Why it runs one thread, when it does. */
  note?: string;
}

export async function loadWebWasm(): Promise<WebWasm | { error: string }> {
  const isolated = browser.crossOriginIsolated === true;
  try {
    const url = isolated ? new URL('../../engine/wasm/dendrite-mt.wasm', import.meta.url) : new URL('../../engine/wasm/dendrite-st.wasm', import.meta.url);
    const response = await browser.fetch(url);
    if (!response.ok) throw new Error(`${url.pathname}: HTTP ${response.status}`);
    const module = await wasmApi().compile(await response.arrayBuffer());
    const runtime = createWasmRuntime({ module, build: isolated ? 'mt' : 'st', platform: isolated ? browserPlatform : undefined });
    const cores = Math.max(1, Math.min(16, browser.navigator.hardwareConcurrency || 1));
    return {
      backend: (threads) => runtime.backend(isolated ? (threads ?? cores) : 1),
      ...(isolated ? {} : { note: 'one thread: the page is not cross-origin isolated' }),
    };
  } catch (error) {
    return { error: (error instanceof Error ? error.message : String(error)).split('\n')[0] };
  }
}
