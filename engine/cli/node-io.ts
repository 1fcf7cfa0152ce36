/** The Node host of the CLI: files, stdio, the native backend loader. */
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { loadNativeBackend } from '../native/load';
import type { CliIo } from './io';

export function nodeIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    isTTY: Boolean(process.stderr.isTTY),
    readText: (path) => readFileSync(path, 'utf8'),
    readBytes: (path) => new Uint8Array(readFileSync(path)),
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
    now: () => performance.now(),
  };
}
