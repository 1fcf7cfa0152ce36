/**
 * Colours for tensor values: a diverging scale (blue < 0 < red, white at 0) symmetric in the
 * largest magnitude, so signs read at a glance; greys for images and saliency (0 = black).
 */
export type Scale = 'diverging' | 'grey';

export function extent(values: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < values.length; i++) max = Math.max(max, Math.abs(values[i]));
  return max;
}

/** RGB bytes for a value on a scale whose magnitude is `limit` (grey: [min, max] = [low, limit]). */
export function colourOf(value: number, scale: Scale, limit: number, low = 0): [number, number, number] {
  if (!Number.isFinite(value)) return [255, 0, 255];
  if (scale === 'grey') {
    const t = limit === low ? 0 : Math.min(1, Math.max(0, (value - low) / (limit - low)));
    const g = Math.round(t * 255);
    return [g, g, g];
  }
  const t = limit === 0 ? 0 : Math.max(-1, Math.min(1, value / limit));
  const fade = Math.round(255 * (1 - Math.abs(t)));
  return t >= 0 ? [255, fade, fade] : [fade, fade, 255];
}
