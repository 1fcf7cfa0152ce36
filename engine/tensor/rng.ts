/**
 * Seeded random numbers: mulberry32 for uniforms, Box–Muller for normals.
 * Deterministic across platforms (only 32-bit integer maths and Math.log/cos/sin),
 * so the same seed gives the same initialisation, shuffles and dropout masks.
 */
export interface Rng {
  /** Uniform in [0, 1). */
  uniform(): number;
  /** Standard normal N(0, 1). */
  randn(): number;
  /** Integer in [0, n). */
  int(n: number): number;
  /** Writes the stream's position into `into` (an RngState), e.g. for a kernel that draws from it. */
  save(into: Int32Array): void;
  /** Continues from a position `save` wrote (and a kernel may have advanced). */
  restore(from: Int32Array): void;
}

/**
 * A stream's position as 4 int32 values: mulberry32's state, whether a normal is pending
 * (Box–Muller makes two at a time), and that normal's float64 bits (low word, high word).
 */
export const RNG_STATE_LENGTH = 4;
const spareBits = new Float64Array(1);
const spareWords = new Int32Array(spareBits.buffer);

export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  let spare: number | null = null;
  const uniform = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    uniform,
    randn() {
      if (spare !== null) {
        const value = spare;
        spare = null;
        return value;
      }
      // 1 − u keeps the logarithm's argument in (0, 1].
      const u1 = 1 - uniform();
      const u2 = uniform();
      const radius = Math.sqrt(-2 * Math.log(u1));
      spare = radius * Math.sin(2 * Math.PI * u2);
      return radius * Math.cos(2 * Math.PI * u2);
    },
    int(n: number) {
      return Math.floor(uniform() * n);
    },
    save(into) {
      into[0] = state | 0;
      into[1] = spare === null ? 0 : 1;
      spareBits[0] = spare ?? 0;
      into[2] = spareWords[0];
      into[3] = spareWords[1];
    },
    restore(from) {
      state = from[0] >>> 0;
      spareWords[0] = from[2];
      spareWords[1] = from[3];
      spare = from[1] === 0 ? null : spareBits[0];
    },
  };
}

/** In-place Fisher–Yates shuffle of an index array (no allocation). */
export function shuffleInPlace(indices: Int32Array | number[], rng: Rng, count = indices.length): void {
  for (let i = count - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const tmp = indices[i];
    indices[i] = indices[j];
    indices[j] = tmp;
  }
}

/** Derives an independent stream seed from a run seed and a purpose tag. */
export function deriveSeed(seed: number, stream: number): number {
  let h = (seed ^ Math.imul(stream + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}
