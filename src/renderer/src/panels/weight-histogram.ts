/**
 * Two weight histograms of one layer on a shared axis: each bin's density
 * (count / (total · bin width)), so the area under each outline is 1 whatever the
 * bin widths, and the initialisation and the trained weights compare by shape.
 */
import type { WeightHistogram } from '../../../../engine/protocol';

export interface DensityStep {
  x0: number;
  x1: number;
  density: number;
}

/** Bins as (x0, x1, density); a histogram whose values were all equal is one narrow spike. */
export function densities(h: Pick<WeightHistogram, 'min' | 'max' | 'counts'>): DensityStep[] {
  const total = h.counts.reduce((a, b) => a + b, 0);
  if (total === 0 || h.counts.length === 0) return [];
  const span = h.max - h.min;
  if (!(span > 0)) {
    const w = Math.max(Math.abs(h.min) * 1e-3, 1e-6);
    return [{ x0: h.min - w / 2, x1: h.min + w / 2, density: 1 / w }];
  }
  const width = span / h.counts.length;
  return h.counts.map((c, i) => ({ x0: h.min + i * width, x1: h.min + (i + 1) * width, density: c / (total * width) }));
}

/** The x range covering both, and the tallest density of either. */
export function sharedAxes(a: DensityStep[], b: DensityStep[]): { xMin: number; xMax: number; yMax: number } {
  const all = [...a, ...b];
  if (all.length === 0) return { xMin: -1, xMax: 1, yMax: 1 };
  return {
    xMin: Math.min(...all.map((s) => s.x0)),
    xMax: Math.max(...all.map((s) => s.x1)),
    yMax: Math.max(...all.map((s) => s.density)) || 1,
  };
}

/** The tallest density of one histogram (1 when empty). */
export function peak(steps: DensityStep[]): number {
  return Math.max(0, ...steps.map((s) => s.density)) || 1;
}

/** An SVG path of the step outline, closed along the baseline (fillable). */
export function stepPath(steps: DensityStep[], axes: { xMin: number; xMax: number; yMax: number }, width: number, height: number): string {
  if (steps.length === 0) return '';
  const x = (v: number) => (((v - axes.xMin) / (axes.xMax - axes.xMin || 1)) * width).toFixed(1);
  const y = (d: number) => (height - (d / axes.yMax) * height).toFixed(1);
  let path = `M${x(steps[0].x0)},${height}`;
  for (const s of steps) path += `L${x(s.x0)},${y(s.density)}L${x(s.x1)},${y(s.density)}`;
  return `${path}L${x(steps[steps.length - 1].x1)},${height}Z`;
}

/** Standard deviation estimated from the histogram (bin centres), for the caption. */
export function histogramStd(h: Pick<WeightHistogram, 'min' | 'max' | 'counts'>): number {
  const steps = densities(h);
  const total = h.counts.reduce((a, b) => a + b, 0);
  if (total === 0) return 0;
  let mean = 0;
  steps.forEach((s, i) => (mean += ((s.x0 + s.x1) / 2) * (h.counts[i] ?? 0)));
  mean /= total;
  let v = 0;
  steps.forEach((s, i) => (v += ((s.x0 + s.x1) / 2 - mean) ** 2 * (h.counts[i] ?? 0)));
  return Math.sqrt(v / total);
}
