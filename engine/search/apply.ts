/**
 * A trial as a normal run: the search's base request with the trial's values written in (α, β,
 * β₂, λ into the training settings; keep_prob and hidden units into the spec's dropout and dense
 * layers) and the per-trial budget. Each trial is then trained, overlaid and exported like any
 * other run.
 */
import type { RunRequest } from '../protocol/messages';
import type { LayerSpec } from '../spec/types';
import type { OptimizerConfig } from '../protocol/train-config';
import { dimensionKey, type TrialValues } from './sample';
import { SETTINGS, type Dimension } from './space';

/** Iterations (gradient steps) or epochs per trial. */
export type TrialBudget = { iterations: number } | { epochs: number };

/** Why a dimension cannot apply to this network and optimizer, or null. */
export function applicationProblem(d: Dimension, base: Pick<RunRequest, 'spec' | 'config'>): string | null {
  const info = SETTINGS[d.setting];
  const optimizer = base.config.optimizer.kind;
  if (d.setting === 'beta' && optimizer !== 'momentum' && optimizer !== 'adam') return `${info.symbol} needs momentum or Adam (the optimizer is ${optimizer})`;
  if (d.setting === 'beta2' && optimizer !== 'rmsprop' && optimizer !== 'adam') return `${info.symbol} needs RMSprop or Adam (the optimizer is ${optimizer})`;
  if (d.setting === 'keepProb' || d.setting === 'units') {
    const kind = d.setting === 'keepProb' ? 'dropout' : 'dense';
    const targets = targetLayers(d, base.spec.layers);
    if (d.layer && targets.length === 0) return `${info.symbol}: there is no ${kind} layer "${d.layer}"`;
    if (targets.length === 0) return `${info.symbol}: the network has no ${kind} layer`;
  }
  return null;
}

/** The layers a units or keep_prob dimension sets. */
function targetLayers(d: Dimension, layers: readonly LayerSpec[]): LayerSpec[] {
  const kind = d.setting === 'keepProb' ? 'dropout' : 'dense';
  return layers.filter((l) => l.kind === kind && (d.layer === undefined || l.id === d.layer));
}

export function applyTrial(base: RunRequest, dimensions: readonly Dimension[], values: TrialValues, runId: string, budget: TrialBudget): RunRequest {
  const { iterations: _iterations, epochs: _epochs, ...settings } = base.config;
  const config = { ...settings, ...budget };
  let optimizer: OptimizerConfig = { ...base.config.optimizer };
  let layers = base.spec.layers;
  for (const d of dimensions) {
    const value = values[dimensionKey(d)];
    if (value === undefined) continue;
    switch (d.setting) {
      case 'learningRate':
        config.learningRate = value;
        break;
      case 'l2':
        config.l2 = value;
        break;
      case 'batchSize':
        config.batchSize = value;
        break;
      case 'beta':
        if (optimizer.kind === 'momentum') optimizer = { ...optimizer, beta: value };
        else if (optimizer.kind === 'adam') optimizer = { ...optimizer, beta1: value };
        break;
      case 'beta2':
        if (optimizer.kind === 'rmsprop' || optimizer.kind === 'adam') optimizer = { ...optimizer, beta2: value };
        break;
      case 'keepProb':
      case 'units': {
        const ids = new Set(targetLayers(d, layers).map((l) => l.id));
        const field = d.setting === 'keepProb' ? 'keepProb' : 'units';
        layers = layers.map((l) => (ids.has(l.id) ? ({ ...l, [field]: value } as LayerSpec) : l));
        break;
      }
    }
  }
  config.optimizer = optimizer;
  return { ...base, runId, spec: { ...base.spec, layers }, config };
}
