/** Course 3 (and 2, week 1): reading train/dev error against human-level error. */
import { describe, expect, it } from 'vitest';
import { diagnose } from '../../engine/train/diagnosis';

describe('bias / variance diagnosis', () => {
  const table: [string, number, number, number, string][] = [
    // human ≈ 0 % (course 2, week 1)
    ['train 1 %, dev 11 %', 0, 0.01, 0.11, 'high-variance'],
    ['train 15 %, dev 16 %', 0, 0.15, 0.16, 'high-bias'],
    ['train 15 %, dev 30 %', 0, 0.15, 0.3, 'both'],
    ['train 0.5 %, dev 1 %', 0, 0.005, 0.01, 'good'],
    // avoidable bias with a non-zero human-level error (course 3, week 1)
    ['human 1 %, train 8 %, dev 10 %', 0.01, 0.08, 0.1, 'high-bias'],
    ['human 7.5 %, train 8 %, dev 10 %', 0.075, 0.08, 0.1, 'high-variance'],
    ['human 0.5 %, train 5 %, dev 6 %', 0.005, 0.05, 0.06, 'high-bias'],
    ['human 0.5 %, train 0.7 %, dev 2 %', 0.005, 0.007, 0.02, 'high-variance'],
  ];
  for (const [name, humanError, trainError, devError, verdict] of table) {
    it(`${name} → ${verdict}`, () => {
      const d = diagnose({ humanError, trainError, devError });
      expect(d.verdict).toBe(verdict);
      expect(d.avoidableBias).toBeCloseTo(trainError - humanError, 12);
      expect(d.variance).toBeCloseTo(devError - trainError, 12);
      expect(d.advice.length).toBeGreaterThan(0);
    });
  }

  it('advises in the course’s words', () => {
    expect(diagnose({ humanError: 0, trainError: 0.15, devError: 0.16 }).advice.join(' ')).toMatch(/bigger network/);
    expect(diagnose({ humanError: 0, trainError: 0.01, devError: 0.11 }).advice.join(' ')).toMatch(/more training data/);
    expect(diagnose({ humanError: 0, trainError: 0.01, devError: 0.11 }).advice.join(' ')).toMatch(/regularisation/);
  });
});
