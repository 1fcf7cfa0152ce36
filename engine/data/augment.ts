/**
 * Training-only image augmentation (RunRequest.augmentation): each example of a train batch is
 * mirrored left–right with probability ½ and/or shifted by a whole number of pixels in
 * [−maxShift, maxShift] on each axis, the uncovered border filled with zeros. Seeded, applied to
 * the batch buffer after it is loaded, so dev, train-dev and test never see it.
 */
import type { FloatArray } from '../kernels/kernels';
import type { Augmentation } from '../protocol/messages';
import { createRng, deriveSeed } from '../tensor/rng';

/** RNG stream for augmentation draws, apart from init (1), shuffle (2) and dropout (3). */
export const AUGMENT_STREAM = 4;

export interface ImageGeometry {
  height: number;
  width: number;
  channels: number;
}

export interface Augmenter {
  /** Augments the first m examples of an examples-major (m, H, W, C) batch, in place. */
  apply(X: FloatArray, m: number): void;
}

export function isActive(augmentation: Augmentation | undefined): boolean {
  return !!augmentation && (augmentation.flipHorizontal === true || (augmentation.maxShift ?? 0) > 0);
}

/** Why this augmentation cannot apply to examples of this shape, or null when it can. */
export function augmentationProblem(augmentation: Augmentation | undefined, exampleShape: number[]): string | null {
  if (!isActive(augmentation)) return null;
  if (exampleShape.length !== 3) {
    return `Augmentation (flips and shifts) needs image examples of shape (H, W, C); these examples have shape (${exampleShape.join(', ')}).`;
  }
  return null;
}

/**
 * Writes into dst the image src mirrored (when flip) and then moved dx pixels right and dy
 * down: dst[h][w] = src'[h − dy][w − dx], zero where that falls outside.
 */
export function transformImage(src: ArrayLike<number>, dst: FloatArray, g: ImageGeometry, flip: boolean, dx: number, dy: number, dstOffset = 0): void {
  const { height: H, width: W, channels: C } = g;
  for (let h = 0; h < H; h++) {
    const hs = h - dy;
    for (let w = 0; w < W; w++) {
      const ws = w - dx;
      const out = dstOffset + (h * W + w) * C;
      if (hs < 0 || hs >= H || ws < 0 || ws >= W) {
        for (let c = 0; c < C; c++) dst[out + c] = 0;
        continue;
      }
      const from = (hs * W + (flip ? W - 1 - ws : ws)) * C;
      for (let c = 0; c < C; c++) dst[out + c] = src[from + c];
    }
  }
}

export function createAugmenter(augmentation: Augmentation | undefined, exampleShape: number[], seed: number): Augmenter | null {
  if (!isActive(augmentation) || exampleShape.length !== 3) return null;
  const [height, width, channels] = exampleShape;
  const g = { height, width, channels };
  const n = height * width * channels;
  const flip = augmentation!.flipHorizontal === true;
  const maxShift = augmentation!.maxShift ?? 0;
  const rng = createRng(deriveSeed(seed, AUGMENT_STREAM));
  const scratch = new Float64Array(n);
  return {
    apply(X, m) {
      for (let i = 0; i < m; i++) {
        // Draw in a fixed order whatever is enabled, so the same seed gives the same flips.
        const mirror = flip && rng.uniform() < 0.5;
        const dx = maxShift > 0 ? rng.int(2 * maxShift + 1) - maxShift : 0;
        const dy = maxShift > 0 ? rng.int(2 * maxShift + 1) - maxShift : 0;
        if (!mirror && dx === 0 && dy === 0) continue;
        const offset = i * n;
        for (let f = 0; f < n; f++) scratch[f] = X[offset + f];
        transformImage(scratch, X, g, mirror, dx, dy, offset);
      }
    },
  };
}
