/**
 * The parts of the WebAssembly JavaScript API the wasm backend uses, typed here because the
 * Node build's TypeScript lib has no DOM (where lib.dom types them).
 */
/** A compiled module (opaque). */
export type WasmModule = object;

export interface WasmMemory {
  readonly buffer: ArrayBufferLike;
  grow(pages: number): number;
}

export interface WasmInstance {
  readonly exports: Record<string, unknown>;
}

export interface WasmApi {
  Module: {
    new (bytes: Uint8Array): WasmModule;
    imports(module: WasmModule): { module: string; name: string; kind: string }[];
  };
  Instance: new (module: WasmModule, imports: Record<string, Record<string, unknown>>) => WasmInstance;
  Memory: new (descriptor: { initial: number; maximum?: number; shared?: boolean }) => WasmMemory;
  RuntimeError: new (message?: string) => Error;
  compile(bytes: ArrayBuffer | Uint8Array): Promise<WasmModule>;
}

export const wasmApi = (): WasmApi => (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
