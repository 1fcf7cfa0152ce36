/**
 * Axis scales and ticks for the live canvas chart (pure, so they are unit-tested):
 * a linear or log10 mapping from data to pixels, and "nice" tick values
 * (1, 2, 5 × 10^k steps for linear axes, powers of ten for log axes).
 */

export interface Scale {
  /** Data value → pixel. */
  at(v: number): number;
  ticks: number[];
  domain: [number, number];
}

/** A step of 1, 2 or 5 × 10^k giving about `count` intervals over `span`. */
export function niceStep(span: number, count: number): number {
  if (!(span > 0) || !Number.isFinite(span)) return 1;
  const raw = span / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const f = raw / power;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * power;
}

/** Ticks at multiples of a nice step inside [lo, hi]. */
export function linearTicks(lo: number, hi: number, count: number): number[] {
  const step = niceStep(hi - lo, count);
  const out: number[] = [];
  for (let v = Math.ceil(lo / step - 1e-9) * step; v <= hi + step * 1e-9; v += step) out.push(+v.toPrecision(12));
  return out;
}

/**
 * A linear scale over [lo, hi] (from 0 when `fromZero`, upper bound rounded up to a
 * tick) onto [pixelLo, pixelHi] — pixelLo may be greater than pixelHi for y axes.
 */
export function linearScale(lo: number, hi: number, pixelLo: number, pixelHi: number, count = 5, fromZero = false): Scale {
  let a = fromZero ? Math.min(0, lo) : lo;
  let b = hi;
  if (!(b > a)) {
    b = a + (Math.abs(a) || 1);
    if (!fromZero) a -= (Math.abs(a) || 1) * 0.5;
  }
  const step = niceStep(b - a, count);
  b = Math.ceil(b / step - 1e-9) * step;
  if (!fromZero) a = Math.floor(a / step + 1e-9) * step;
  const k = (pixelHi - pixelLo) / (b - a);
  return { at: (v) => pixelLo + (v - a) * k, ticks: linearTicks(a, b, count), domain: [a, b] };
}

/** A log10 scale over the positive range [lo, hi] (non-positive values are clamped to `floor`). */
export function logScale(lo: number, hi: number, pixelLo: number, pixelHi: number, floor = 1e-8): Scale {
  const a = Math.floor(Math.log10(Math.max(lo, floor)));
  let b = Math.ceil(Math.log10(Math.max(hi, floor)));
  if (b <= a) b = a + 1;
  const k = (pixelHi - pixelLo) / (b - a);
  const ticks: number[] = [];
  for (let e = a; e <= b; e++) ticks.push(10 ** e);
  return { at: (v) => pixelLo + (Math.log10(Math.max(v, floor)) - a) * k, ticks, domain: [10 ** a, 10 ** b] };
}

/** Smallest and largest finite value over several series (NaN, NaN when there is none). */
export function extent(series: readonly (readonly { y: number }[])[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of series) {
    for (const p of s) {
      if (!Number.isFinite(p.y)) continue;
      if (p.y < lo) lo = p.y;
      if (p.y > hi) hi = p.y;
    }
  }
  return lo <= hi ? [lo, hi] : [NaN, NaN];
}
