/**
 * Gradient checking, as in course 2 week 1: reshape every parameter into one vector
 * θ, estimate dθ_approx[i] = (J(θ + ε·e_i) − J(θ − ε·e_i)) / 2ε, and compare with
 * backprop's dθ by the relative difference ‖dθ_approx − dθ‖₂ / (‖dθ_approx‖₂ + ‖dθ‖₂).
 * Runs in float64 on the reference backend with dropout off (mode 'check': batch
 * statistics for batch norm, no masks), since both would otherwise blur the check.
 */
import { identityOrder, loadBatch } from '../data/batcher';
import type { Dataset } from '../data/dataset';
import type { Backend } from '../kernels/kernels';
import { createReferenceBackend } from '../kernels/reference';
import { createNetwork, type Network } from '../model/network';
import type { ModelSpec } from '../spec/types';
import { createRng, shuffleInPlace } from '../tensor/rng';

export type GradCheckBand = 'great' | 'fine' | 'suspect' | 'wrong';

export interface LayerGradCheck {
  id: string;
  kind: string;
  difference: number;
  checked: number;
  params: number;
}

export interface GradCheckResult {
  /** Overall relative difference over every checked component of θ. */
  difference: number;
  band: GradCheckBand;
  advice: string;
  layers: LayerGradCheck[];
  checked: number;
  total: number;
  epsilon: number;
}

export interface GradCheckOptions {
  epsilon?: number;
  /** λ of L2 regularisation, included in J and dθ. */
  l2?: number;
  /** Seeds initialisation (and which components are checked when sampling). */
  seed?: number;
  /** Check at most this many components of θ (a seeded sample); default all. */
  maxChecks?: number;
  /** Defaults to the float64 reference backend; tests pass a deliberately broken one. */
  backend?: Backend;
  /**
   * Start biases (b, β) at randn · this instead of 0, so no ReLU unit sits exactly on
   * its kink (an input of 0 with zero bias gives Z = 0, where the two-sided difference
   * sees slope ½ but backprop uses 0). Default 0 (the spec's own initialisation).
   */
  biasJitter?: number;
  /** Start from these parameters instead of a fresh initialisation. */
  initialise?: (net: Network) => void;
}

/** The course's reading of the number: < 1e−7 great, < 1e−5 fine, < 1e−3 look carefully, else wrong. */
export function gradCheckBand(difference: number): { band: GradCheckBand; advice: string } {
  if (difference < 1e-7) return { band: 'great', advice: 'Great: backprop is very likely correct (difference < 1e−7).' };
  if (difference < 1e-5) return { band: 'fine', advice: 'Probably fine (difference < 1e−5), but look at the components with the largest differences.' };
  if (difference < 1e-3) return { band: 'suspect', advice: 'Take a careful look (difference between 1e−5 and 1e−3): one component may be wrong.' };
  return { band: 'wrong', advice: 'Worry: there is very likely a bug in backprop (difference ≥ 1e−3). Find the layer with the largest difference.' };
}

export function gradientCheck(spec: ModelSpec, data: Dataset, options: GradCheckOptions = {}): GradCheckResult {
  const epsilon = options.epsilon ?? 1e-7;
  const l2 = options.l2 ?? 0;
  const backend = options.backend ?? createReferenceBackend('float64');
  const m = data.m;
  const net = createNetwork(spec, backend, { capacity: m, seed: options.seed ?? 1 });
  if (options.biasJitter) {
    const rng = createRng((options.seed ?? 1) + 104729);
    for (const p of net.params) if (p.name === 'b' || p.name === 'beta') for (let i = 0; i < p.size; i++) p.value[i] = rng.randn() * options.biasJitter;
  }
  options.initialise?.(net);
  const order = identityOrder(m);
  loadBatch(net, data, order, 0, m);

  const J = (): number => {
    net.forward(m, 'check');
    const cost = net.cost(m);
    return l2 > 0 ? cost + (l2 / (2 * m)) * net.weightSquares() : cost;
  };

  // Backprop's dθ (with L2's λ/m · W added to weight gradients).
  J();
  net.backward(m);
  // θ is what training updates: frozen layers' parameters are constants of J.
  const params = net.trainable;
  const grads = params.map((p) => {
    const g = Float64Array.from(p.grad.subarray(0, p.size));
    if (l2 > 0 && p.regularise) for (let i = 0; i < p.size; i++) g[i] += (l2 / m) * p.value[i];
    return g;
  });

  // Which components of θ to check: all, or a seeded sample.
  const total = params.reduce((sum, p) => sum + p.size, 0);
  const flat = Int32Array.from({ length: total }, (_, i) => i);
  const limit = Math.min(total, options.maxChecks ?? total);
  if (limit < total) shuffleInPlace(flat, createRng((options.seed ?? 1) + 7919));
  const chosen = new Set(flat.subarray(0, limit));

  const perLayer = new Map<string, { num: number; den1: number; den2: number; checked: number; params: number; kind: string }>();
  let num = 0;
  let normApprox = 0;
  let normGrad = 0;
  let offset = 0;
  params.forEach((p, index) => {
    const layer = net.layers.find((l) => l.id === p.layerId)!;
    const entry = perLayer.get(p.layerId) ?? { num: 0, den1: 0, den2: 0, checked: 0, params: 0, kind: layer.spec.kind };
    entry.params += p.size;
    for (let i = 0; i < p.size; i++, offset++) {
      if (!chosen.has(offset)) continue;
      const saved = p.value[i];
      p.value[i] = saved + epsilon;
      const plus = J();
      p.value[i] = saved - epsilon;
      const minus = J();
      p.value[i] = saved;
      const approx = (plus - minus) / (2 * epsilon);
      const exact = grads[index][i];
      const diff2 = (approx - exact) ** 2;
      num += diff2;
      normApprox += approx * approx;
      normGrad += exact * exact;
      entry.num += diff2;
      entry.den1 += approx * approx;
      entry.den2 += exact * exact;
      entry.checked++;
    }
    perLayer.set(p.layerId, entry);
  });

  const relative = (n: number, a: number, b: number): number => {
    const denominator = Math.sqrt(a) + Math.sqrt(b);
    return denominator === 0 ? 0 : Math.sqrt(n) / denominator;
  };
  const difference = relative(num, normApprox, normGrad);
  return {
    difference,
    ...gradCheckBand(difference),
    layers: [...perLayer].map(([id, e]) => ({ id, kind: e.kind, difference: relative(e.num, e.den1, e.den2), checked: e.checked, params: e.params })),
    checked: limit,
    total,
    epsilon,
  };
}
