/**
 * The canvas, the engine and the protocol agree on every kind's params and ranges. Each value at
 * and just past the edge of every field's range goes through what each side actually runs: the
 * inspector's typing rule (the canvas), the compiler and the spec-file parser (the engine), and
 * the trainer protocol's run-request check. A range restated anywhere on one side fails here.
 */
import { describe, expect, it } from 'vitest';
import { compileGraph, parseModelSpec } from '../../engine/compile';
import type { GraphInput, GraphNode } from '../../engine/compile/types';
import { allKinds } from '../../engine/kinds/lookup';
import { parseRunRequest } from '../../engine/protocol/schema';
import { fieldsOf, type Field, type NumberInfo } from '../../engine/spec/fields';
import { MAX_LAYERS } from '../../engine/spec/limits';
import { FUSED_LOSS } from '../../engine/spec/vocabulary';
import type { LayerKind, LayerSpec, ModelSpec } from '../../engine/spec/types';
import { parseNumberText } from '../../src/renderer/src/controls/number-rule';
import { NODE_KINDS } from '../../src/renderer/src/graph/node-kinds';
import { ruleOf } from '../../src/renderer/src/inspector/field-rule';

const VECTOR = [4];
const IMAGE = [28, 28, 1];

/** The smallest network around one node of `kind`: input → node → (flatten) → output. */
function host(kind: LayerKind, params: Record<string, unknown>, exampleShape: number[]): GraphInput {
  const node = (id: string, k: LayerKind, p: Record<string, unknown>): GraphNode => ({ id, kind: k, params: p });
  const out = node('y', 'output', { units: 1, activation: 'sigmoid', loss: 'bce' });
  if (kind === 'input') return { nodes: [node('x', 'input', params), out], edges: [{ id: 'x-y', source: 'x', target: 'y' }] };
  if (kind === 'output')
    return { nodes: [node('x', 'input', { shape: VECTOR }), node('y', 'output', params)], edges: [{ id: 'x-y', source: 'x', target: 'y' }] };
  const image = exampleShape.length === 3;
  const nodes = [node('x', 'input', { shape: exampleShape }), node('k', kind, params), ...(image ? [node('f', 'flatten', {})] : []), out];
  const handles = NODE_KINDS[kind].inputs;
  const edges = [
    ...handles.map((handle) => ({ id: `x-k:${handle}`, source: 'x', target: 'k', targetHandle: handles.length > 1 ? handle : null })),
    ...(image
      ? [
          { id: 'k-f', source: 'k', target: 'f' },
          { id: 'f-y', source: 'f', target: 'y' },
        ]
      : [{ id: 'k-y', source: 'k', target: 'y' }]),
  ];
  return { nodes, edges };
}

/** The same network as a spec file would hold it. */
function asSpec(graph: GraphInput): ModelSpec {
  const layers = graph.nodes.map(
    (n) => ({ id: n.id, kind: n.kind, inputs: graph.edges.filter((e) => e.target === n.id).map((e) => e.source), ...n.params }) as LayerSpec,
  );
  return { format: 'dendrite.spec', version: 1, layers };
}

/** Where each kind's canvas defaults compile cleanly: a feature vector, or images. */
function shapeFor(kind: LayerKind): number[] {
  const fits = [VECTOR, IMAGE].find((shape) => compileGraph(host(kind, NODE_KINDS[kind].defaults, shape)).diagnostics.length === 0);
  if (!fits) throw new Error(`${kind}: its canvas defaults do not compile in either host`);
  return fits;
}

/** Rules between fields: a value probed in one field comes with the values it must be paired with. */
const PAIRED: Record<string, (value: unknown) => Record<string, unknown>> = {
  // The output's loss is fused with its activation (dZ[L] = A[L] − Y).
  'output.loss': (loss) => {
    const paired = Object.entries(FUSED_LOSS).find(([, fused]) => fused === loss);
    return paired ? { activation: paired[0] } : {};
  },
  // 'same' padding needs an odd window, p = (f − 1)/2 (the pool's canvas default is f = 2).
  'pool.padding': (padding) => (padding === 'same' ? { f: 3 } : {}),
};

/** What each side says of `value` in `field` of `kind`: does it accept the value? */
function verdicts(kind: LayerKind, field: Field, value: unknown) {
  const params = { ...NODE_KINDS[kind].defaults, ...PAIRED[`${kind}.${field.param}`]?.(value), [field.param]: value };
  const graph = host(kind, params, shapeFor(kind));
  const nodeId = kind === 'input' ? 'x' : kind === 'output' ? 'y' : 'k';
  const compiled = compileGraph(graph);
  const engine = !compiled.diagnostics.some((d) => d.nodeId === nodeId && d.message.startsWith(`${field.param}`));
  const file = parseModelSpec(asSpec(graph));
  const index = graph.nodes.findIndex((n) => n.id === nodeId);
  const specFile = file.ok || !file.error.startsWith(`layers[${index}].${field.param}`);
  return { engine, specFile, protocol: parseRunRequest(request(asSpec(graph))).ok };
}

const request = (spec: ModelSpec) => ({
  runId: 'agree',
  spec,
  data: { kind: 'generator', name: 'flower', m: 10, seed: 1 },
  config: { iterations: 1, batchSize: 'full', learningRate: 0.1, optimizer: { kind: 'gd' }, seed: 1 },
});

