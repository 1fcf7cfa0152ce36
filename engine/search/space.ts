/**
 * What a hyperparameter search varies (course 2, week 3): which settings, over which range,
 * on which scale. "Use an appropriate scale": α and λ are sampled uniformly in log₁₀, and β
 * as 1 − β on a log scale (β from 0.9 to 0.999 averages over the last 10 to 1,000 values, so
 * 0.999 → 0.9995 matters far more than 0.9 → 0.9005). One place for each setting's words,
 * bounds and default range; the canvas, the CLI and the search schema all read this table.
 */
import { MAX_UNITS } from '../spec/limits';

export const SEARCH_SETTINGS = ['learningRate', 'beta', 'beta2', 'l2', 'keepProb', 'batchSize', 'units'] as const;
export type SearchSetting = (typeof SEARCH_SETTINGS)[number];
export type SearchScale = 'linear' | 'log';

export interface SettingInfo {
  /** The course's symbol. */
  symbol: string;
  label: string;
  /** The CLI's name for it (--vary lr=…). */
  flag: string;
  /** What may be sampled at all. */
  min: number;
  max: number;
  /** Values are whole numbers (rounded after sampling; batch sizes on a log scale to a power of 2). */
  integer: boolean;
  /** Sampled as 1 − value (β, β₂): its log scale is log(1 − value). */
  oneMinus: boolean;
  /** The range and scale a new search starts with. */
  range: [number, number];
  scale: SearchScale;
  help: string;
}

export const SETTINGS: Record<SearchSetting, SettingInfo> = {
  learningRate: {
    symbol: 'α',
    label: 'Learning rate α',
    flag: 'lr',
    min: 1e-7,
    max: 1000,
    integer: false,
    oneMinus: false,
    range: [1e-4, 1],
    scale: 'log',
    help: 'r uniform in [log₁₀ min, log₁₀ max], α = 10^r.',
  },
  beta: {
    symbol: 'β',
    label: 'Momentum β (Adam β₁)',
    flag: 'beta',
    min: 0,
    max: 0.9999,
    integer: false,
    oneMinus: true,
    range: [0.9, 0.999],
    scale: 'log',
    help: 'Sampled as 1 − β on a log scale.',
  },
  beta2: {
    symbol: 'β₂',
    label: 'RMSprop/Adam β₂',
    flag: 'beta2',
    min: 0,
    max: 0.99999,
    integer: false,
    oneMinus: true,
    range: [0.99, 0.9999],
    scale: 'log',
    help: 'Sampled as 1 − β₂ on a log scale.',
  },
  l2: {
    symbol: 'λ',
    label: 'L2 λ',
    flag: 'l2',
    min: 1e-8,
    max: 1e6,
    integer: false,
    oneMinus: false,
    range: [1e-4, 10],
    scale: 'log',
    help: 'λ of λ/(2m) Σ‖W‖².',
  },
  keepProb: {
    symbol: 'keep_prob',
    label: 'Dropout keep_prob',
    flag: 'keep',
    min: 0.01,
    max: 1,
    integer: false,
    oneMinus: false,
    range: [0.5, 1],
    scale: 'linear',
    help: 'Every dropout layer (or the one named).',
  },
  batchSize: {
    symbol: 'mini-batch',
    label: 'Mini-batch size',
    flag: 'batch',
    min: 1,
    max: 1_000_000,
    integer: true,
    oneMinus: false,
    range: [16, 512],
    scale: 'log',
    help: 'On a log scale: powers of 2.',
  },
  units: {
    symbol: 'n[l]',
    label: 'Hidden units n[l]',
    flag: 'units',
    min: 1,
    max: MAX_UNITS,
    integer: true,
    oneMinus: false,
    range: [16, 256],
    scale: 'log',
    help: 'Every hidden dense layer (or the one named).',
  },
};

export interface Dimension {
  setting: SearchSetting;
  min: number;
  max: number;
  scale: SearchScale;
  /** units, keepProb: the layer it sets (absent: every hidden dense / every dropout layer). */
  layer?: string;
}

/** The number the sampler draws uniformly: value, or log₁₀ of value (of 1 − value for β). */
export function toAxis(dimension: Pick<Dimension, 'setting' | 'scale'>, value: number): number {
  const info = SETTINGS[dimension.setting];
  const v = info.oneMinus ? 1 - value : value;
  return dimension.scale === 'log' ? Math.log10(v) : v;
}

/** The inverse of toAxis, before whole-number settings are rounded. */
export function exactFromAxis(dimension: Pick<Dimension, 'setting' | 'scale'>, axis: number): number {
  const raw = dimension.scale === 'log' ? 10 ** axis : axis;
  return SETTINGS[dimension.setting].oneMinus ? 1 - raw : raw;
}

/** The inverse of toAxis, rounded for whole-number settings. */
export function fromAxis(dimension: Pick<Dimension, 'setting' | 'scale'>, axis: number): number {
  const info = SETTINGS[dimension.setting];
  const v = exactFromAxis(dimension, axis);
  if (!info.integer) return v;
  // The course's mini-batch sizes are powers of 2; other whole numbers round.
  if (dimension.setting === 'batchSize' && dimension.scale === 'log') return 2 ** Math.round(Math.log2(v));
  return Math.round(v);
}

/** A dimension with the setting's default range and scale. */
export function defaultDimension(setting: SearchSetting, layer?: string): Dimension {
  const info = SETTINGS[setting];
  return { setting, min: info.range[0], max: info.range[1], scale: info.scale, ...(layer ? { layer } : {}) };
}

/** What is wrong with a dimension, in one line, or null. */
export function dimensionProblem(d: Dimension): string | null {
  const info = SETTINGS[d.setting];
  if (!info) return `unknown setting "${String(d.setting)}"`;
  if (!(Number.isFinite(d.min) && Number.isFinite(d.max))) return `${info.symbol}: the range needs two numbers`;
  if (d.min > d.max) return `${info.symbol}: the range runs backwards (${d.min} > ${d.max})`;
  if (d.min < info.min || d.max > info.max) return `${info.symbol}: the range must lie within [${info.min}, ${info.max}]`;
  if (d.scale === 'log') {
    // log(1 − β) needs β < 1, log(α) needs α > 0.
    const low = info.oneMinus ? 1 - d.max : d.min;
    if (!(low > 0)) return `${info.symbol}: a log scale needs ${info.oneMinus ? `${info.symbol} < 1` : `${info.symbol} > 0`}`;
  }
  return null;
}
