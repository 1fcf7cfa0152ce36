/**
 * graph → model spec + course-notation shape table + diagnostics on node ids.
 * Pure: the renderer re-runs it on every edit; the trainer and the CLI run it on
 * specs (through `compileSpec`) so every entry point reports problems the same way.
 */
import { kindOf } from '../kinds/lookup';
import { shapeRule, type InputInfo } from '../kinds/shape-rule';
import { MAX_LAYERS, MAX_TOTAL_PARAMS } from '../spec/limits';
import { formatActivation } from '../spec/notation';
import { isFrozen } from '../spec/vocabulary';
import { SPEC_FORMAT, SPEC_VERSION, type LayerSpec, type ModelSpec } from '../spec/types';
import { findBottlenecks } from './bottleneck';
import { checkDataset } from './dataset';
import { analyseGraph, reachable } from './graph';
import { readLayer } from './params';
import type { CompileResult, Diagnostic, GraphInput, LayerShapeInfo } from './types';

export function compileGraph(graph: GraphInput): CompileResult {
  const { order, incoming, outgoing, diagnostics } = analyseGraph(graph);
  const nodeById = new Map(graph.nodes.map((n) => [n.id, n]));

  const inputs = graph.nodes.filter((n) => n.kind === 'input');
  const outputs = graph.nodes.filter((n) => n.kind === 'output');
  if (inputs.length === 0) diagnostics.push({ severity: 'error', message: 'The network has no input layer.', hint: 'Add an Input node (the examples X).' });
  if (inputs.length > 1)
    for (const n of inputs.slice(1))
      diagnostics.push({ nodeId: n.id, severity: 'error', message: 'Only one input layer is allowed.', hint: 'Delete the extra input.' });
  if (outputs.length === 0)
    diagnostics.push({ severity: 'error', message: 'The network has no output layer.', hint: 'Add an Output node (ŷ, fused with the loss).' });
  if (outputs.length > 1)
    for (const n of outputs.slice(1))
      diagnostics.push({ nodeId: n.id, severity: 'error', message: 'Only one output layer is allowed.', hint: 'Delete the extra output.' });

  if (graph.nodes.length > MAX_LAYERS) {
    diagnostics.push({
      severity: 'error',
      message: `The network has ${graph.nodes.length.toLocaleString('en')} layers; Dendrite trains at most ${MAX_LAYERS.toLocaleString('en')}.`,
      hint: 'Remove layers.',
    });
  }

  // Wiring: each kind takes one edge per input handle; nothing reads a kind without an output.
  for (const node of graph.nodes) {
    const kind = kindOf(node.kind);
    const handles = kind?.inputs ?? ['in'];
    const fewest = kind?.minInputs ?? handles.length;
    const count = incoming.get(node.id)?.length ?? 0;
    if (count < fewest || count > handles.length) {
      const message =
        handles.length === 0
          ? `The ${node.kind} layer cannot have incoming connections.`
          : fewest < handles.length
            ? `${node.kind} needs ${fewest} to ${handles.length} inputs (${handles.join(', ')}), it has ${count}.`
            : handles.length > 1
              ? `${node.kind} needs exactly ${handles.length} inputs (${handles.join(' and ')}), it has ${count}.`
              : count === 0
                ? 'This layer has no input connection.'
                : `This layer takes one input but has ${count}.`;
      const hint = handles.length > 1 || count === 0 ? 'Connect the missing input.' : 'Merge branches with an add or a concatenate layer.';
      diagnostics.push({ nodeId: node.id, severity: 'error', message, hint });
    }
    if (kind?.hasOutput === false && (outgoing.get(node.id)?.length ?? 0) > 0) {
      diagnostics.push({
        nodeId: node.id,
        severity: 'error',
        message: `The ${node.kind} layer must be last: nothing can read ŷ.`,
        hint: `Delete the connections leaving the ${node.kind}.`,
      });
    }
  }

  // Every node must lie on a path from the input to the output.
  const fromInput = reachable(
    inputs.slice(0, 1).map((n) => n.id),
    (id) => (outgoing.get(id) ?? []).map((e) => e.target),
  );
  const toOutput = reachable(
    outputs.slice(0, 1).map((n) => n.id),
    (id) => (incoming.get(id) ?? []).map((e) => e.source),
  );
  if (inputs.length > 0 && outputs.length > 0 && !fromInput.has(outputs[0].id)) {
    diagnostics.push({
      nodeId: outputs[0].id,
      severity: 'error',
      message: 'The output is not connected to the input.',
      hint: 'Connect a path of layers from the input to the output.',
    });
  }
  for (const node of graph.nodes) {
    if (node.kind === 'input' || node.kind === 'output') continue;
    if (inputs.length > 0 && !fromInput.has(node.id)) {
      diagnostics.push({ nodeId: node.id, severity: 'error', message: 'This layer is not connected to the input.', hint: 'Connect it, or delete it.' });
    } else if (outputs.length > 0 && !toOutput.has(node.id)) {
      diagnostics.push({
        nodeId: node.id,
        severity: 'error',
        message: 'This layer does not lead to the output.',
        hint: 'Connect it towards the output, or delete it.',
      });
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
    const kind = kindOf(layer.kind)!;
    if (inputInfos.length !== edges.length || edges.length < (kind.minInputs ?? kind.inputs.length) || edges.length > kind.inputs.length) continue;
    const inferred = kind.shape(layer, shapeRule(id, inputInfos));
    if (!inferred.ok) {
      diagnostics.push(inferred.diagnostic);
      continue;
    }
    outShapes.set(id, inferred.outShape);
    // Kinds with weights get the course's layer index l; the input (no inputs of its own) is layer 0.
    const index = !kind.numbered ? null : kind.inputs.length === 0 ? 0 : ++l;
    layers.push({
      id,
      kind: layer.kind,
      l: index,
      outShape: inferred.outShape,
      shapes: inferred.shapes,
      params: inferred.params,
      ...(inferred.multiplies !== undefined ? { multiplies: inferred.multiplies } : {}),
      ...(isFrozen(layer) ? { frozen: true } : {}),
    });
    // The compiler wires `inputs` from the edges: layer and inputs together are this kind's spec layer.
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

  if (graph.dataset) diagnostics.push(...checkDataset(graph.dataset, specLayers));

  const edgeShapes: Record<string, string> = {};
  for (const edge of graph.edges) {
    const shape = outShapes.get(edge.source);
    if (shape) edgeShapes[edge.id] = formatActivation(shape);
  }

  const hasError = diagnostics.some((d) => d.severity === 'error');
  const spec: ModelSpec | null = hasError ? null : { format: SPEC_FORMAT, version: SPEC_VERSION, layers: specLayers };
  return { spec, layers, edgeShapes, diagnostics, bottlenecks: findBottlenecks(specLayers, layers) };
}

/** A spec's layers as a graph (node = layer, edge per input), so specs get the same checks. */
export function specToGraph(spec: ModelSpec, dataset?: GraphInput['dataset']): GraphInput {
  const nodes = spec.layers.map((layer) => {
    const { id, kind, inputs: _inputs, ...params } = layer;
    return { id, kind, params: params as Record<string, unknown> };
  });
  const edges = spec.layers.flatMap((layer) => {
    const handles = kindOf(layer.kind)?.inputs ?? [];
    return layer.inputs.map((source, i) => {
      // A kind with several input handles says which one each input is ('a', 'b' for add; 'a' to 'd' for concatenate).
      const handle = handles.length > 1 ? (handles[i] ?? null) : null;
      return { id: `${source}->${layer.id}${handle ? `:${handle}` : ''}`, source, target: layer.id, targetHandle: handle };
    });
  });
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