/** The edges of a number range: both ends, and one step past each. */
function probes(range: NumberInfo): [value: number, inside: boolean][] {
  const step = range.type === 'int' ? 1 : range.step;
  const edges: [number, boolean][] = [
    [range.min, !range.exclusiveMin],
    [range.min - step, false],
    [range.max, true],
    [range.max + step, false],
  ];
  if (range.exclusiveMin) edges.push([range.min + step, true]);
  if (range.type === 'int') edges.push([range.min + 0.5, false]);
  return edges;
}

describe('the canvas, the engine and the protocol agree on every kind', () => {
  for (const descriptor of allKinds()) {
    const kind = descriptor.kind as LayerKind;
    const shown = new Set(NODE_KINDS[kind].fields.map((f) => f.param));

    it(`${kind}: the canvas offers it with defaults the engine accepts, and the protocol carries it`, () => {
      expect(NODE_KINDS[kind].title).toBe(descriptor.title);
      const graph = host(kind, NODE_KINDS[kind].defaults, shapeFor(kind));
      expect(compileGraph(graph).spec).not.toBeNull();
      expect(parseModelSpec(asSpec(graph))).toMatchObject({ ok: true });
      expect(parseRunRequest(request(asSpec(graph)))).toMatchObject({ ok: true });
    });

    for (const field of fieldsOf(descriptor.params)) {
      it(`${kind}.${field.param}: ${field.advanced ? 'spec files only; the engine and files agree' : 'every side accepts exactly the same values'}`, () => {
        expect(shown.has(field.param)).toBe(!field.advanced);
        const inspector = NODE_KINDS[kind].fields.find((f) => f.param === field.param);
        // Each case: a value, whether it is inside the range, and the number the inspector would have typed for it.
        const cases: [value: unknown, inside: boolean, typed?: [number, NumberInfo]][] = [];
        if (field.type === 'int' || field.type === 'number') {
          for (const [value, inside] of probes(field)) cases.push([value, inside, inspector?.type === field.type ? [value, inspector] : undefined]);
        } else if (field.type === 'choice') {
          const offered = inspector?.type === 'choice' ? inspector.choices : field.choices;
          for (const choice of offered) cases.push([choice.value, true]);
          cases.push(['nonsense', false]);
        } else if (field.type === 'shape') {
          const parts = inspector?.type === 'shape' ? inspector.parts : field.parts;
          const { features, height, width, channels } = parts;
          for (const [n, inside] of probes(features!)) cases.push([[n], inside, [n, features!]]);
          for (const [i, part] of [height!, width!, channels!].entries()) {
            for (const [n, inside] of probes(part)) {
              const shape = [2, 2, 2];
              shape[i] = n;
              cases.push([shape, inside, [n, part]]);
            }
          }
          cases.push([[2, 2], false]);
        } else if (field.type === 'toggle') {
          cases.push([true, true], [false, true], ['yes', false], [1, false]);
        } else if (field.type === 'init') {
          const scale = (inspector?.type === 'init' ? inspector : field).parts.scale!;
          for (const [s, inside] of probes(scale)) cases.push([{ kind: 'random', scale: s }, inside, [s, scale]]);
          for (const choice of field.choices ?? []) cases.push([{ kind: choice.value }, true]);
          cases.push([{ kind: 'nonsense' }, false]);
        }
        for (const [value, inside, typed] of cases) {
          const said = verdicts(kind, field, value);
          const probe = `${kind}.${field.param} = ${JSON.stringify(value)}`;
          expect(said.engine, `${probe}: the compiler`).toBe(inside);
          expect(said.specFile, `${probe}: the spec file parser`).toBe(inside);
          if (typed) expect(parseNumberText(String(typed[0]), ruleOf(typed[1])).ok, `${probe}: the inspector's typing rule`).toBe(inside);
          // The protocol checks a spec's structure; the engine checks its values when it plans the run.
          if (inside) expect(said.protocol, `${probe}: the protocol`).toBe(true);
        }
      });
    }
  }

  it(`the layer count: the compiler, the spec file parser and the protocol take ${MAX_LAYERS} layers and refuse one more`, () => {
    const chain = (count: number): GraphInput => {
      const ids = Array.from({ length: count }, (_, i) => `l${i}`);
      const nodes: GraphNode[] = ids.map((id, i) => ({
        id,
        kind: i === 0 ? 'input' : i === count - 1 ? 'output' : 'dropout',
        params: i === 0 ? { shape: VECTOR } : i === count - 1 ? { units: 1, activation: 'sigmoid', loss: 'bce' } : { keepProb: 0.9 },
      }));
      return { nodes, edges: ids.slice(1).map((id, i) => ({ id: `e${i}`, source: ids[i], target: id })) };
    };
    const sides = (graph: GraphInput) => ({
      engine: compileGraph(graph).spec !== null,
      specFile: parseModelSpec(asSpec(graph)).ok,
      protocol: parseRunRequest(request(asSpec(graph))).ok,
    });
    expect(sides(chain(MAX_LAYERS))).toEqual({ engine: true, specFile: true, protocol: true });
    expect(sides(chain(MAX_LAYERS + 1))).toEqual({ engine: false, specFile: false, protocol: false });
  });
});
