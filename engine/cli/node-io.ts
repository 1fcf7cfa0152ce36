/** The Node host of the CLI: files, stdio, the native and wasm backend loaders. */
import { readFileSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { loadNativeBackend } from '../native/load';
import { loadWasmBackend } from '../node/wasm';
import type { CliIo } from './io';

export function nodeIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    isTTY: Boolean(process.stderr.isTTY),
    readText: (path) => readFileSync(path, 'utf8'),
    readBytes: (path) => new Uint8Array(readFileSync(path)),
    writeText: (path, text) => writeFileSync(path, text),
    loadNative: (opts) => loadNativeBackend(opts),
    loadWasm: (opts) => loadWasmBackend(opts),
    now: () => performance.now(),
  };
}
