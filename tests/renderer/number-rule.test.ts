import { describe, expect, it } from 'vitest';
import { parseNumberText } from '../../src/renderer/src/controls/number-rule';

const rate = { min: 1e-6, max: 100 };
const count = { min: 1, max: 10_000, integer: true };

describe('parseNumberText: what a typed box commits', () => {
  it('accepts each prefix of "0.0075" that is a number in range, and rejects the ones that are not', () => {
    const prefixes = ['0', '0.', '0.0', '0.00', '0.007', '0.0075'].map((t) => parseNumberText(t, rate));
    expect(prefixes.map((p) => p.ok)).toEqual([false, false, false, false, true, true]);
    expect(prefixes[5]).toEqual({ ok: true, value: 0.0075 });
  });

  it('rejects fractions for whole numbers, out-of-range values, Infinity and NaN text', () => {
    for (const text of ['2.5', '0', '10001', 'Infinity', '1e999', 'abc', '-']) expect(parseNumberText(text, count).ok, text).toBe(false);
    expect(parseNumberText('2500', count)).toEqual({ ok: true, value: 2500 });
  });

  it('says what it wants when a value is refused', () => {
    expect(parseNumberText('0', count)).toEqual({ ok: false, reason: 'A whole number from 1 to 10,000.' });
  });

  it('refuses the minimum itself when it is excluded (keep_prob > 0)', () => {
    const keepProb = { min: 0, max: 1, exclusiveMin: true };
    expect(parseNumberText('0', keepProb)).toEqual({ ok: false, reason: 'A number above 0, up to 1.' });
    expect(parseNumberText('0.01', keepProb)).toEqual({ ok: true, value: 0.01 });
    expect(parseNumberText('0', { min: 0, max: 1 })).toEqual({ ok: true, value: 0 });
  });

  it('treats a blank box as valid only where blank means something', () => {
    expect(parseNumberText('  ', count).ok).toBe(false);
    expect(parseNumberText('  ', count, true)).toEqual({ ok: true, empty: true });
  });
});
