/** The generated Shapes pictures the deep L-layer template opens with (data/shapes.ts). */
import { describe, expect, it } from 'vitest';
import { generateShapes } from '../../src/renderer/src/data/shapes';

describe('shapes dataset', () => {
  it('is 64×64×3 pictures in [0, 1], two balanced classes, the same on every machine', () => {
    const data = generateShapes(40, 7);
    expect(data.exampleShape).toEqual([64, 64, 3]);
    expect(data.x).toHaveLength(40 * 64 * 64 * 3);
    expect(data.x.every((v) => v >= 0 && v <= 1)).toBe(true);
    expect(Array.from(data.y).filter((v) => v === 1)).toHaveLength(20);
    expect(data.classNames).toEqual(['square', 'circle']);
    const same = (a: Float32Array, b: Float32Array) => Buffer.from(a.buffer).equals(Buffer.from(b.buffer));
    expect(same(generateShapes(40, 7).x, data.x)).toBe(true);
    expect(same(generateShapes(40, 8).x, data.x)).toBe(false);
  });

  it('draws the square’s corners dark and the circle’s light (what tells them apart)', () => {
    const data = generateShapes(2, 1);
    const luminance = (i: number, r: number, c: number) => {
      const at = (i * 64 * 64 + r * 64 + c) * 3;
      return (data.x[at]! + data.x[at + 1]! + data.x[at + 2]!) / 3;
    };
    // Example 0 is a square, example 1 a circle; both centred within 4 px, half-size ≥ 11.
    expect(luminance(0, 32 - 9, 32 - 9)).toBeLessThan(0.5);
    expect(luminance(1, 32 - 15, 32 - 15)).toBeGreaterThan(0.5);
    expect(luminance(1, 32, 32)).toBeLessThan(0.5);
  });
});
