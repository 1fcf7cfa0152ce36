import { describe, expect, it } from 'vitest';
import { checkConnection } from '../../src/renderer/src/graph/connection-rules';
import { planarExample } from '../../src/renderer/src/graph/examples';

describe('connection rules', () => {
  const doc = planarExample();

  it('accepts a forward wire', () => {
    expect(checkConnection(doc, { source: 'input-1', target: 'output-1' })).toEqual({ ok: true });
  });

  it('refuses a wire that would close a cycle, with the reason', () => {
    const verdict = checkConnection(doc, { source: 'dense-1', target: 'dense-1' });
    expect(verdict).toEqual({ ok: false, reason: expect.stringMatching(/itself/) });
    const docWithExtra = {
      ...doc,
      nodes: [...doc.nodes, { id: 'dense-2', type: 'dense' as const, position: { x: 0, y: 0 }, data: {} }],
      edges: [...doc.edges, { id: 'x', source: 'dense-1', target: 'dense-2' }],
    };
    expect(checkConnection(docWithExtra, { source: 'dense-2', target: 'dense-1' })).toEqual({
      ok: false,
      reason: expect.stringMatching(/cycle/),
    });
  });

  it('refuses wires into the input layer and out of the output layer', () => {
    expect(checkConnection(doc, { source: 'dense-1', target: 'input-1' })).toMatchObject({ ok: false });
    expect(checkConnection(doc, { source: 'output-1', target: 'dense-1' })).toMatchObject({ ok: false });
  });
});
