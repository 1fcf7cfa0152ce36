/**
 * Threads per run: main gives each simultaneous run its share of the cores
 * (RunRequest.threads), the trainer entry loads the native backend with that many
 * threads, and the CLI takes --threads.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../engine/cli/main';
import type { CliIo } from '../../engine/cli/io';
import type { Backend } from '../../engine/kernels/kernels';
import { createReferenceBackend } from '../../engine/kernels/reference';
import { backendLine } from '../../engine/kernels/backend-line';
import { loadNativeBackend } from '../../engine/native/load';
import { RunManager } from '../../src/main/runs';
import { createBackendProvider, requestedThreads, watchRunThreads, type RunThreads } from '../../src/trainer/backend-provider';
import type { TrainerPort } from '../../src/trainer/ports';
import { FakeChild } from '../helpers/fake-child';
import { planarRequest } from '../helpers/planar-request';

const sentThreads = (child: FakeChild) => (child.sent[0] as { request: { threads?: number } }).request.threads;

describe('main: threads per run', () => {
  it('gives each new run floor(cores / runs active with it), at least 1', () => {
    const children: FakeChild[] = [];
    const runs = new RunManager(
      () => {
        const child = new FakeChild();
        children.push(child);
        return child;
      },
      () => {},
      4,
      4,
    );
    for (const id of ['a', 'b', 'c', 'd', 'e']) runs.start(planarRequest(id));
    // a alone: 4 cores; b with a: 2; c with a, b: 1 (floor 4/3); d: 1; e waits in the queue.
    expect(children.map(sentThreads)).toEqual([4, 2, 1, 1]);
    expect(runs.queuedRunIds).toEqual(['e']);
    children[0]!.say({ type: 'run-finished', runId: 'a', reason: 'completed', metrics: { iterations: 1, epochs: 1, trainCost: 0.1, trainAccuracy: 1 } });
    expect(children).toHaveLength(5);
    expect(sentThreads(children[4]!)).toBe(1); // 4 runs again
  });

  it('keeps a thread count the request already has, and defaults cores to the concurrency cap', () => {
    const children: FakeChild[] = [];
    const runs = new RunManager(
      () => {
        const child = new FakeChild();
        children.push(child);
        return child;
      },
      () => {},
      2,
    );
    runs.start({ ...planarRequest('a'), threads: 3 });
    runs.start(planarRequest('b'));
    expect(children.map(sentThreads)).toEqual([3, 1]);
  });
});

function fakePort(): TrainerPort & { deliver(message: unknown): void } {
  let handler: (message: unknown) => void = () => {};
  return { kind: 'node-fork', post: () => {}, onMessage: (h) => void (handler = h), deliver: (m) => handler(m) };
}

const fake = (threads: number, name: Backend['name'] = 'native'): Backend => ({ ...createReferenceBackend('float32'), name, threads });

describe('trainer entry: the run decides the thread count', () => {
  it('reads threads off start-run messages before the trainer handles them', () => {
    const port = fakePort();
    const runThreads: RunThreads = { current: undefined };
    const seen: (number | undefined)[] = [];
    watchRunThreads(port, runThreads).onMessage(() => seen.push(runThreads.current));
    port.deliver({ type: 'start-run', request: { ...planarRequest('a'), threads: 1 } });
    port.deliver({ type: 'stop-run', runId: 'a' });
    port.deliver({ type: 'start-run', request: planarRequest('b') });
    expect(seen).toEqual([1, 1, undefined]);
    expect(requestedThreads({ type: 'start-run', request: { threads: 0 } })).toBeUndefined();
    expect(requestedThreads({ type: 'start-run', request: { threads: 2.5 } })).toBeUndefined();
    expect(requestedThreads({ type: 'stop-run', request: { threads: 2 } })).toBeUndefined();
  });

  it('loads the native backend with the run’s threads (once per count) and falls back with the reason', () => {
    const calls: { threads?: number }[] = [];
    const runThreads: RunThreads = { current: undefined };
    const provide = createBackendProvider({ native: (opts) => (calls.push(opts), { backend: fake(opts.threads ?? 8) }) }, runThreads, {});
    expect(provide(undefined).info).toEqual({ name: 'native', threads: 8 });
    runThreads.current = 1;
    expect(provide(undefined).info).toEqual({ name: 'native', threads: 1 });
    expect(provide('native').backend.threads).toBe(1);
    expect(provide('reference').info).toEqual({ name: 'reference' });
    expect(calls).toEqual([{}, { threads: 1 }]);

    const failing = createBackendProvider({ native: () => ({ error: 'addon not built' }) }, runThreads, {});
    expect(failing(undefined).info).toEqual({ name: 'reference', fallbackReason: 'native unavailable: addon not built' });
    const forced = createBackendProvider({ native: (opts) => ({ backend: fake(opts.threads ?? 8) }) }, runThreads, { DENDRITE_BACKEND: 'reference' });
    expect(forced(undefined).info.name).toBe('reference');
  });

  it('falls back from native to wasm to reference, saying why, and honours a wasm preference', () => {
    const runThreads: RunThreads = { current: 2 };
    const wasm = (opts: { threads?: number }) => ({ backend: fake(opts.threads ?? 4, 'wasm') });
    const noNative = createBackendProvider({ native: () => ({ error: 'addon not built' }), wasm }, runThreads, {});
    expect(noNative(undefined).info).toEqual({ name: 'wasm', threads: 2, fallbackReason: 'native unavailable: addon not built' });
    expect(backendLine(noNative(undefined).info)).toBe('backend: wasm (native unavailable: addon not built; 2 threads)');
    const neither = createBackendProvider({ native: () => ({ error: 'addon not built' }), wasm: () => ({ error: 'no module' }) }, runThreads, {});
    expect(neither(undefined).info).toEqual({ name: 'reference', fallbackReason: 'native unavailable: addon not built; wasm unavailable: no module' });
    const both = createBackendProvider({ native: (opts) => ({ backend: fake(opts.threads ?? 8) }), wasm }, runThreads, { DENDRITE_BACKEND: 'wasm' });
    expect(both(undefined).info).toEqual({ name: 'wasm', threads: 2 });
    expect(both('native').info).toEqual({ name: 'native', threads: 2 });
    expect(both('wasm').backend.name).toBe('wasm');
  });

  it('with the real addon, a 1-thread run and a 2-thread run each get their own count', () => {
    if (process.env.DENDRITE_ALLOW_NO_NATIVE === '1' && 'error' in loadNativeBackend()) return;
    const runThreads: RunThreads = { current: 1 };
    const provide = createBackendProvider({ native: loadNativeBackend }, runThreads, {});
    const one = provide(undefined);
    runThreads.current = 2;
    const two = provide(undefined);
    expect(one.info).toEqual({ name: 'native', threads: 1 });
    expect(two.info).toEqual({ name: 'native', threads: 2 });
    // The two backends share the addon; each re-applies its own count before a kernel.
    const a = new Float32Array([1, 2, 3, 4]);
    const c = new Float32Array(4);
    one.backend.kernels.gemm(false, false, 2, 2, 2, 1, a, a, 0, c);
    expect(Array.from(c)).toEqual([7, 10, 15, 22]);
    expect((two.backend as unknown as { info(): { threads: number } }).info().threads).toBe(2);
    expect((one.backend as unknown as { info(): { threads: number } }).info().threads).toBe(1);
  });
});

describe('CLI: --threads', () => {
  const EXAMPLES = join(__dirname, '..', '..', 'resources', 'examples');
  function io() {
    const out = { stderr: '', stdout: '', asked: [] as unknown[] };
    const host: CliIo = {
      stdout: (t) => void (out.stdout += t),
      stderr: (t) => void (out.stderr += t),
      isTTY: false,
      readText: (path) => readFileSync(path, 'utf8'),
      readBytes: (path) => new Uint8Array(readFileSync(path)),
      writeText: () => {},
      loadNative: (opts) => {
        out.asked.push(opts);
        return { backend: { ...createReferenceBackend('float32'), name: 'native', threads: opts?.threads ?? 2 } };
      },
      now: () => performance.now(),
    };
    return { host, out };
  }
  const planar = join(EXAMPLES, 'planar-2-4-1.spec.json');

  it('passes --threads to the native loader and says how many threads run', async () => {
    const { host, out } = io();
    expect(await main(['train', '--spec', planar, '--data', 'flower:40', '--iterations', '3', '--threads', '1'], host)).toBe(0);
    expect(out.asked).toEqual([{ threads: 1 }]);
    expect(out.stderr).toContain('backend: native (1 thread)');
    const plain = io();
    expect(await main(['train', '--spec', planar, '--data', 'flower:40', '--iterations', '3'], plain.host)).toBe(0);
    expect(plain.out.asked).toEqual([undefined]);
  });

  it('refuses a thread count that is not a positive integer (exit 2)', async () => {
    for (const bad of ['0', '1.5', 'many']) {
      const { host, out } = io();
      expect(await main(['train', '--spec', planar, '--data', 'flower:40', '--threads', bad], host)).toBe(2);
      expect(out.stderr).toMatch(/--threads/);
      expect(out.asked).toEqual([]);
    }
  });
});
