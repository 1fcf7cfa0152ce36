/**
 * How a run is named: every setting that shapes it as a short part ("adam", "α=0.01",
 * "batch 64", "λ=0.7", "seed 3"…). A run's own label holds what is not a default; a list of
 * runs labels each by what differs between them, so two runs never read the same when they
 * were trained differently (issue 13).
 */
import type { ModelSpec } from '../../../../engine/spec';
import type { RunRequest } from '../../../../engine/protocol';
import type { DecayConfig } from '../../../../engine/train';
import { DEFAULT_SETTINGS } from './settings-store';

/** What a run was trained with, for the run history (saved in the project). */
export interface RunSettingsSummary {
  label: string;
  dataset: string;
  learningRate: number;
  optimizer: string;
  /** Iterations asked for (0 when the run was given in epochs). */
  iterations: number;
  /** Epochs asked for, when the run was given in epochs. */
  epochs?: number;
  batchSize: number | 'full';
  seed: number;
  l2?: number;
  /** The learning-rate schedule, as its label part ("decay 0.95^epoch"). */
  decay?: string;
  /** Early-stopping patience in epochs. */
  patience?: number;
  /** The layers, short ("2 → 4 tanh → 1 sigmoid"). */
  network?: string;
}

interface Part {
  key: string;
  text: string;
  /** Shown in the run's own label even when no other run differs. */
  always: boolean;
}

export function describeDecay(decay: DecayConfig | undefined): string | undefined {
  if (!decay || decay.kind === 'none') return undefined;
  switch (decay.kind) {
    case 'inverse':
      return `decay 1/(1+${decay.decayRate}·epoch)`;
    case 'exponential':
      return `decay ${decay.base}^epoch`;
    case 'sqrt':
      return `decay ${decay.k}/√epoch`;
    case 'staircase':
      return `decay ×${decay.factor} every ${decay.interval} epochs`;
  }
}

/** The layers in order, short: sizes of dense layers, filters of convolutions, the kind of the rest. */
export function describeNetwork(spec: ModelSpec): string {
  const parts: string[] = [];
  for (const layer of spec.layers) {
    switch (layer.kind) {
      case 'input':
        parts.push(layer.shape.join('×'));
        break;
      case 'dense':
        parts.push(`${layer.units}${layer.activation && layer.activation !== 'linear' ? ` ${layer.activation}` : ''}`);
        break;
      case 'output':
        parts.push(`${layer.units} ${layer.activation}`);
        break;
      case 'conv2d':
        parts.push(`conv ${layer.filters}@${layer.f}×${layer.f}`);
        break;
      case 'pool':
        parts.push(`${layer.mode} pool`);
        break;
      case 'dropout':
        parts.push(`dropout ${layer.keepProb}`);
        break;
      case 'batchnorm':
        parts.push('BN');
        break;
      case 'activation':
        parts.push(layer.fn);
        break;
      case 'add':
        parts.push('add');
        break;
      default:
        // flatten and softmax change no size worth naming
        break;
    }
  }
  return parts.join(' → ');
}

function parts(s: RunSettingsSummary): Part[] {
  return [
    { key: 'network', text: s.network ?? '', always: false },
    { key: 'optimizer', text: s.optimizer, always: true },
    { key: 'lr', text: `α=${s.learningRate}`, always: true },
    { key: 'batch', text: s.batchSize === 'full' ? 'full batch' : `batch ${s.batchSize}`, always: s.batchSize !== 'full' },
    {
      key: 'length',
      text: s.epochs ? `${s.epochs.toLocaleString('en')} epoch${s.epochs === 1 ? '' : 's'}` : `${s.iterations.toLocaleString('en')} it.`,
      // A run given in epochs says so; iterations are the usual way, left to the history's tooltip.
      always: s.epochs !== undefined,
    },
    { key: 'l2', text: `λ=${s.l2 ?? 0}`, always: (s.l2 ?? 0) > 0 },
    { key: 'decay', text: s.decay ?? 'no decay', always: s.decay !== undefined },
    { key: 'early', text: s.patience ? `early stop ${s.patience}` : 'no early stop', always: s.patience !== undefined },
    // Another seed than the one every project starts with ("New seed") is part of what the run was.
    { key: 'seed', text: `seed ${s.seed}`, always: s.seed !== DEFAULT_SETTINGS.seed },
    { key: 'dataset', text: s.dataset, always: true },
  ];
}

/** A run's own label: its ordinal and every setting that is not a default. */
export function runLabel(ordinal: number, s: Omit<RunSettingsSummary, 'label'>): string {
  return [
    `#${ordinal}`,
    ...parts({ ...s, label: '' })
      .filter((p) => p.always && p.text)
      .map((p) => p.text),
  ].join(' ');
}

/** Every setting of a run, for its tooltip. */
export function fullDescription(s: RunSettingsSummary): string {
  return parts(s)
    .filter((p) => p.text)
    .map((p) => p.text)
    .join(' · ');
}

/**
 * Labels for runs shown together: each run's ordinal and the settings that differ between them.
 * A run whose settings match another's says so (its curve may lie exactly on the other's).
 */
export function distinguishingLabels(runs: readonly { runId: string; settings: RunSettingsSummary | null }[]): Map<string, string> {
  const labels = new Map<string, string>();
  const known = runs.filter((r) => r.settings);
  const differing = new Set<string>();
  if (known.length > 1) {
    const first = parts(known[0]!.settings!);
    for (const r of known.slice(1)) {
      parts(r.settings!).forEach((p, i) => {
        if (p.text !== first[i]!.text) differing.add(p.key);
      });
    }
  }
  for (const r of runs) {
    if (!r.settings) {
      labels.set(r.runId, r.runId);
      continue;
    }
    const ordinal = r.settings.label.split(' ')[0]!;
    if (known.length < 2) {
      labels.set(r.runId, r.settings.label);
      continue;
    }
    const own = parts(r.settings)
      .filter((p) => differing.has(p.key) && p.text)
      .map((p) => p.text);
    // Nothing differs: every run shown was trained the same way.
    labels.set(r.runId, own.length > 0 ? [ordinal, ...own].join(' ') : `${r.settings.label} (same settings)`);
  }
  return labels;
}

/** The history's summary of a run request. */
export function summarise(request: RunRequest, ordinal: number, datasetId?: string): RunSettingsSummary {
  const { config, data } = request;
  const dataset = datasetId ?? (data.kind === 'generator' ? data.name : 'inline');
  const summary: Omit<RunSettingsSummary, 'label'> = {
    dataset,
    learningRate: config.learningRate,
    optimizer: config.optimizer.kind,
    iterations: config.iterations ?? 0,
    ...(config.iterations === undefined && config.epochs ? { epochs: config.epochs } : {}),
    batchSize: config.batchSize,
    seed: config.seed,
    ...(config.l2 ? { l2: config.l2 } : {}),
    ...(describeDecay(config.decay) ? { decay: describeDecay(config.decay) } : {}),
    ...(config.earlyStopping ? { patience: config.earlyStopping.patience } : {}),
    network: describeNetwork(request.spec),
  };
  return { label: runLabel(ordinal, summary), ...summary };
}
