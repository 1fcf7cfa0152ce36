/**
 * The Python the export tests run the scripts with: the first of $DENDRITE_PYTHON, Debian's
 * /usr/bin/python3 (where apt's python3-torch, python3-numpy and python3-onnx live) and the
 * python3 on PATH that can import the modules a test needs. Null when none can: the test says so
 * in its name and is skipped.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CANDIDATES = [process.env.DENDRITE_PYTHON, '/usr/bin/python3', 'python3'].filter((p): p is string => !!p && (!p.includes('/') || existsSync(p)));
const found = new Map<string, string | null>();

export function pythonWith(...modules: string[]): string | null {
  const key = modules.join(',');
  if (!found.has(key)) {
    const python = CANDIDATES.find((candidate) => spawnSync(candidate, ['-c', `import ${key}`], { stdio: 'ignore', timeout: 60_000 }).status === 0) ?? null;
    found.set(key, python);
  }
  return found.get(key)!;
}

/** The suffix a skipped test's name carries. */
export function missing(modules: string, apt: string): string {
  return ` — skipped: no python3 here can import ${modules} (apt-get install ${apt})`;
}

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runPython(python: string, args: string[], cwd?: string): Run {
  const result = spawnSync(python, args, { encoding: 'utf8', cwd, maxBuffer: 256 * 1024 * 1024, timeout: 300_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
