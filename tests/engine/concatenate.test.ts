/**
 * The concatenate kind's shape rule in the course's notation (channels for images, features for
 * vectors), its errors and fixes, its wiring (2 to 4 branches, in handle order), pooling with
 * 'same' padding, and the Inception module's bottleneck cost (course 4, week 2).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileGraph, compileSpec, parseModelSpec } from '../../engine/compile';
import type { GraphEdge, GraphInput, GraphNode } from '../../engine/compile/types';
import { createReferenceBackend } from '../../engine/kernels/reference';
import { createNetwork } from '../../engine/model/network';
import type { ModelSpec } from '../../engine/spec/types';

const node = (id: string, kind: GraphNode['kind'], params: Record<string, unknown> = {}): GraphNode => ({ id, kind, params });
const edge = (source: string, target: string, targetHandle?: string): GraphEdge => ({
  id: `${source}-${target}${targetHandle ? `:${targetHandle}` : ''}`,
  source,
  target,
  targetHandle,
});
const conv = (filters: number, f: number, padding: 'same' | 'valid') => ({ filters, f, s: 1, padding, activation: 'relu' });

/** input → two conv branches → concatenate → flatten → output. */
function twoBranches(a: Record<string, unknown>, b: Record<string, unknown>, shape = [8, 8, 3]): GraphInput {
  return {
    nodes: [
      node('x', 'input', { shape }),
      node('a', 'conv2d', a),
      node('b', 'conv2d', b),
      node('cat', 'concatenate'),
      node('f', 'flatten'),
      node('y', 'output', { units: 1, activation: 'sigmoid', loss: 'bce' }),
    ],
    edges: [edge('x', 'a'), edge('x', 'b'), edge('a', 'cat', 'a'), edge('b', 'cat', 'b'), edge('cat', 'f'), edge('f', 'y')],
  };
}

describe('concatenate', () => {
  it('stacks images along n_C: 8×8×4 and 8×8×6 → 8×8×10', () => {
    const result = compileGraph(twoBranches(conv(4, 3, 'same'), conv(6, 5, 'same')));
    expect(result.diagnostics).toEqual([]);
    const cat = result.layers.find((l) => l.id === 'cat')!;
    expect(cat.outShape).toEqual([8, 8, 10]);
    expect(cat.shapes).toEqual({ A: ['m', 8, 8, 10] });
    expect(cat.params).toBe(0);
    expect(result.edgeShapes['cat-f']).toBe('8×8×10');
  });

  it('refuses branches whose n_H × n_W differ, in course notation, with the padding hint', () => {
    const result = compileGraph(twoBranches(conv(4, 3, 'same'), conv(6, 3, 'valid')));
    const d = result.diagnostics.find((x) => x.nodeId === 'cat')!;
    expect(d.message).toBe('concatenate stacks channels, so every branch needs the same n_H × n_W: branch 1 is 8×8×4 but branch 2 is 6×6×6 (n_H differs)');
    expect(d.hint).toContain("padding 'same' and stride 1");
    expect(d.hint).toContain('n_H = ⌊(n_H_prev + 2p − f)/s⌋ + 1');
    expect(d.edgeId).toBe('b-cat:b');
    expect(result.spec).toBeNull();
  });

  it('refuses images beside a feature vector and offers to flatten the image branch', () => {
    const graph: GraphInput = {
      nodes: [
        node('x', 'input', { shape: [4, 4, 2] }),
        node('f', 'flatten'),
        node('cat', 'concatenate'),
        node('y', 'output', { units: 1, activation: 'sigmoid', loss: 'bce' }),
      ],
      edges: [edge('x', 'f'), edge('x', 'cat', 'a'), edge('f', 'cat', 'b'), edge('cat', 'y')],
    };
    const d = compileGraph(graph).diagnostics.find((x) => x.nodeId === 'cat')!;
    expect(d.message).toBe('concatenate joins images along n_C or feature vectors along n, not both: it receives 4×4×2 and (32, m)');
    expect(d.fix).toEqual({ kind: 'insert-flatten', beforeNodeId: 'cat', edgeId: 'x-cat:a' });
  });

  it('stacks feature vectors along n, in handle order (a, c, d) whatever the edge order', () => {
    const graph: GraphInput = {
      nodes: [
        node('x', 'input', { shape: [3] }),
        node('p', 'dense', { units: 2, activation: 'relu' }),
        node('q', 'dense', { units: 5, activation: 'relu' }),
        node('r', 'dense', { units: 7, activation: 'relu' }),
        node('cat', 'concatenate'),
        node('y', 'output', { units: 1, activation: 'sigmoid', loss: 'bce' }),
      ],
      edges: [edge('x', 'p'), edge('x', 'q'), edge('x', 'r'), edge('r', 'cat', 'd'), edge('p', 'cat', 'a'), edge('q', 'cat', 'c'), edge('cat', 'y')],
    };
    const result = compileGraph(graph);
    expect(result.diagnostics).toEqual([]);
    expect(result.layers.find((l) => l.id === 'cat')!.shapes).toEqual({ A: [14, 'm'] });
    expect(result.spec!.layers.find((l) => l.id === 'cat')!.inputs).toEqual(['p', 'q', 'r']);
  });

  it('needs 2 to 4 branches', () => {
    const one = twoBranches(conv(4, 3, 'same'), conv(6, 3, 'same'));
    one.edges = one.edges.filter((e) => e.id !== 'b-cat:b');
    expect(compileGraph(one).diagnostics.find((d) => d.nodeId === 'cat')!.message).toBe('concatenate needs 2 to 4 inputs (a, b, c, d), it has 1.');
  });

  it('joins the right values forward and hands each branch its own slice backward', () => {
    const model: ModelSpec = {
      format: 'dendrite.spec',
      version: 1,
      layers: [
        { id: 'x', kind: 'input', shape: [1, 2, 2], inputs: [] },
        { id: 'a', kind: 'conv2d', filters: 1, f: 1, s: 1, padding: 'valid', activation: 'linear', inputs: ['x'] },
        { id: 'b', kind: 'conv2d', filters: 2, f: 1, s: 1, padding: 'valid', activation: 'linear', inputs: ['x'] },
        { id: 'cat', kind: 'concatenate', inputs: ['a', 'b'] },
        { id: 'f', kind: 'flatten', inputs: ['cat'] },
        { id: 'y', kind: 'output', units: 1, activation: 'linear', loss: 'mse', inputs: ['f'] },
      ],
    };
    const net = createNetwork(compileSpec(model).spec!, createReferenceBackend('float64'), { capacity: 1, seed: 1 });
    const [a, b, cat] = ['a', 'b', 'cat'].map((id) => net.layers.find((l) => l.id === id)!);
    net.input.A.set([1, 2, 3, 4]);
    net.forward(1, 'test');
    // Pixel by pixel: a's channel, then b's two.
    const expected = [0, 1].flatMap((p) => [a.A[p], b.A[2 * p], b.A[2 * p + 1]]);
    expect(Array.from(cat.A.subarray(0, 6))).toEqual(expected);
  });
});

