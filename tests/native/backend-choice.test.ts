/**
 * Backend choice on a machine without the native addon (a fresh clone installed with
 * DENDRITE_SKIP_NATIVE=1, or without a C++ toolchain — simulated by pointing
 * DENDRITE_NATIVE_PATH at no file): the built CLI and the built trainer entry run on wasm
 * and say why; --backend wasm forces wasm where native loads.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FromTrainer } from '../../engine/protocol/messages';
import { forkTrainer } from '../helpers/forked-trainer';
import { planarRequest } from '../helpers/planar-request';
import { nativeUnavailable } from './helpers';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'bin', 'dendrite.cjs');
const PLANAR = join(ROOT, 'resources', 'examples', 'planar-2-4-1.spec.json');
const NO_ADDON = { DENDRITE_NATIVE_PATH: join(ROOT, 'no-such-addon.node') };

function cli(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
  const last = r.stdout.trim().split('\n').at(-1) ?? '';
  return { status: r.status, stderr: r.stderr, result: last.startsWith('{') ? (JSON.parse(last) as Record<string, unknown>) : null };
}

describe('the built CLI', () => {
  it('without the native addon trains on wasm and says why', () => {
    const r = cli(['train', '--spec', PLANAR, '--data', 'flower', '--iterations', '300', '--threads', '2'], NO_ADDON);
    expect(r.stderr).toMatch(/^backend: wasm \(native unavailable: DENDRITE_NATIVE_PATH=\S*no-such-addon.node does not exist; 2 threads\)\n/);
    expect(r.status).toBe(0);
    expect(r.result).toMatchObject({ status: 'completed', backend: 'wasm', iterations: 300 });
    expect(r.result!.trainAccuracy as number).toBeGreaterThan(0.85);
  });

  it.skipIf(!!nativeUnavailable())('runs native by default where it loads, and wasm when --backend wasm forces it', () => {
    expect(cli(['train', '--spec', PLANAR, '--data', 'flower:50', '--iterations', '5', '--threads', '1']).stderr).toMatch(/^backend: native \(1 thread\)\n/);
    const forced = cli(['train', '--spec', PLANAR, '--data', 'flower:50', '--iterations', '5', '--threads', '1', '--backend', 'wasm']);
    expect(forced.stderr).toMatch(/^backend: wasm \(1 thread\)\n/);
    expect(forced.result).toMatchObject({ backend: 'wasm' });
  });

  it('refuses an unknown --backend (exit 2, naming the choices)', () => {
    const r = cli(['train', '--spec', PLANAR, '--data', 'flower:50', '--backend', 'gpu']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--backend: expected native, wasm or reference, got "gpu"/);
  });
});

describe('the built trainer entry (the desktop utility process)', () => {
  it('without the native addon trains on wasm through the protocol and reports it', async () => {
    const events: FromTrainer[] = [];
    const child = forkTrainer(NO_ADDON);
    const done = new Promise<FromTrainer>((resolve) =>
      child.onMessage((m) => {
        const e = m as FromTrainer;
        events.push(e);
        const base = planarRequest('wasm-1');
        if (e.type === 'hello')
          child.postMessage({ type: 'start-run', request: { ...base, backend: undefined, threads: 2, config: { ...base.config, iterations: 500 } } });
        if (e.type === 'run-finished' || e.type === 'run-failed') resolve(e);
      }),
    );
    const finished = await done;
    child.kill();
    expect(finished.type, JSON.stringify(finished)).toBe('run-finished');
    const hello = events.find((e) => e.type === 'hello');
    expect(hello).toMatchObject({ backend: { name: 'wasm', fallbackReason: expect.stringMatching(/^native unavailable: DENDRITE_NATIVE_PATH=/) } });
    expect(events.find((e) => e.type === 'run-started')).toMatchObject({ backend: { name: 'wasm', threads: 2 } });
  });
});
