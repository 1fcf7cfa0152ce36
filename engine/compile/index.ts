/**
 * graph → model spec + course-notation shape table + diagnostics on node ids.
 * Pure: the renderer re-runs it on every edit; the trainer and the CLI run it on
 * specs (through `compileSpec`) so every entry point reports problems the same way.
 */
import { SPEC_FORMAT, SPEC_VERSION, type LayerSpec, type ModelSpec } from '../spec/types';
import { activationDims, formatActivation, formatShape } from './format';
import { analyseGraph, reachable } from './graph';
import { readLayer, type LayerFields } from './params';
import { inferShape, type InputInfo } from './shapes';
import { checkDataset } from './dataset';
import { MAX_TOTAL_PARAMS } from '../spec/limits';
import type { CompileResult, Diagnostic, GraphInput, LayerShapeInfo } from './types';

export { formatShape, formatActivation, activationDims };
export type * from './types';

export function compileGraph(graph: GraphInput): CompileResult {
  const { order, incoming, outgoing, diagnostics } = analyseGraph(graph);
  const nodeById = new Map(graph.nodes.map((n) => [n.id, n]));

  const inputs = graph.nodes.filter((n) => n.kind === 'input');
  const outputs = graph.nodes.filter((n) => n.kind === 'output');
  if (inputs.length === 0) diagnostics.push({ severity: 'error', message: 'The network has no input layer.', hint: 'Add an Input node (the examples X).' });
  if (inputs.length > 1) for (const n of inputs.slice(1)) diagnostics.push({ nodeId: n.id, severity: 'error', message: 'Only one input layer is allowed.', hint: 'Delete the extra input.' });
  if (outputs.length === 0) diagnostics.push({ severity: 'error', message: 'The network has no output layer.', hint: 'Add an Output node (ŷ, fused with the loss).' });
  if (outputs.length > 1) for (const n of outputs.slice(1)) diagnostics.push({ nodeId: n.id, severity: 'error', message: 'Only one output layer is allowed.', hint: 'Delete the extra output.' });

  // Wiring: how many inputs each kind takes; nothing reads the output.
  for (const node of graph.nodes) {
    const count = incoming.get(node.id)?.length ?? 0;
    const want = node.kind === 'input' ? 0 : node.kind === 'add' ? 2 : 1;
    if (count !== want) {
      const message =
        node.kind === 'input'
          ? 'The input layer cannot have incoming connections.'
          : node.kind === 'add'
            ? `add needs exactly two inputs (a and b), it has ${count}.`
            : count === 0
              ? 'This layer has no input connection.'
              : `This layer takes one input but has ${count}.`;
      const hint = node.kind === 'add' || count === 0 ? 'Connect the missing input.' : 'Merge branches with an add layer.';
      diagnostics.push({ nodeId: node.id, severity: 'error', message, hint });
    }
    if (node.kind === 'output' && (outgoing.get(node.id)?.length ?? 0) > 0) {
      diagnostics.push({ nodeId: node.id, severity: 'error', message: 'The output layer must be last: nothing can read ŷ.', hint: 'Delete the connections leaving the output.' });
    }
  }

  // Every node must lie on a path from the input to the output.
  const fromInput = reachable(inputs.slice(0, 1).map((n) => n.id), (id) => (outgoing.get(id) ?? []).map((e) => e.target));
  const toOutput = reachable(outputs.slice(0, 1).map((n) => n.id), (id) => (incoming.get(id) ?? []).map((e) => e.source));
  if (inputs.length > 0 && outputs.length > 0 && !fromInput.has(outputs[0].id)) {
    diagnostics.push({ nodeId: outputs[0].id, severity: 'error', message: 'The output is not connected to the input.', hint: 'Connect a path of layers from the input to the output.' });
  }
  for (const node of graph.nodes) {
    if (node.kind === 'input' || node.kind === 'output') continue;
    if (inputs.length > 0 && !fromInput.has(node.id)) {
      diagnostics.push({ nodeId: node.id, severity: 'error', message: 'This layer is not connected to the input.', hint: 'Connect it, or delete it.' });
    } else if (outputs.length > 0 && !toOutput.has(node.id)) {
      diagnostics.push({ nodeId: node.id, severity: 'error', message: 'This layer does not lead to the output.', hint: 'Connect it towards the output, or delete it.' });
    }
  }

  // Parameters and shapes, in topological order.
  const layers: LayerShapeInfo[] = [];
  const specLayers: LayerSpec[] = [];
  const outShapes = new Map<string, number[]>();
  let l = 0;
  for (const id of order) {
    const node = nodeById.get(id)!;
    const { layer, diagnostics: paramDiagnostics } = readLayer(node);
    diagnostics.push(...paramDiagnostics);
    if (!layer) continue;
    const edges = incoming.get(id) ?? [];
    const inputInfos: InputInfo[] = [];
    for (const edge of edges) {
      const shape = outShapes.get(edge.source);
      if (shape) inputInfos.push({ shape, edgeId: edge.id });
    }
    const wantInputs = layer.kind === 'input' ? 0 : layer.kind === 'add' ? 2 : 1;
    if (inputInfos.length !== wantInputs) continue;
    const inferred = inferShape(layer, inputInfos);
    if (!inferred.ok) {
      diagnostics.push(inferred.diagnostic);
      continue;
    }
    outShapes.set(id, inferred.outShape);
    const hasIndex = layer.kind === 'input' || layer.kind === 'dense' || layer.kind === 'conv2d' || layer.kind === 'output';
    const index = layer.kind === 'input' ? 0 : hasIndex ? ++l : null;
    layers.push({ id, kind: layer.kind, l: index, outShape: inferred.outShape, shapes: inferred.shapes, params: inferred.params });
    specLayers.push({ ...layer, inputs: edges.map((e) => e.source) } as LayerSpec);
  }

  const totalParams = layers.reduce((sum, layer) => sum + layer.params, 0);
  if (totalParams > MAX_TOTAL_PARAMS) {
    diagnostics.push({
      severity: 'error',
      message: `The network has ${totalParams.toLocaleString('en')} parameters; Dendrite trains at most ${MAX_TOTAL_PARAMS.toLocaleString('en')}.`,
      hint: 'Use fewer units or filters, or pool before the dense layers.',
    });
  }

  if (graph.dataset) diagnostics.push(...checkDataset(graph.dataset, specLayers as LayerFields[]));

  const edgeShapes: Record<string, string> = {};
  for (const edge of graph.edges) {
    const shape = outShapes.get(edge.source);
    if (shape) edgeShapes[edge.id] = formatActivation(shape);
  }

  const hasError = diagnostics.some((d) => d.severity === 'error');
  const spec: ModelSpec | null = hasError ? null : { format: SPEC_FORMAT, version: SPEC_VERSION, layers: specLayers };
  return { spec, layers, edgeShapes, diagnostics };
}

