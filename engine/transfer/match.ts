/**
 * Which layers of an exported model can give their weights to which layers of the current
 * network (transfer learning): a source layer fits a target layer when both are the same kind
 * and every parameter has the same shape (W (n[l], n[l−1]), conv W (f, f, n_C_prev, n_C), γ, β).
 * Pure (spec and shape tables only), so the canvas can offer the choices as the graph changes.
 */
import type { LayerShapeInfo } from '../compile/types';
import type { Dim } from '../spec/notation';
import type { LayerSpec, ModelSpec } from '../spec/types';

/** A parameter tensor's name and shape, as a model file lists them. */
export interface TensorShape {
  layer: string;
  name: string;
  shape: number[];
}

/** One target layer with parameters: the source layers that fit it, and the one chosen (null: fresh). */
export interface LayerMatch {
  target: string;
  kind: string;
  /** Source layer ids that fit, in the source network's order. */
  candidates: string[];
  source: string | null;
}

/** The parameter shapes a compiled layer has (those keyed W, b, gamma, beta in its table). */
function paramShapes(layer: LayerShapeInfo, names: readonly string[]): Map<string, readonly Dim[]> {
  return new Map(names.filter((name) => layer.shapes[name]).map((name) => [name, layer.shapes[name]!]));
}

const sameShape = (a: readonly Dim[], b: readonly number[]) => a.length === b.length && a.every((d, i) => d === b[i]);

/**
 * Every target layer that has parameters, with the source layers that fit it. The default choice
 * takes the source layer with the same id when it fits, else the next unused one that fits, in
 * order — so a network rebuilt on the canvas (new ids) takes the old one's layers as they were.
 * An output layer is paired by id only: a new output node is the course's "replace the last
 * layer" (new classes), so by default it starts fresh even when its shape happens to fit.
 */
export function matchLayers(source: { spec: ModelSpec; parameters: readonly TensorShape[] }, target: readonly LayerShapeInfo[]): LayerMatch[] {
  const tensorsOf = new Map<string, TensorShape[]>();
  for (const t of source.parameters) tensorsOf.set(t.layer, [...(tensorsOf.get(t.layer) ?? []), t]);
  const sources = source.spec.layers.filter((layer) => tensorsOf.has(layer.id));
  const used = new Set<string>();
  const matches: LayerMatch[] = [];
  for (const layer of target) {
    if (layer.params === 0) continue;
    const candidates = sources.filter((s) => fits(s, tensorsOf.get(s.id)!, layer)).map((s) => s.id);
    const sameId = candidates.includes(layer.id) && !used.has(layer.id) ? layer.id : undefined;
    const inOrder = layer.kind === 'output' ? undefined : candidates.find((id) => !used.has(id) && !target.some((t) => t.id === id && t !== layer));
    const preferred = sameId ?? inOrder;
    const chosen = preferred ?? null;
    if (chosen) used.add(chosen);
    matches.push({ target: layer.id, kind: layer.kind, candidates, source: chosen });
  }
  return matches;
}

function fits(source: LayerSpec, tensors: readonly TensorShape[], target: LayerShapeInfo): boolean {
  if (source.kind !== target.kind) return false;
  const shapes = paramShapes(
    target,
    tensors.map((t) => t.name),
  );
  return shapes.size === tensors.length && tensors.every((t) => sameShape(shapes.get(t.name)!, t.shape));
}

/** The chosen pairs as a run request carries them: target layer id → source layer id. */
export function chosenPairs(matches: readonly LayerMatch[]): Record<string, string> {
  return Object.fromEntries(matches.flatMap((m) => (m.source ? [[m.target, m.source]] : [])));
}
