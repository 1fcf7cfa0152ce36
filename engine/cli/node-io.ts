/**
 * The Node host of the CLI: files, stdio, the native and wasm backend loaders. Files are read only when
 * they are regular files within the limits (a FIFO, a device or a symlink to /dev/zero is
 * refused, not read forever), and text is decoded the way the app decodes it (UTF-8, or
 * UTF-16 with a byte-order mark).
 */
import { installNodeGunzip } from '../node/gunzip';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { loadNativeBackend } from '../native/load';
import { readRegularFileSync } from '../node/regular-file';
import { decodeText } from '../data/readers/text-encoding';
import { MAX_BINARY_FILE_BYTES, MAX_TEXT_FILE_BYTES } from '../limits';
import { loadWasmBackend } from '../node/wasm';
import type { CliIo } from './io';

export function nodeIo(): CliIo {
  // The readers inflate .gz files with Node's zlib from here on (engine/node/gunzip.ts).
  installNodeGunzip();
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    isTTY: Boolean(process.stderr.isTTY),
    readText: (path) => decodeText(readRegularFileSync(path, MAX_TEXT_FILE_BYTES), path),
    readBytes: (path) => readRegularFileSync(path, MAX_BINARY_FILE_BYTES),
    writeText: (path, text) => writeFileSync(path, text),
    writeBytes: (path, bytes) => {
      // A temporary file beside the target, then a rename: never a half-written export.
      const temporary = `${path}.${process.pid}.tmp`;
      try {
        writeFileSync(temporary, bytes);
        renameSync(temporary, path);
      } catch (error) {
        rmSync(temporary, { force: true });
        throw error;
      }
    },
    loadNative: (opts) => loadNativeBackend(opts),
    loadWasm: (opts) => loadWasmBackend(opts),
    now: () => performance.now(),
  };
}
