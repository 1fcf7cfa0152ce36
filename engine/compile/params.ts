/**
 * Per-kind parameter validation: turns a canvas node's params into a layer spec,
 * or reports what is wrong on that node with a hint. Limits keep a typo (units =
 * 1e9) from freezing the app while it allocates.
 */
import {
  ACTIVATIONS,
  INIT_KINDS,
  LOSSES,
  OUTPUT_ACTIVATIONS,
  type ActivationFn,
  type InitSpec,
  type LayerSpec,
  type LossKind,
  type OutputActivation,
  type Padding,
} from '../spec/types';
import type { Diagnostic, GraphNode } from './types';

export { MAX_UNITS } from '../spec/limits';
import { MAX_UNITS } from '../spec/limits';
export const MAX_FILTER_SIZE = 64;
export const MAX_IMAGE_SIDE = 4096;

/** The loss each output activation is fused with (so dZ[L] = A[L] − Y). */
export const FUSED_LOSS: Record<OutputActivation, LossKind> = {
  sigmoid: 'bce',
  softmax: 'cross_entropy',
  linear: 'mse',
};

class ParamReader {
  readonly diagnostics: Diagnostic[] = [];
  constructor(
    private readonly node: GraphNode,
  ) {}

  private error(param: string, message: string, hint: string, value?: unknown): void {
    this.diagnostics.push({
      nodeId: this.node.id,
      severity: 'error',
      message: `${param}: ${message}`,
      hint,
      ...(value !== undefined
        ? { fix: { kind: 'set-param' as const, nodeId: this.node.id, param, value, label: `Set ${param} to ${String(value)}` } }
        : {}),
    });
  }

  int(param: string, min: number, max: number, fallback?: number): number {
    const value = this.node.params[param] ?? fallback;
    if (value === undefined) {
      this.error(param, 'is required', `Give ${param} an integer from ${min} to ${max}.`);
      return NaN;
    }
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      const clamped = typeof value === 'number' && Number.isFinite(value) ? Math.min(max, Math.max(min, Math.round(value))) : min;
      this.error(param, `expected integer ≥ ${min}${max < Infinity ? ` and ≤ ${max}` : ''}, got ${show(value)}`, `Use an integer from ${min} to ${max}.`, clamped);
      return NaN;
    }
    return value;
  }

  num(param: string, min: number, max: number, fallback: number, exclusiveMin = false): number {
    const value = this.node.params[param] ?? fallback;
    const ok = typeof value === 'number' && Number.isFinite(value) && (exclusiveMin ? value > min : value >= min) && value <= max;
    if (!ok) {
      this.error(param, `expected a number ${exclusiveMin ? '>' : '≥'} ${min} and ≤ ${max}, got ${show(value)}`, `Use a value in ${exclusiveMin ? '(' : '['}${min}, ${max}].`, fallback);
      return NaN;
    }
    return value as number;
  }

  choice<T extends string>(param: string, choices: readonly T[], fallback?: T): T {
    const value = this.node.params[param] ?? fallback;
    if (typeof value !== 'string' || !choices.includes(value as T)) {
      this.error(param, `expected one of ${choices.join(', ')}, got ${show(value)}`, `Pick one of: ${choices.join(', ')}.`, fallback ?? choices[0]);
      return (fallback ?? choices[0]) as T;
    }
    return value as T;
  }

  padding(f: number): Padding {
    const value = this.node.params.padding ?? 'valid';
    if (value === 'valid' || value === 'same') {
      if (value === 'same' && Number.isInteger(f) && f % 2 === 0) {
        this.error(
          'padding',
          `'same' needs an odd f: p = (f − 1)/2 = (${f} − 1)/2 = ${(f - 1) / 2} is not an integer`,
          `Use f = ${f + 1} (or ${f - 1}), or padding 'valid'.`,
        );
      }
      return value;
    }
    if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_FILTER_SIZE) return value;
    this.error('padding', `expected 'valid', 'same' or an integer p ≥ 0, got ${show(value)}`, "Use 'valid' (p = 0) or 'same'.", 'valid');
    return 'valid';
  }

  init(): InitSpec | undefined {
    const value = this.node.params.init;
    if (value === undefined) return undefined;
    const init = value as Partial<InitSpec>;
    if (typeof value !== 'object' || value === null || !INIT_KINDS.includes(init.kind as never)) {
      this.error('init', `expected { kind: ${INIT_KINDS.join(' | ')} }, got ${show(value)}`, 'Pick zeros, random, xavier or he.');
      return undefined;
    }
    if (init.scale !== undefined && !(typeof init.scale === 'number' && Number.isFinite(init.scale) && init.scale >= 0)) {
      this.error('init.scale', `expected a number ≥ 0, got ${show(init.scale)}`, 'The course uses 0.01.');
      return undefined;
    }
    return init.scale === undefined ? { kind: init.kind! } : { kind: init.kind!, scale: init.scale };
  }

  shape(): number[] {
    const value = this.node.params.shape;
    const ok =
      Array.isArray(value) &&
      (value.length === 1 || value.length === 3) &&
      value.every((d) => typeof d === 'number' && Number.isInteger(d) && d >= 1 && d <= (value.length === 1 ? 10_000_000 : MAX_IMAGE_SIDE));
    if (!ok) {
      this.error('shape', `expected [n_x] or [n_H, n_W, n_C] of positive integers, got ${show(value)}`, 'Pick a dataset, or set the input shape, e.g. [2] or [28, 28, 1].');
      return [];
    }
    return [...(value as number[])];
  }
}

