import type { GraphDoc } from './document';

/**
 * The course's planar shallow network (week 3): 2 inputs → 4 tanh units → 1 sigmoid
 * output. The first launch opens on it, so a newcomer's first Train teaches something.
 */
export function planarExample(): GraphDoc {
  return {
    nodes: [
      { id: 'input-1', type: 'input', position: { x: 0, y: 120 }, data: { shape: [2] } },
      { id: 'dense-1', type: 'dense', position: { x: 300, y: 100 }, data: { units: 4, activation: 'tanh' } },
      {
        id: 'output-1',
        type: 'output',
        position: { x: 600, y: 110 },
        data: { units: 1, activation: 'sigmoid', loss: 'bce' },
      },
    ],
    edges: [
      { id: 'e-input-1-dense-1', source: 'input-1', target: 'dense-1', targetHandle: 'in' },
      { id: 'e-dense-1-output-1', source: 'dense-1', target: 'output-1', targetHandle: 'in' },
    ],
  };
}
