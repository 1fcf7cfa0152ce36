/** One line per node saying what its parameters are, in the course's words. */
import type { LayerKind } from '../../../../engine/spec/types';
import type { LayerParams } from '../graph/document';

const str = (v: unknown) => (v === undefined || v === null ? '?' : String(v));

export function summariseParams(kind: LayerKind, p: LayerParams): string {
  switch (kind) {
    case 'input': {
      const shape = Array.isArray(p.shape) ? (p.shape as number[]) : [];
      return shape.length === 3 ? `${shape.join(' × ')} image` : `n[0] = ${str(shape[0])} features`;
    }
    case 'dense':
      return `${str(p.units)} unit${p.units === 1 ? '' : 's'} · ${str(p.activation ?? 'linear')}`;
    case 'conv2d':
      return `${str(p.filters)} filters ${str(p.f)}×${str(p.f)} · s=${str(p.s)} · ${str(p.padding)} · ${str(p.activation ?? 'linear')}`;
    case 'pool':
      return `${p.mode === 'avg' ? 'average' : 'max'} ${str(p.f)}×${str(p.f)} · s=${str(p.s)}`;
    case 'batchnorm':
      return `γ, β · running β = ${str(p.momentum ?? 0.9)}`;
    case 'dropout':
      return `keep_prob = ${str(p.keepProb)}`;
    case 'activation':
      return str(p.fn);
    case 'softmax':
      return 'e^Z / Σ e^Z';
    case 'flatten':
      return 'to (n_H·n_W·n_C, m)';
    case 'add':
      return 'A_a + A_b';
    case 'output':
      return `${str(p.units)} · ${str(p.activation)} · ${lossLabel(p.loss)}`;
  }
}

function lossLabel(loss: unknown): string {
  return loss === 'bce' ? 'binary cross-entropy' : loss === 'cross_entropy' ? 'cross-entropy' : loss === 'mse' ? 'MSE' : '?';
}
