/**
 * docs/architecture.md, "How to add a layer kind", followed with a throwaway kind (`scale`,
 * tests/engine/fixtures/scale-kind.ts): its file, its line in the table, its gradient-check
 * case. Then everything that reads the table (the spec schema, the compiler, the layer
 * registry, the canvas, `dendrite inspect`, the protocol) has it, with no other change.
 */
import { describe, expect, it, vi } from 'vitest';

// Step 2: its line in the table (engine/kinds/index.ts); here the test's copy of the table.
vi.mock('../../engine/kinds', async (importOriginal) => {
  const { KINDS } = await importOriginal<typeof import('../../engine/kinds')>();
  const { scale, wrongScale } = await import('./fixtures/scale-kind');
  return { KINDS: { ...KINDS, scale, wrong_scale: wrongScale } };
});

import { main } from '../../engine/cli/main';
import type { CliIo } from '../../engine/cli/io';
import { compileGraph, compileSpec, parseModelSpec } from '../../engine/compile';
import type { GraphInput } from '../../engine/compile/types';
import { parseRunRequest } from '../../engine/protocol/schema';
import type { ModelSpec } from '../../engine/spec/types';
import { gradientCheck } from '../../engine/train/gradcheck';
import { NODE_KINDS } from '../../src/renderer/src/graph/node-kinds';
import { randomData } from './helpers';

/** input [3] → dense 4 tanh → <kind> → output (sigmoid), as a spec file holds it. */
const specWith = (kind: string, params: Record<string, unknown> = {}) =>
  ({
    format: 'dendrite.spec',
    version: 1,
    layers: [
      { id: 'x', kind: 'input', inputs: [], shape: [3] },
      { id: 'd', kind: 'dense', inputs: ['x'], units: 4, activation: 'tanh' },
      { id: 's', kind, inputs: ['d'], ...params },
      { id: 'y', kind: 'output', inputs: ['s'], units: 1, activation: 'sigmoid', loss: 'bce' },
    ],
  }) as unknown as ModelSpec;

describe('adding a layer kind is its file, one line in the table and a gradient-check case', () => {
  it('step 3, its gradient-check case: backprop through it matches two-sided differences', () => {
    const result = gradientCheck(compileSpec(specWith('scale', { factor: -1.5 })).spec!, randomData(5, [3], 2), { seed: 4 });
    expect(result.checked).toBe(result.total);
    expect(result.difference).toBeLessThan(1e-7);
    expect(result.band).toBe('great');
  });

  it('the case catches a backward that is wrong (the planted bug forgets the factor)', () => {
    const result = gradientCheck(compileSpec(specWith('wrong_scale', { factor: -1.5 })).spec!, randomData(5, [3], 2), { seed: 4 });
    expect(result.band).toBe('wrong');
    expect(result.layers.find((l) => l.id === 'd')!.difference).toBeGreaterThan(1e-3);
  });

  it('the canvas offers it: palette category, inspector field with its label and range, summary', () => {
    const info = NODE_KINDS['scale' as keyof typeof NODE_KINDS];
    expect(info).toMatchObject({ title: 'Scale', category: 'Structure', inputs: ['in'], hasOutput: true, defaults: { factor: 3 } });
    expect(info.fields).toEqual([expect.objectContaining({ param: 'factor', type: 'number', label: 'Factor c', min: -10, max: 10, default: 2 })]);
    expect(info.summarise({})).toBe('× 2');
    expect(info.summarise({ factor: 3 })).toBe('× 3');
  });

  it('the compiler runs its shape rule, fills in its default and checks its range on the node', () => {
    const graph: GraphInput = {
      nodes: [
        { id: 'x', kind: 'input', params: { shape: [3] } },
        { id: 's', kind: 'scale' as never, params: {} },
        { id: 'y', kind: 'output', params: { units: 1, activation: 'sigmoid', loss: 'bce' } },
      ],
      edges: [
        { id: 'x-s', source: 'x', target: 's' },
        { id: 's-y', source: 's', target: 'y' },
      ],
    };
    const compiled = compileGraph(graph);
    expect(compiled.diagnostics).toEqual([]);
    expect(compiled.spec!.layers[1]).toEqual({ id: 's', kind: 'scale', factor: 2, inputs: ['x'] });
    expect(compiled.layers[1]).toMatchObject({ l: null, shapes: { A: [3, 'm'] }, params: 0 });

    graph.nodes[1].params.factor = 11;
    const [wrong] = compileGraph(graph).diagnostics;
    expect(wrong).toMatchObject({ nodeId: 's', message: 'factor: expected a number ≥ -10 and ≤ 10, got 11', hint: 'Use a value in [-10, 10].' });
    expect(wrong.fix).toMatchObject({ kind: 'set-param', param: 'factor', value: 2 });
  });

  it('spec files may hold it, checked against its schema with the path', () => {
    expect(parseModelSpec(specWith('scale', { factor: 0.5 }))).toMatchObject({ ok: true });
    expect(parseModelSpec(specWith('scale', { factor: 11 }))).toEqual({ ok: false, error: 'layers[2].factor: expected a number ≥ -10 and ≤ 10, got 11' });
    expect(parseModelSpec(specWith('scale', { fcator: 1 }))).toEqual({ ok: false, error: 'layers[2]: unknown field "fcator" for a scale layer' });
  });

  it('dendrite inspect prints its row and summary, and the protocol carries it to the trainer', async () => {
    let stdout = '';
    const io = { stdout: (t: string) => void (stdout += t), stderr: () => {}, readText: () => JSON.stringify(specWith('scale')) } as unknown as CliIo;
    expect(await main(['inspect', '--spec', 's.json'], io)).toBe(0);
    expect(stdout).toMatch(/\bs\s+scale\s+\(4, m\)\s+0\s+× 2$/m);

    const request = {
      runId: 'r',
      spec: specWith('scale'),
      data: { kind: 'generator', name: 'flower', m: 10, seed: 1 },
      config: { iterations: 1, batchSize: 'full', learningRate: 0.1, optimizer: { kind: 'gd' }, seed: 1 },
    };
    expect(parseRunRequest(request)).toMatchObject({ ok: true });
  });
});
