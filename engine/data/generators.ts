/**
 * Seeded 2-D toy datasets of the course and its exercises. All return features
 * examples-major (m × 2) and integer labels; the same seed gives the same points.
 */
import type { GeneratorSource } from './source';
import type { Dataset } from './dataset';
import { createRng, type Rng } from '../tensor/rng';

function make(m: number, classes: number, fill: (x: Float32Array, y: Float32Array, rng: Rng) => void, seed: number): Dataset {
  const x = new Float32Array(m * 2);
  const y = new Float32Array(m);
  fill(x, y, createRng(seed));
  return { x, y, m, exampleShape: [2], numClasses: classes, targetWidth: 1 };
}

/** Splits m as evenly as possible over k classes (the first classes get the remainder). */
function perClass(m: number, k: number, j: number): number {
  return Math.floor(m / k) + (j < m % k ? 1 : 0);
}

/**
 * The planar "flower" of load_planar_dataset: N = m/2 points per class, a = 4 petals,
 * t = linspace(j·3.12, (j+1)·3.12, N) + randn·0.2, r = a·sin(4t) + randn·0.2,
 * x = (r·sin t, r·cos t), label j.
 */
export function flower(m: number, seed: number, noise = 0.2): Dataset {
  return make(
    m,
    2,
    (x, y, rng) => {
      const a = 4;
      let i = 0;
      for (let j = 0; j < 2; j++) {
        const N = perClass(m, 2, j);
        for (let q = 0; q < N; q++) {
          const base = j * 3.12 + (N === 1 ? 0 : (q * 3.12) / (N - 1));
          const t = base + rng.randn() * noise;
          const r = a * Math.sin(4 * t) + rng.randn() * noise;
          x[i * 2] = r * Math.sin(t);
          x[i * 2 + 1] = r * Math.cos(t);
          y[i] = j;
          i++;
        }
      }
    },
    seed,
  );
}

/** Two interleaving half circles (as sklearn's make_moons). */
export function moons(m: number, seed: number, noise = 0.2): Dataset {
  return make(
    m,
    2,
    (x, y, rng) => {
      let i = 0;
      for (let j = 0; j < 2; j++) {
        const N = perClass(m, 2, j);
        for (let q = 0; q < N; q++) {
          const t = N === 1 ? 0 : (Math.PI * q) / (N - 1);
          const px = j === 0 ? Math.cos(t) : 1 - Math.cos(t);
          const py = j === 0 ? Math.sin(t) : 0.5 - Math.sin(t);
          x[i * 2] = px + rng.randn() * noise;
          x[i * 2 + 1] = py + rng.randn() * noise;
          y[i] = j;
          i++;
        }
      }
    },
    seed,
  );
}

/** A small circle (label 1) inside a large one (label 0): radii 0.8 and 1, as sklearn's make_circles (factor 0.8) used by the course's initialisation exercise. */
export function circles(m: number, seed: number, noise = 0.05): Dataset {
  return make(
    m,
    2,
    (x, y, rng) => {
      let i = 0;
      for (let j = 0; j < 2; j++) {
        const N = perClass(m, 2, j);
        const radius = j === 0 ? 1 : 0.8;
        for (let q = 0; q < N; q++) {
          const t = (2 * Math.PI * q) / N;
          x[i * 2] = radius * Math.cos(t) + rng.randn() * noise;
          x[i * 2 + 1] = radius * Math.sin(t) + rng.randn() * noise;
          y[i] = j;
          i++;
        }
      }
    },
    seed,
  );
}

/** k interleaved spiral arms (the CS231n spiral), one class per arm. */
export function spirals(m: number, seed: number, noise = 0.2, k = 3): Dataset {
  return make(
    m,
    k,
    (x, y, rng) => {
      let i = 0;
      for (let j = 0; j < k; j++) {
        const N = perClass(m, k, j);
        for (let q = 0; q < N; q++) {
          const r = N === 1 ? 0 : q / (N - 1);
          const t = j * 4 + 4 * r + rng.randn() * noise;
          x[i * 2] = r * Math.sin(t);
          x[i * 2 + 1] = r * Math.cos(t);
          y[i] = j;
          i++;
        }
      }
    },
    seed,
  );
}

/** XOR: uniform points in [−1, 1]², label 1 when x₁·x₂ < 0; noise jitters the points after labelling. */
export function xor(m: number, seed: number, noise = 0.1): Dataset {
  return make(
    m,
    2,
    (x, y, rng) => {
      for (let i = 0; i < m; i++) {
        const a = rng.uniform() * 2 - 1;
        const b = rng.uniform() * 2 - 1;
        y[i] = a * b < 0 ? 1 : 0;
        x[i * 2] = a + rng.randn() * noise;
        x[i * 2 + 1] = b + rng.randn() * noise;
      }
    },
    seed,
  );
}

/** k Gaussian blobs with centres evenly on a circle of radius 2, σ = noise (default 0.5). */
export function blobs(m: number, seed: number, noise = 0.5, k = 3): Dataset {
  return make(
    m,
    k,
    (x, y, rng) => {
      let i = 0;
      for (let j = 0; j < k; j++) {
        const N = perClass(m, k, j);
        const cx = 2 * Math.cos((2 * Math.PI * j) / k);
        const cy = 2 * Math.sin((2 * Math.PI * j) / k);
        for (let q = 0; q < N; q++) {
          x[i * 2] = cx + rng.randn() * noise;
          x[i * 2 + 1] = cy + rng.randn() * noise;
          y[i] = j;
          i++;
        }
      }
    },
    seed,
  );
}

export function generate(source: GeneratorSource): Dataset {
  const { m, seed, noise } = source;
  switch (source.name) {
    case 'flower':
      return flower(m, seed, noise);
    case 'moons':
      return moons(m, seed, noise);
    case 'circles':
      return circles(m, seed, noise);
    case 'spirals':
      return spirals(m, seed, noise, source.classes ?? 3);
    case 'xor':
      return xor(m, seed, noise);
    case 'blobs':
      return blobs(m, seed, noise, source.classes ?? 3);
  }
}
