/**
 * Optimizers over the network's parameter tensors, through the backend's
 * optimizerUpdate kernel (or its planned multi-tensor program, when the backend has one).
 * State (v, s) is allocated once per run.
 */
import type { FloatArray } from '../kernels/kernels';
import type { ParamTensor } from '../layers/types';
import type { Network } from '../model/network';
import { allocate } from '../tensor/buffers';
import type { OptimizerConfig } from '../protocol/train-config';

const KIND_CODE = { gd: 0, momentum: 1, rmsprop: 2, adam: 3 } as const;

export interface Optimizer {
  /** One step with learning rate α; l2 is λ/m (already divided). t counts Adam steps from 1. */
  step(learningRate: number, l2OverM: number): void;
  readonly t: number;
  /** Counts `steps` updates made outside step() (a replayed step program, engine/train/step-program.ts). */
  advance(steps: number): void;
}

export function createOptimizer(net: Network, config: OptimizerConfig): Optimizer {
  const k = net.backend.kernels;
  const code = KIND_CODE[config.kind];
  const beta1 = config.kind === 'momentum' ? config.beta : config.kind === 'adam' ? config.beta1 : 0;
  const beta2 = config.kind === 'rmsprop' || config.kind === 'adam' ? config.beta2 : 0;
  const epsilon = config.kind === 'rmsprop' || config.kind === 'adam' ? config.epsilon : 0;
  const empty = allocate(net.backend, 0);
  // Frozen layers' parameters are left out: they are never updated (transfer learning).
  const slots: { p: ParamTensor; v: FloatArray; s: FloatArray }[] = net.trainable.map((p) => ({
    p,
    v: code === 1 || code === 3 ? allocate(net.backend, p.size) : empty,
    s: code === 2 || code === 3 ? allocate(net.backend, p.size) : empty,
  }));
  // Planned once: one kernel call per step for all tensors where the backend offers it
  // (native: one boundary crossing instead of one per tensor — W1 has 4 tensors and ~4 µs steps).
  const program = k.planOptimizer
    ? k.planOptimizer(
        code,
        slots.map(({ p, v, s }) => ({ W: p.value, dW: p.grad, s1: v, s2: s, n: p.size, regularise: p.regularise })),
        beta1,
        beta2,
        epsilon,
      )
    : null;
  let t = 0;
  return {
    get t() {
      return t;
    },
    advance(steps) {
      t += steps;
    },
    step(learningRate, l2OverM) {
      t++;
      if (program) {
        program.step(learningRate, l2OverM, t);
        return;
      }
      for (const { p, v, s } of slots) {
        k.optimizerUpdate(code, p.value, p.grad, v, s, p.size, learningRate, beta1, beta2, epsilon, t, p.regularise ? l2OverM : 0);
      }
    },
  };
}

/** Course defaults: β = 0.9; β₂ = 0.999; ε = 1e−8. */
export function optimizerFromName(name: string): OptimizerConfig | null {
  switch (name) {
    case 'gd':
      return { kind: 'gd' };
    case 'momentum':
      return { kind: 'momentum', beta: 0.9 };
    case 'rmsprop':
      return { kind: 'rmsprop', beta2: 0.999, epsilon: 1e-8 };
    case 'adam':
      return { kind: 'adam', beta1: 0.9, beta2: 0.999, epsilon: 1e-8 };
    default:
      return null;
  }
}
