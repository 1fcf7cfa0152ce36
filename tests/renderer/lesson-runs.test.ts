/** While a lesson is open, every run is made reproducible (reference kernels, one thread) and its request kept. */
import { describe, expect, it } from 'vitest';
import type { RunRequest } from '../../engine/protocol/messages';
import type { Host } from '../../src/renderer/src/host/host';
import { requestOfRun, setLessonRuns, withLessonRuns } from '../../src/renderer/src/lessons/lesson-runs';

function fakeHost() {
  const started: RunRequest[] = [];
  const host = { kind: 'web', startRun: async (request: RunRequest) => void started.push(request) } as unknown as Host;
  return { host, started };
}

const request = (runId: string): RunRequest => ({
  runId,
  spec: { format: 'dendrite.spec', version: 1, layers: [] },
  data: { kind: 'generator', name: 'flower', m: 10, seed: 1 },
  config: { batchSize: 'full', learningRate: 1, optimizer: { kind: 'gd' }, seed: 1, iterations: 1 },
  threads: 2,
});

describe('lesson runs', () => {
  it('leaves runs alone outside a lesson, and keeps their requests', async () => {
    const { host, started } = fakeHost();
    setLessonRuns(false);
    await withLessonRuns(host).startRun(request('a'));
    expect(started[0]).toEqual(request('a'));
    expect(requestOfRun('a')?.request).toEqual(request('a'));
  });

  it('asks for the reference kernels on one thread while a lesson is open', async () => {
    const { host, started } = fakeHost();
    setLessonRuns(true);
    await withLessonRuns(host).startRun(request('b'));
    setLessonRuns(false);
    expect(started[0]).toMatchObject({ runId: 'b', backend: 'reference', threads: 1 });
    expect(requestOfRun('b')?.request).toMatchObject({ backend: 'reference', threads: 1 });
    expect(requestOfRun('nope')).toBeNull();
  });
});