/** A spec's layers as a graph (node = layer, edge per input), so specs get the same checks. */
export function specToGraph(spec: ModelSpec, dataset?: GraphInput['dataset']): GraphInput {
  const nodes = spec.layers.map((layer) => {
    const { id, kind, inputs: _inputs, ...params } = layer;
    return { id, kind, params: params as Record<string, unknown> };
  });
  const edges = spec.layers.flatMap((layer) =>
    layer.inputs.map((source, i) => ({
      id: `${source}->${layer.id}${layer.kind === 'add' ? `:${i === 0 ? 'a' : 'b'}` : ''}`,
      source,
      target: layer.id,
      targetHandle: layer.kind === 'add' ? (i === 0 ? 'a' : 'b') : null,
    })),
  );
  return { nodes, edges, dataset };
}

/** Compiles a spec (from a file, the CLI or a run request); the result's spec keeps the given layer order. */
export function compileSpec(spec: ModelSpec, dataset?: GraphInput['dataset']): CompileResult {
  return compileGraph(specToGraph(spec, dataset));
}

/** One line per error, naming the layer, for CLI output and run failures. */
export function describeDiagnostics(diagnostics: Diagnostic[]): string {
  return diagnostics
    .filter((d) => d.severity === 'error')
    .map((d) => `${d.nodeId ? `layer ${d.nodeId}: ` : ''}${d.message}${d.hint ? ` ${d.hint}` : ''}`)
    .join('; ');
}
