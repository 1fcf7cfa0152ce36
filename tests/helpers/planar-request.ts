import type { RunRequest } from '../../engine/protocol/messages';
import type { ModelSpec } from '../../engine/spec/types';

/** The course's planar network, 2 → 4 tanh → 1 sigmoid, as a spec. */
export const planarSpec: ModelSpec = {
  format: 'dendrite.spec',
  version: 1,
  name: 'planar 2-4-1',
  layers: [
    { id: 'input-1', kind: 'input', inputs: [], shape: [2] },
    { id: 'dense-1', kind: 'dense', inputs: ['input-1'], units: 4, activation: 'tanh' },
    { id: 'output-1', kind: 'output', inputs: ['dense-1'], units: 1, activation: 'sigmoid', loss: 'bce' },
  ],
};

export function planarRequest(runId: string, iterations = 10000, learningRate = 1.2): RunRequest {
  return {
    runId,
    spec: planarSpec,
    data: { kind: 'generator', name: 'flower', m: 400, seed: 1 },
    config: { iterations, batchSize: 'full', learningRate, optimizer: { kind: 'gd' }, seed: 2 },
    backend: 'reference',
  };
}
