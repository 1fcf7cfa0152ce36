import { describe, expect, it } from 'vitest';
import { parseProject } from '../../src/shared/project';
import { fromProject, serialiseProject, toProject } from '../../src/renderer/src/project/project-io';
import { planarExample } from '../../src/renderer/src/graph/examples';
import { DEFAULT_SETTINGS } from '../../src/renderer/src/run/settings-store';

describe('project files', () => {
  it('round-trip the graph, positions, dataset and settings', () => {
    const text = serialiseProject(toProject(planarExample(), { ...DEFAULT_SETTINGS, learningRate: 0.5, batchSize: 64, optimizer: 'adam' }, 'planar'));
    const parsed = parseProject(text);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const { doc, settings } = fromProject(parsed.project);
    expect(doc.nodes.map((n) => [n.id, n.type, n.position, n.data])).toEqual(planarExample().nodes.map((n) => [n.id, n.type, n.position, n.data]));
    expect(doc.edges.map((e) => [e.source, e.target])).toEqual(planarExample().edges.map((e) => [e.source, e.target]));
    expect(settings).toMatchObject({ learningRate: 0.5, batchSize: 64, optimizer: 'adam' });
  });

  it.each([
    ['not JSON', '{nope', /not valid JSON/],
    ['another format', '{"format":"other"}', /not a Dendrite project/],
    ['an exported model', '{"format":"dendrite.model"}', /exported model/],
    ['a newer version', '{"format":"dendrite.project","version":9}', /newer Dendrite/],
    [
      'an unknown kind',
      JSON.stringify({ ...base(), graph: { nodes: [{ id: 'a', kind: 'quantum', position: { x: 0, y: 0 }, params: {} }], edges: [] } }),
      /graph\.nodes\[0\]\.kind/,
    ],
    ['a NaN position', JSON.stringify(base()).replace('"x":0', '"x":"NaN"'), /graph\.nodes\[0\]\.position\.x/],
    ['a dangling edge', JSON.stringify({ ...base(), graph: { ...base().graph, edges: [{ id: 'e', source: 'a', target: 'ghost' }] } }), /does not exist/],
    ['duplicate ids', JSON.stringify({ ...base(), graph: { nodes: [base().graph.nodes[0], base().graph.nodes[0]], edges: [] } }), /appears twice/],
  ])('refuses %s with a clear message', (_name, text, message) => {
    const parsed = parseProject(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(message);
  });
});

function base() {
  return {
    format: 'dendrite.project',
    version: 1,
    graph: { nodes: [{ id: 'a', kind: 'input', position: { x: 0, y: 0 }, params: { shape: [2] } }], edges: [] as unknown[] },
    dataset: { id: 'flower', seed: 1 },
    training: { learningRate: 1, iterations: 10, seed: 1 },
  };
}

describe('run requests from the toolbar settings', () => {
  it('carry the mini-batch size and the optimizer with the course defaults', async () => {
    const { buildRunRequest } = await import('../../src/renderer/src/run/run-request');
    const { planarSpec } = await import('../helpers/planar-request');
    const request = buildRunRequest('r', planarSpec, { ...DEFAULT_SETTINGS, batchSize: 32, optimizer: 'adam' });
    expect(request.config.batchSize).toBe(32);
    expect(request.config.optimizer).toEqual({ kind: 'adam', beta1: 0.9, beta2: 0.999, epsilon: 1e-8 });
    const { parseRunRequest } = await import('../../engine/protocol/schema');
    expect(parseRunRequest(request).ok).toBe(true);
  });

  it("keep the stratify flag through main's validation", async () => {
    const { parseRunRequest } = await import('../../engine/protocol/schema');
    const { planarRequest } = await import('../helpers/planar-request');
    const parsed = parseRunRequest({ ...planarRequest('r'), split: { train: 0.6, dev: 0.2, seed: 1, stratify: true } });
    expect(parsed.ok && parsed.value.split?.stratify).toBe(true);
  });
});
