/**
 * A small multi-task dataset for the canvas's template: points in the square [−1, 1]², each with
 * three yes/no labels — "right" (x₁ > 0), "up" (x₂ > 0) and "near the centre" (‖x‖ < 0.7) — and a
 * fifth of the labels missing (NaN), as in the course's example where some images were not
 * labelled for every object. Deterministic for a seed.
 */
import type { Dataset } from '../dataset';
import { createRng } from '../../tensor/rng';

export const PLANE_TASKS = ['right', 'up', 'near the centre'];

export function planeTasks(m = 600, seed = 1, missing = 0.2): Dataset {
  const rng = createRng(seed);
  const x = new Float32Array(m * 2);
  const y = new Float32Array(m * 3);
  for (let i = 0; i < m; i++) {
    const a = rng.uniform() * 2 - 1;
    const b = rng.uniform() * 2 - 1;
    x[i * 2] = a;
    x[i * 2 + 1] = b;
    const labels = [a > 0, b > 0, a * a + b * b < 0.49];
    for (let j = 0; j < 3; j++) y[i * 3 + j] = rng.uniform() < missing ? NaN : labels[j] ? 1 : 0;
  }
  return { x, y, m, exampleShape: [2], numClasses: 2, targetWidth: 3, taskNames: [...PLANE_TASKS] };
}
