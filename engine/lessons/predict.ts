/**
 * Predict, then check: a student types the shape of a layer's W, b, Z or A (Z and A for a batch
 * of m, so "(4, m)") or its parameter count; the app marks it and shows the course's formula
 * filled in with the numbers of the student's own network.
 */
import { formatShape } from '../spec/notation';
import type { CompileResult, Dim, LayerShapeInfo } from '../compile/types';
import { paddingAmount } from '../spec/geometry';
import type { LayerSpec, ModelSpec } from '../spec/types';
import type { PredictTarget, Quantity } from './format';

export type Answer = Dim[] | number;

export interface Marked {
  target: PredictTarget;
  typed: string;
  /** The typed text could be read as a shape or a count. */
  readable: boolean;
  correct: boolean;
  /** "(4, 2)" or "12". */
  expected: string;
  /** The formula with the network's numbers: "W[1]: (n[1], n[0]) = (4, 2)". */
  formula: string;
  /** A word on a common slip (a transposed W, a forgotten bias). */
  advice?: string;
}

/** Reads "(4, m)", "4 x m", "4×m", "[4, 2]", "12" — numbers, and m for the batch size. */
export function readAnswer(typed: string): Answer | null {
  const text = typed.trim().replace(/^[([{]\s*|\s*[)\]}]$/g, '');
  if (text === '') return null;
  const parts = text.split(/\s*[,×x*]\s*|\s+/i).filter((p) => p !== '');
  if (parts.length === 0) return null;
  const dims: Dim[] = [];
  for (const part of parts) {
    if (/^m$/i.test(part)) dims.push('m');
    else if (/^\d+$/.test(part)) dims.push(Number(part));
    else return null;
  }
  if (dims.length === 1 && typeof dims[0] === 'number' && !/[([{,×x*]/i.test(typed)) return dims[0];
  return dims;
}

/** What is being asked, in the course's words: "W[1]", "the parameters of layer 1". */
export function targetLabel(target: PredictTarget, info: LayerShapeInfo | undefined): string {
  const l = info?.l;
  const index = l === null || l === undefined ? '' : `[${l}]`;
  return target.quantity === 'params' ? `parameters of ${info ? layerName(info) : target.layer}` : `${target.quantity}${index}`;
}

function layerName(info: LayerShapeInfo): string {
  return info.l === null ? `${info.kind} ${info.id}` : `layer ${info.l} (${info.kind})`;
}

/** The right answer for a target, from the compiled network; null when the layer has no such quantity. */
export function expectedAnswer(compiled: CompileResult, target: PredictTarget): Answer | null {
  const info = compiled.layers.find((l) => l.id === target.layer);
  if (!info) return null;
  if (target.quantity === 'params') return info.params;
  return info.shapes[target.quantity] ?? null;
}

function same(a: Answer, b: Answer): boolean {
  if (typeof a === 'number' || typeof b === 'number') return a === b;
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

const show = (answer: Answer) => (typeof answer === 'number' ? answer.toLocaleString('en') : formatShape(answer));

export function markPrediction(spec: ModelSpec, compiled: CompileResult, target: PredictTarget, typed: string): Marked {
  const info = compiled.layers.find((l) => l.id === target.layer);
  const layer = spec.layers.find((l) => l.id === target.layer);
  const expected = expectedAnswer(compiled, target);
  if (!info || !layer || expected === null) {
    return { target, typed, readable: false, correct: false, expected: '—', formula: `Layer ${target.layer} has no ${target.quantity}.` };
  }
  const answer = readAnswer(typed);
  const formula = formulaFor(compiled, layer, info, target.quantity);
  const marked: Marked = { target, typed, readable: answer !== null, correct: answer !== null && same(answer, expected), expected: show(expected), formula };
  if (answer !== null && !marked.correct) {
    const advice = slip(answer, expected, target.quantity);
    if (advice) marked.advice = advice;
  }
  return marked;
}

function slip(answer: Answer, expected: Answer, quantity: Quantity): string | undefined {
  if (typeof answer !== 'number' && typeof expected !== 'number' && answer.length === 2 && expected.length === 2) {
    if (answer[0] === expected[1] && answer[1] === expected[0]) {
      return quantity === 'W'
        ? 'That is Wᵀ: W[l] has one row per unit of layer l, one column per unit of layer l−1.'
        : 'Rows and columns are swapped: examples are columns, so m comes last.';
    }
  }
  if (quantity === 'params' && typeof answer === 'number' && typeof expected === 'number' && answer < expected) {
    return 'Did you count the biases b[l] too?';
  }
  if (typeof answer !== 'number' && typeof expected !== 'number' && expected.includes('m') && !answer.includes('m')) {
    return 'Z and A hold a whole batch: one dimension is the number of examples m.';
  }
  return undefined;
}

/** The course's formula for one quantity of one layer, filled in with this network's numbers. */
export function formulaFor(compiled: CompileResult, layer: LayerSpec, info: LayerShapeInfo, quantity: Quantity): string {
  const l = info.l ?? 0;
  const name = `${quantity}[${l}]`;
  const inShape = compiled.layers.find((x) => x.id === layer.inputs[0])?.outShape ?? [];
  switch (layer.kind) {
    case 'dense':
    case 'output': {
      const n = layer.units;
      const nPrev = inShape[0];
      if (quantity === 'W') return `${name}: (n[${l}], n[${l - 1}]) = (${n}, ${nPrev})`;
      if (quantity === 'b') return `${name}: (n[${l}], 1) = (${n}, 1)`;
      if (quantity === 'params') return `n[${l}]·n[${l - 1}] + n[${l}] = ${n}·${nPrev} + ${n} = ${info.params}`;
      return `${name}: (n[${l}], m) = (${n}, m)`;
    }
    case 'conv2d': {
      const [hPrev, wPrev, cPrev] = inShape;
      const { f, s, filters } = layer;
      const p = paddingAmount(layer.padding, f);
      const [h, w] = info.outShape;
      if (quantity === 'W') return `${name}: (f, f, n_C_prev, n_C) = (${f}, ${f}, ${cPrev}, ${filters})`;
      if (quantity === 'b') return `${name}: (1, 1, 1, n_C) = (1, 1, 1, ${filters})`;
      if (quantity === 'params') return `(f·f·n_C_prev + 1)·n_C = (${f}·${f}·${cPrev} + 1)·${filters} = ${info.params}`;
      return (
        `${name}: (m, n_H, n_W, n_C) with n_H = ⌊(n_H_prev + 2p − f)/s⌋ + 1 = ⌊(${hPrev} + 2·${p} − ${f})/${s}⌋ + 1 = ${h}` +
        `${wPrev === hPrev ? '' : `, n_W = ⌊(${wPrev} + 2·${p} − ${f})/${s}⌋ + 1 = ${w}`} → (m, ${h}, ${w}, ${filters})`
      );
    }
    case 'pool': {
      const [hPrev, , c] = inShape;
      const [h, w] = info.outShape;
      if (quantity === 'params') return 'Pooling has no parameters: 0';
      return `A: (m, n_H, n_W, n_C) with n_H = ⌊(n_H_prev − f)/s⌋ + 1 = ⌊(${hPrev} − ${layer.f})/${layer.s}⌋ + 1 = ${h} → (m, ${h}, ${w}, ${c})`;
    }
    case 'flatten': {
      const n = inShape.reduce((a, b) => a * b, 1);
      if (quantity === 'params') return 'Flatten has no parameters: 0';
      return `A: (n_H·n_W·n_C, m) = (${inShape.join('·')}, m) = (${n}, m)`;
    }
    case 'batchnorm': {
      const features = inShape.length === 3 ? inShape[2] : inShape[0];
      if (quantity === 'params') return `γ and β, one of each per ${inShape.length === 3 ? 'channel' : 'unit'}: 2·${features} = ${info.params}`;
      return `A: the same shape as its input, ${formatShape(info.shapes.A ?? [])}`;
    }
    default:
      if (quantity === 'params') return `A ${layer.kind} layer has no parameters: 0`;
      return `A: ${formatShape(info.shapes.A ?? [])}`;
  }
}