function show(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (value === undefined) return 'nothing';
  try {
    const text = JSON.stringify(value);
    return text.length > 40 ? `${text.slice(0, 37)}…` : text;
  } catch {
    return String(value);
  }
}

/** A layer spec without its wiring (the compiler fills `inputs` from the edges). */
export type LayerFields = LayerSpec extends infer L ? (L extends LayerSpec ? Omit<L, 'inputs'> : never) : never;

export function readLayer(node: GraphNode): { layer: LayerFields | null; diagnostics: Diagnostic[] } {
  const r = new ParamReader(node);
  const id = node.id;
  const activation = (param = 'activation'): ActivationFn => r.choice(param, ACTIVATIONS, 'linear');
  const alpha = (): number | undefined => (node.params.alpha === undefined ? undefined : r.num('alpha', 0, 1, 0.01));
  let layer: LayerFields | null = null;
  switch (node.kind) {
    case 'input':
      layer = { id, kind: 'input', shape: r.shape() };
      break;
    case 'dense':
      layer = { id, kind: 'dense', units: r.int('units', 1, MAX_UNITS), activation: activation(), alpha: alpha(), init: r.init() };
      break;
    case 'output': {
      const act = r.choice('activation', OUTPUT_ACTIVATIONS, 'sigmoid');
      const loss = r.choice('loss', LOSSES, FUSED_LOSS[act]);
      if (FUSED_LOSS[act] !== loss && r.diagnostics.length === 0) {
        r.diagnostics.push({
          nodeId: id,
          severity: 'error',
          message: `loss: ${act} output is paired with ${FUSED_LOSS[act]} (so dZ[L] = A[L] − Y), not ${loss}`,
          hint: `Use loss ${FUSED_LOSS[act]} with a ${act} output.`,
          fix: { kind: 'set-param', nodeId: id, param: 'loss', value: FUSED_LOSS[act], label: `Set loss to ${FUSED_LOSS[act]}` },
        });
      }
      layer = { id, kind: 'output', units: r.int('units', 1, MAX_UNITS), activation: act, loss, init: r.init() };
      break;
    }
    case 'conv2d': {
      const f = r.int('f', 1, MAX_FILTER_SIZE);
      layer = {
        id,
        kind: 'conv2d',
        filters: r.int('filters', 1, MAX_UNITS),
        f,
        s: r.int('s', 1, MAX_FILTER_SIZE, 1),
        padding: r.padding(f),
        activation: activation(),
        alpha: alpha(),
        init: r.init(),
      };
      break;
    }
    case 'pool':
      layer = { id, kind: 'pool', mode: r.choice('mode', ['max', 'avg'] as const, 'max'), f: r.int('f', 1, MAX_FILTER_SIZE), s: r.int('s', 1, MAX_FILTER_SIZE, 1) };
      break;
    case 'batchnorm':
      layer = { id, kind: 'batchnorm', momentum: r.num('momentum', 0, 0.9999, 0.9), epsilon: r.num('epsilon', 0, 1, 1e-5, true) };
      break;
    case 'dropout':
      layer = { id, kind: 'dropout', keepProb: r.num('keepProb', 0, 1, 0.8, true) };
      break;
    case 'activation':
      layer = { id, kind: 'activation', fn: activation('fn'), alpha: alpha() };
      break;
    case 'softmax':
    case 'flatten':
    case 'add':
      layer = { id, kind: node.kind };
      break;
    default:
      r.diagnostics.push({
        nodeId: id,
        severity: 'error',
        message: `unknown layer kind ${show(node.kind)}`,
        hint: 'Use one of: input, dense, conv2d, pool, batchnorm, dropout, activation, softmax, flatten, add, output.',
      });
  }
  if (layer) for (const key of Object.keys(layer) as (keyof LayerFields)[]) if (layer[key] === undefined) delete layer[key];
  return { layer: r.diagnostics.some((d) => d.severity === 'error') ? null : layer, diagnostics: r.diagnostics };
}
