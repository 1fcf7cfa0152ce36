/** Predict, then check: reading what a student types, marking it, and the formula with the network's numbers. */
import { describe, expect, it } from 'vitest';
import { compileSpec } from '../../engine/compile';
import { markPrediction, readAnswer } from '../../engine/lessons/predict';
import { chain } from '../engine/helpers';

const lenet = chain(
  { id: 'x', kind: 'input', shape: [28, 28, 1] },
  { id: 'c1', kind: 'conv2d', filters: 6, f: 5, s: 1, padding: 'valid', activation: 'relu' },
  { id: 'p1', kind: 'pool', mode: 'max', f: 2, s: 2 },
  { id: 'flat', kind: 'flatten' },
  { id: 'd1', kind: 'dense', units: 10, activation: 'relu' },
  { id: 'bn', kind: 'batchnorm' },
  { id: 'y', kind: 'output', units: 3, activation: 'softmax', loss: 'cross_entropy' },
);
const compiled = compileSpec(lenet);
const mark = (layer: string, quantity: 'W' | 'b' | 'Z' | 'A' | 'params', typed: string) => markPrediction(lenet, compiled, { layer, quantity }, typed);

describe('predict, then check', () => {
  it('reads shapes as people type them', () => {
    expect(readAnswer('(4, m)')).toEqual([4, 'm']);
    expect(readAnswer('4 x M')).toEqual([4, 'm']);
    expect(readAnswer('[5,5,1,6]')).toEqual([5, 5, 1, 6]);
    expect(readAnswer('m×24×24×6')).toEqual(['m', 24, 24, 6]);
    expect(readAnswer(' 156 ')).toBe(156);
    expect(readAnswer('(3)')).toEqual([3]);
    expect(readAnswer('four')).toBeNull();
    expect(readAnswer('')).toBeNull();
  });

  it('marks a dense layer with the course formula in its numbers', () => {
    expect(mark('d1', 'W', '(10, 864)')).toMatchObject({ correct: true, expected: '(10, 864)', formula: 'W[2]: (n[2], n[1]) = (10, 864)' });
    expect(mark('d1', 'params', '8650')).toMatchObject({ correct: true, formula: 'n[2]·n[1] + n[2] = 10·864 + 10 = 8650' });
    expect(mark('d1', 'Z', '(10, m)')).toMatchObject({ correct: true, formula: 'Z[2]: (n[2], m) = (10, m)' });
  });

  it('marks conv and pool layers with n_H = ⌊(n_H_prev + 2p − f)/s⌋ + 1 filled in', () => {
    expect(mark('c1', 'A', '(m, 24, 24, 6)')).toMatchObject({
      correct: true,
      formula: 'A[1]: (m, n_H, n_W, n_C) with n_H = ⌊(n_H_prev + 2p − f)/s⌋ + 1 = ⌊(28 + 2·0 − 5)/1⌋ + 1 = 24 → (m, 24, 24, 6)',
    });
    expect(mark('c1', 'W', '5,5,1,6')).toMatchObject({ correct: true, formula: 'W[1]: (f, f, n_C_prev, n_C) = (5, 5, 1, 6)' });
    expect(mark('c1', 'params', '156')).toMatchObject({ correct: true, formula: '(f·f·n_C_prev + 1)·n_C = (5·5·1 + 1)·6 = 156' });
    expect(mark('p1', 'A', '(m, 12, 12, 6)')).toMatchObject({
      correct: true,
      formula: 'A: (m, n_H, n_W, n_C) with n_H = ⌊(n_H_prev − f)/s⌋ + 1 = ⌊(24 − 2)/2⌋ + 1 = 12 → (m, 12, 12, 6)',
    });
    expect(mark('flat', 'A', '(864, m)')).toMatchObject({ correct: true, formula: 'A: (n_H·n_W·n_C, m) = (12·12·6, m) = (864, m)' });
    expect(mark('bn', 'params', '20')).toMatchObject({ correct: true, formula: 'γ and β, one of each per unit: 2·10 = 20' });
  });

  it('says what a wrong answer probably means', () => {
    expect(mark('d1', 'W', '(864, 10)')).toMatchObject({ correct: false, advice: expect.stringMatching(/^That is Wᵀ/) });
    expect(mark('d1', 'params', '8640')).toMatchObject({ correct: false, advice: 'Did you count the biases b[l] too?' });
    expect(mark('d1', 'Z', '(10, 1)')).toMatchObject({ correct: false, advice: expect.stringContaining('number of examples m') });
    expect(mark('d1', 'W', 'ten by 864')).toMatchObject({ correct: false, readable: false });
    expect(mark('p1', 'W', '(1, 1)')).toMatchObject({ correct: false, expected: '—' });
  });
});
