/**
 * Coarse to fine (course 2, week 3): after a first search, sample again more densely in the
 * region where the best trials are. Each dimension's new range spans the best trials' values on
 * the axis it is sampled on (log or linear), widened by a tenth of that span on each side, at
 * least a tenth of the old range wide, and never outside the old range.
 */
import { ranked, type TrialResult } from './results';
import { dimensionKey } from './sample';
import { exactFromAxis, SETTINGS, toAxis, type Dimension } from './space';

export interface ZoomOptions {
  /** The best this fraction of the finished trials (default a fifth, at least `fewest`, default 3) defines the region. */
  fraction?: number;
  fewest?: number;
}

export function zoomIn(dimensions: readonly Dimension[], trials: readonly TrialResult[], options: ZoomOptions = {}): Dimension[] {
  const best = ranked(trials);
  if (best.length === 0) throw new Error('zooming in needs at least one finished trial');
  const count = Math.min(best.length, Math.max(options.fewest ?? 3, Math.ceil(best.length * (options.fraction ?? 0.2))));
  const region = best.slice(0, count);
  return dimensions.map((d) => {
    const key = dimensionKey(d);
    const lo = toAxis(d, d.min);
    const hi = toAxis(d, d.max);
    // β's axis is log(1 − β): it runs the other way from β.
    const [axisMin, axisMax] = lo <= hi ? [lo, hi] : [hi, lo];
    const axes = region.map((t) => toAxis(d, t.values[key])).filter(Number.isFinite);
    if (axes.length === 0) return { ...d };
    const span = Math.max(...axes) - Math.min(...axes);
    const width = Math.max(span * 1.2, (axisMax - axisMin) / 10);
    const centre = (Math.max(...axes) + Math.min(...axes)) / 2;
    let from = Math.max(axisMin, centre - width / 2);
    let to = Math.min(axisMax, centre + width / 2);
    // Against an edge, keep the width by extending the other way.
    if (to - from < width) {
      if (from === axisMin) to = Math.min(axisMax, from + width);
      else from = Math.max(axisMin, to - width);
    }
    const [a, b] = [exactFromAxis(d, from), exactFromAxis(d, to)];
    const [min, max] = a <= b ? [a, b] : [b, a];
    if (!SETTINGS[d.setting].integer) return { ...d, min, max };
    // Whole-number settings keep whole bounds, widened outwards.
    return { ...d, min: Math.max(d.min, Math.floor(min)), max: Math.min(d.max, Math.ceil(max)) };
  });
}