describe('pool with padding same', () => {
  it('keeps n_H × n_W at stride 1 and wants an odd f', () => {
    const graph = twoBranches(conv(4, 3, 'same'), conv(6, 3, 'same'));
    graph.nodes.splice(2, 1, node('b', 'pool', { mode: 'max', f: 3, s: 1, padding: 'same' }));
    const result = compileGraph(graph);
    expect(result.diagnostics).toEqual([]);
    expect(result.layers.find((l) => l.id === 'cat')!.outShape).toEqual([8, 8, 7]);
    graph.nodes[2].params.f = 2;
    expect(compileGraph(graph).diagnostics.find((d) => d.nodeId === 'b')!.message).toBe(
      "padding: 'same' needs an odd f: p = (f − 1)/2 = (2 − 1)/2 = 0.5 is not an integer",
    );
  });

  it('a pad never wins a max pool: an all-negative input pools to its own values', () => {
    const model: ModelSpec = {
      format: 'dendrite.spec',
      version: 1,
      layers: [
        { id: 'x', kind: 'input', shape: [2, 2, 1], inputs: [] },
        { id: 'p', kind: 'pool', mode: 'max', f: 3, s: 1, padding: 'same', inputs: ['x'] },
        { id: 'f', kind: 'flatten', inputs: ['p'] },
        { id: 'y', kind: 'output', units: 1, activation: 'linear', loss: 'mse', inputs: ['f'] },
      ],
    };
    const net = createNetwork(compileSpec(model).spec!, createReferenceBackend('float64'), { capacity: 1, seed: 1 });
    net.input.A.set([-4, -3, -2, -1]);
    net.forward(1, 'test');
    expect(Array.from(net.layers[1].A.subarray(0, 4))).toEqual([-1, -1, -1, -1]);
  });
});

describe("the course's Inception module (resources/examples/inception-module.spec.json)", () => {
  const parsed = parseModelSpec(JSON.parse(readFileSync('resources/examples/inception-module.spec.json', 'utf8')));
  it('concatenates 64 + 128 + 32 + 32 channels into 28×28×256', () => {
    expect(parsed.ok).toBe(true);
    const result = compileSpec((parsed as { spec: ModelSpec }).spec);
    expect(result.layers.find((l) => l.id === 'join')!.outShape).toEqual([28, 28, 256]);
  });

  it('counts 120 M multiplications for the plain 5×5 and 12.4 M through the 1×1 bottleneck', () => {
    const result = compileSpec((parsed as { spec: ModelSpec }).spec);
    const five = result.bottlenecks.find((b) => b.convId === 'conv5x5')!;
    // 28·28·32 · 5·5·192 and 28·28·16·192 + 28·28·32 · 5·5·16.
    expect(five.plainMultiplies).toBe(120_422_400);
    expect(five.multiplies).toBe(2_408_448 + 10_035_200);
    expect(result.layers.find((l) => l.id === 'reduce5x5')!.multiplies).toBe(2_408_448);
    expect(result.bottlenecks.map((b) => b.convId)).toEqual(['conv3x3', 'conv5x5']);
  });
});
