/**
 * The CLI's I/O for tests of `main`: given files first (then whatever it wrote, then the disk),
 * stdout and stderr captured, writes kept in memory, and no native addon (the reference backend,
 * so results do not depend on the machine's CPU).
 */
import { readFileSync } from 'node:fs';
import type { CliIo } from '../../engine/cli/io';

export function testCliIo(files: Record<string, string | Uint8Array> = {}) {
  const out = { stdout: '', stderr: '', written: {} as Record<string, string> };
  const given = (path: string) => (path in files ? files[path] : path in out.written ? out.written[path] : undefined);
  const host: CliIo = {
    stdout: (t) => void (out.stdout += t),
    stderr: (t) => void (out.stderr += t),
    isTTY: false,
    readText: (path) => {
      const file = given(path);
      if (file === undefined) return readFileSync(path, 'utf8');
      return typeof file === 'string' ? file : new TextDecoder().decode(file);
    },
    readBytes: (path) => {
      const file = given(path);
      if (file === undefined) return new Uint8Array(readFileSync(path));
      return typeof file === 'string' ? new TextEncoder().encode(file) : file;
    },
    writeText: (path, text) => void (out.written[path] = text),
    loadNative: () => ({ error: 'not in this test' }),
    now: () => performance.now(),
  };
  return { host, out };
}
