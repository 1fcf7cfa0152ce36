/**
 * A benchmark run in its own child process (its peak RSS and its JIT are its own) reports one
 * JSON object as the last `{…}` line of its stdout. On failure: one JSON `error` line, null.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const root = resolve(__dirname, '..');

export function childJson(
  cmd: string,
  args: readonly string[],
  opts: { env?: NodeJS.ProcessEnv; timeoutMs?: number; label?: string } = {},
): Record<string, unknown> | null {
  const res = spawnSync(cmd, args, {
    cwd: root,
    env: opts.env ?? process.env,
    encoding: 'utf8',
    maxBuffer: 1 << 26,
    timeout: opts.timeoutMs ?? 30 * 60 * 1000,
  });
  const line = (res.stdout ?? '')
    .trim()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .at(-1);
  if (res.status !== 0 || !line) {
    const err = (res.stderr ?? '').trim().split('\n').slice(-3).join(' | ');
    console.log(JSON.stringify({ error: `${opts.label ?? [cmd, ...args].join(' ')} failed (${res.status ?? res.signal}): ${err}` }));
    return null;
  }
  return JSON.parse(line) as Record<string, unknown>;
}
