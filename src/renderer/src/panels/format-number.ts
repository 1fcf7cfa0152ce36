/**
 * Numbers as the panels print them: a few significant digits, and powers of ten for very large or
 * very small ones, so a diverging cost reads "1.38e+36" and never "1.3813454238627767E+36" (which
 * also overflowed the chart's axis).
 */
export function formatNumber(value: number, digits = 3): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude >= 1e5 || magnitude < 1e-4) return value.toExponential(Math.max(0, digits - 1)).replace(/\.?0+e/, 'e');
  if (magnitude >= 1000) return Math.round(value).toLocaleString('en');
  return String(+value.toPrecision(digits));
}

/** Axis ticks: two or three digits, at most about six characters ("1.4e36", "0.025", "12k"). */
export function formatTick(value: number): string {
  if (!Number.isFinite(value)) return '';
  const magnitude = Math.abs(value);
  if (magnitude >= 1e5 || (magnitude > 0 && magnitude < 1e-3)) return value.toExponential(1).replace(/\.0e/, 'e').replace('e+', 'e');
  if (magnitude >= 1000) return `${+(value / 1000).toPrecision(3)}k`;
  return String(+value.toPrecision(3));
}
