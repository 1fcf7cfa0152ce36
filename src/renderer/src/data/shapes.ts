/**
 * "Shapes": a generated stand-in for the course's cat / non-cat pictures (64 × 64 RGB, binary),
 * which cannot be bundled. Each image is a disc (class 1, "circle") or a square (class 0) of a
 * random colour, size and place on a random background, with pixel noise — a task a deep dense
 * network can learn on raw pixels, though not perfectly, as in the course's week 4. Seeded, so
 * every machine gets the same images; made in the renderer in a few hundred milliseconds, so
 * nothing is downloaded or stored. (Decision recorded in resources/datasets/README.md.)
 */
import type { Dataset } from '../../../../engine/data/dataset';
import { createRng } from '../../../../engine/tensor/rng';

export const SHAPES_SIZE = 64;
export const SHAPES_COUNT = 400;
export const SHAPES_SEED = 2024;
export const SHAPES_CLASSES = ['square', 'circle'];
/** How far (pixels) a shape's centre may stray from the image's. */
const JITTER = 4;

export function generateShapes(count = SHAPES_COUNT, seed = SHAPES_SEED): Dataset {
  const n = SHAPES_SIZE;
  const rng = createRng(seed);
  const x = new Float32Array(count * n * n * 3);
  const y = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    const circle = i % 2; // balanced classes, interleaved
    y[i] = circle;
    // A dark shape of any hue on a light background of any hue: what tells the classes apart is
    // the outline (a square's corners), not the colours.
    const background = [0.6 + rng.uniform() * 0.4, 0.6 + rng.uniform() * 0.4, 0.6 + rng.uniform() * 0.4];
    const colour = [rng.uniform() * 0.4, rng.uniform() * 0.4, rng.uniform() * 0.4];
    // Discs and squares of the same area on average, so size alone does not tell them apart.
    const half = 11 + rng.uniform() * 6;
    const radius = half * 1.13;
    // Near the middle (as a photographer frames a cat): a dense layer has no way to find a shape anywhere.
    const cx = n / 2 + (rng.uniform() * 2 - 1) * JITTER;
    const cy = n / 2 + (rng.uniform() * 2 - 1) * JITTER;
    const base = i * n * n * 3;
    for (let r = 0; r < n; r++) {
      for (let c = 0; c < n; c++) {
        const dx = c + 0.5 - cx;
        const dy = r + 0.5 - cy;
        const inside = circle ? dx * dx + dy * dy <= radius * radius : Math.abs(dx) <= half && Math.abs(dy) <= half;
        const at = base + (r * n + c) * 3;
        for (let k = 0; k < 3; k++) {
          const value = (inside ? colour[k]! : background[k]!) + rng.randn() * 0.04;
          x[at + k] = Math.min(1, Math.max(0, value));
        }
      }
    }
  }
  return { x, y, m: count, exampleShape: [n, n, 3], numClasses: 2, targetWidth: 1, classNames: [...SHAPES_CLASSES] };
}
