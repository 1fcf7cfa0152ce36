/**
 * How long the live dimension check takes after an edit: compileGraph on a
 * 100-node graph (the target is ≤ 16 ms, one frame), next to the 3-node planar
 * network as the reference in the same run. Run: npx tsx bench/compile-graph.ts
 */
import { compileGraph } from '../engine/compile';
import type { GraphInput, GraphNode } from '../engine/compile/types';

function chainGraph(layers: number): GraphInput {
  const nodes: GraphNode[] = [{ id: 'input-1', kind: 'input', params: { shape: [28, 28, 1] } }];
  // A realistic mix: convs and pools first, then flatten and a long dense/batchnorm/dropout tail.
  const body: [GraphNode['kind'], Record<string, unknown>][] = [
    ['conv2d', { filters: 8, f: 3, s: 1, padding: 'same', activation: 'relu' }],
    ['batchnorm', {}],
    ['conv2d', { filters: 8, f: 3, s: 1, padding: 'same', activation: 'relu' }],
    ['pool', { mode: 'max', f: 2, s: 2 }],
    ['flatten', {}],
  ];
  for (const [kind, params] of body) nodes.push({ id: `${kind}-${nodes.length}`, kind, params });
  while (nodes.length < layers - 1) {
    const cycle = ['dense', 'batchnorm', 'dropout'] as const;
    const kind = cycle[nodes.length % 3]!;
    const params = kind === 'dense' ? { units: 64, activation: 'relu' } : kind === 'dropout' ? { keepProb: 0.9 } : {};
    nodes.push({ id: `${kind}-${nodes.length}`, kind, params });
  }
  nodes.push({ id: 'output-1', kind: 'output', params: { units: 10, activation: 'softmax', loss: 'cross_entropy' } });
  const edges = nodes.slice(1).map((node, i) => ({ id: `e${i}`, source: nodes[i]!.id, target: node.id, targetHandle: 'in' }));
  return { nodes, edges, dataset: { exampleShape: [28, 28, 1], numClasses: 10 } };
}

function measure(graph: GraphInput, runs: number) {
  for (let i = 0; i < 50; i++) compileGraph(graph); // warm up the JIT
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    // An edit: change one parameter, as the inspector does, then re-check everything.
    const edited = { ...graph, nodes: graph.nodes.map((n, j) => (j === 10 ? { ...n, params: { ...n.params, units: 64 + (i % 8) } } : n)) };
    const t0 = performance.now();
    const result = compileGraph(edited);
    times.push(performance.now() - t0);
    if (result.diagnostics.some((d) => d.severity === 'error')) throw new Error(JSON.stringify(result.diagnostics[0]));
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  return { nodes: graph.nodes.length, runs, medianMs: +at(0.5).toFixed(3), p95Ms: +at(0.95).toFixed(3), maxMs: +at(1).toFixed(3) };
}

const big = measure(chainGraph(100), 500);
const planar = measure(
  {
    nodes: [
      { id: 'x', kind: 'input', params: { shape: [2] } },
      { id: 'h', kind: 'dense', params: { units: 4, activation: 'tanh' } },
      { id: 'y', kind: 'output', params: { units: 1, activation: 'sigmoid', loss: 'bce' } },
    ],
    edges: [
      { id: 'a', source: 'x', target: 'h', targetHandle: 'in' },
      { id: 'b', source: 'h', target: 'y', targetHandle: 'in' },
    ],
    dataset: { exampleShape: [2], numClasses: 2 },
  },
  500,
);
console.log(JSON.stringify({ workload: 'compile-100-nodes', ...big, targetMs: 16, withinTarget: big.p95Ms <= 16 }));
console.log(JSON.stringify({ workload: 'compile-planar-reference', ...planar }));
