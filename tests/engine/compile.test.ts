import { describe, expect, it } from 'vitest';
import { compileGraph, formatShape } from '../../engine/compile';
import type { GraphInput, GraphNode } from '../../engine/compile/types';

const node = (id: string, kind: GraphNode['kind'], params: Record<string, unknown> = {}): GraphNode => ({ id, kind, params });
const edge = (source: string, target: string, targetHandle?: string) => ({ id: `${source}-${target}`, source, target, targetHandle });

function planar(): GraphInput {
  return {
    nodes: [
      node('x', 'input', { shape: [2] }),
      node('h', 'dense', { units: 4, activation: 'tanh' }),
      node('y', 'output', { units: 1, activation: 'sigmoid', loss: 'bce' }),
    ],
    edges: [edge('x', 'h'), edge('h', 'y')],
  };
}

describe('compileGraph', () => {
  it('gives course-notation shapes and layer indices for 2-4-1', () => {
    const result = compileGraph(planar());
    expect(result.diagnostics).toEqual([]);
    expect(result.spec?.layers.map((l) => l.id)).toEqual(['x', 'h', 'y']);
    const h = result.layers.find((l) => l.id === 'h')!;
    expect(h.l).toBe(1);
    expect(h.shapes).toEqual({ W: [4, 2], b: [4, 1], Z: [4, 'm'], A: [4, 'm'], dW: [4, 2], db: [4, 1] });
    expect(h.params).toBe(12);
    expect(result.layers.find((l) => l.id === 'y')!.l).toBe(2);
    expect(result.layers.find((l) => l.id === 'x')!.l).toBe(0);
    expect(result.edgeShapes).toEqual({ 'x-h': '(2, m)', 'h-y': '(4, m)' });
    expect(formatShape([4, 'm'])).toBe('(4, m)');
  });

  it('reports invalid units on the node with a fix', () => {
    const g = planar();
    g.nodes[1].params.units = 2.5;
    const result = compileGraph(g);
    expect(result.spec).toBeNull();
    const d = result.diagnostics.find((x) => x.nodeId === 'h')!;
    expect(d.message).toContain('units: expected integer ≥ 1');
    expect(d.hint).toBeTruthy();
  });

  it('detects cycles', () => {
    const g = planar();
    g.nodes.push(node('d2', 'dense', { units: 3 }));
    g.edges.push(edge('h', 'd2'), edge('d2', 'h'));
    const result = compileGraph(g);
    expect(result.spec).toBeNull();
    expect(result.diagnostics.some((d) => d.nodeId === 'd2' && /cycle/.test(d.message))).toBe(true);
  });

  it('computes conv shapes with the course formula and explains failures with the numbers', () => {
    const g: GraphInput = {
      nodes: [
        node('x', 'input', { shape: [28, 28, 1] }),
        node('c', 'conv2d', { filters: 6, f: 5, s: 1, padding: 'valid', activation: 'relu' }),
        node('p', 'pool', { mode: 'max', f: 2, s: 2 }),
        node('d', 'dense', { units: 10 }),
        node('y', 'output', { units: 10, activation: 'softmax', loss: 'cross_entropy' }),
      ],
      edges: [edge('x', 'c'), edge('c', 'p'), edge('p', 'd'), edge('d', 'y')],
    };
    const result = compileGraph(g);
    expect(result.edgeShapes['x-c']).toBe('28×28×1');
    expect(result.edgeShapes['c-p']).toBe('24×24×6');
    expect(result.edgeShapes['p-d']).toBe('12×12×6');
    const c = result.layers.find((l) => l.id === 'c')!;
    expect(c.shapes.W).toEqual([5, 5, 1, 6]);
    expect(c.params).toBe((5 * 5 * 1 + 1) * 6);
    const flat = result.diagnostics.find((d) => d.nodeId === 'd')!;
    expect(flat.fix).toEqual({ kind: 'insert-flatten', beforeNodeId: 'd', edgeId: 'p-d' });

    g.nodes[1].params.f = 31;
    const bad = compileGraph(g).diagnostics.find((d) => d.nodeId === 'c')!;
    expect(bad.message).toContain('⌊(28 + 2·0 − 31)/1⌋ + 1');
  });

  it('checks the output against the dataset', () => {
    const g = planar();
    g.dataset = { exampleShape: [2], numClasses: 3 };
    const d = compileGraph(g).diagnostics.find((x) => x.nodeId === 'y')!;
    expect(d.message).toMatch(/3-class dataset needs a softmax/);
    g.dataset = { exampleShape: [2], numClasses: 2 };
    expect(compileGraph(g).diagnostics).toEqual([]);
  });
});
