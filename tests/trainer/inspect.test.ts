/** The trainer answers 'inspect' messages through the protocol, validated like every other message. */
import { describe, expect, it } from 'vitest';
import type { FromTrainer, RunRequest } from '../../engine/protocol/messages';
import { parseToTrainer } from '../../engine/protocol/schema';
import { createReferenceBackend } from '../../engine/kernels/reference';
import { startTrainer } from '../../src/trainer/trainer';
import type { TrainerPort } from '../../src/trainer/ports';

function fakePort() {
  const posted: FromTrainer[] = [];
  let handler: (message: unknown) => void = () => undefined;
  const port: TrainerPort = { kind: 'web-worker', post: (m) => posted.push(m), onMessage: (h) => (handler = h) };
  return { port, posted, send: (message: unknown) => handler(message) };
}

const run: RunRequest = {
  runId: 'r',
  spec: {
    format: 'dendrite.spec',
    version: 1,
    layers: [
      { id: 'x', kind: 'input', shape: [2], inputs: [] },
      { id: 'h', kind: 'dense', units: 3, activation: 'tanh', inputs: ['x'] },
      { id: 'y', kind: 'output', units: 1, activation: 'sigmoid', loss: 'bce', inputs: ['h'] },
    ],
  },
  data: { kind: 'generator', name: 'flower', m: 40, seed: 1 },
  config: { batchSize: 'full', learningRate: 1.2, optimizer: { kind: 'gd' }, seed: 2, iterations: 10 },
};

describe('inspect messages', () => {
  it('answers a step-through with the example’s trace, keyed by the inspect id', () => {
    const { port, posted, send } = fakePort();
    startTrainer(port, () => ({ backend: createReferenceBackend('float32'), info: { name: 'reference' } }));
    send({ type: 'inspect', inspectId: 'look-1', run, view: { kind: 'step-through', example: 5 } });
    const answer = posted.find((e) => e.type === 'inspection');
    expect(answer?.type === 'inspection' && answer.runId).toBe('look-1');
    if (answer?.type !== 'inspection' || answer.inspection.kind !== 'step-through') throw new Error('no step-through');
    expect(answer.inspection.result.example.index).toBe(5);
    expect(answer.inspection.result.forward.map((l) => l.id)).toEqual(['x', 'h', 'y']);
  });

  it('reports a view the request cannot give as inspect-failed with the reason', () => {
    const { port, posted, send } = fakePort();
    startTrainer(port, () => ({ backend: createReferenceBackend('float32'), info: { name: 'reference' } }));
    send({ type: 'inspect', inspectId: 'look-2', run, view: { kind: 'conv-filters' } });
    expect(posted.find((e) => e.type === 'inspect-failed')).toEqual({ type: 'inspect-failed', runId: 'look-2', message: 'The network has no conv layer.' });
  });

  it('refuses a malformed view before computing anything', () => {
    expect(parseToTrainer({ type: 'inspect', inspectId: 'x', run, view: { kind: 'step-through', example: -1 } })).toMatchObject({
      ok: false,
      error: expect.stringContaining('view.example'),
    });
    expect(parseToTrainer({ type: 'inspect', inspectId: 'x', run, view: { kind: 'x-ray' } }).ok).toBe(false);
    expect(parseToTrainer({ type: 'inspect', inspectId: 'x', run, view: { kind: 'saliency', set: 'train', example: 0 } }).ok).toBe(true);
  });
});

describe('inspect messages through the trainer', () => {
  it('refuses a malformed inspect message with the path of the problem, computing nothing', () => {
    const { port, posted, send } = fakePort();
    startTrainer(port, () => ({ backend: createReferenceBackend('float32'), info: { name: 'reference' } }));
    send({ type: 'inspect', inspectId: 'look-3', run, view: { kind: 'step-through', example: 2.5 } });
    expect(posted.filter((e) => e.type !== 'hello')).toEqual([
      { type: 'run-failed', runId: '', message: expect.stringMatching(/^The trainer refused a message: view\.example: /) },
    ]);
  });
});
