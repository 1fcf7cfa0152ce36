/**
 * A search's trials: random samples, not a grid (course 2, week 3: with a grid, 25 trials try
 * only 5 values of the setting that matters; random samples try 25). Seeded, so the same search
 * gives the same trials.
 */
import { createRng } from '../tensor/rng';
import { fromAxis, toAxis, type Dimension } from './space';

/** The value of each dimension in a trial, by dimensionKey. */
export type TrialValues = Record<string, number>;

/** "learningRate", or "units@dense-1" for a setting aimed at one layer. */
export const dimensionKey = (d: Pick<Dimension, 'setting' | 'layer'>): string => (d.layer ? `${d.setting}@${d.layer}` : d.setting);

export function sampleTrials(dimensions: readonly Dimension[], count: number, seed: number): TrialValues[] {
  const rng = createRng(seed);
  return Array.from({ length: count }, () => {
    const values: TrialValues = {};
    for (const d of dimensions) {
      const [a, b] = [toAxis(d, d.min), toAxis(d, d.max)];
      values[dimensionKey(d)] = fromAxis(d, a + (b - a) * rng.uniform());
    }
    return values;
  });
}
