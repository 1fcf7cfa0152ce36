/** Conv and pool geometry in the course's formulas, shared by their shape rules and their layers (engine/kinds). */

/** p for a padding choice: valid = 0, same = (f − 1)/2 (may be fractional for even f; callers reject that). */
export function paddingAmount(padding: 'valid' | 'same' | number, f: number): number {
  if (padding === 'valid') return 0;
  if (padding === 'same') return (f - 1) / 2;
  return padding;
}

/** n_H = ⌊(n_H_prev + 2p − f)/s⌋ + 1 */
export function convOutputSize(nPrev: number, f: number, s: number, p: number): number {
  return Math.floor((nPrev + 2 * p - f) / s) + 1;
}
