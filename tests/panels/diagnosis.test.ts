/** The bias/variance panel's diagnosis, table-driven from the course's examples. */
import { describe, expect, it } from 'vitest';
import { diagnose } from '../../engine/train/diagnosis';

describe('bias/variance diagnosis (course 2 week 1, course 3 week 1)', () => {
  const table: { case: string; human: number; train: number; dev: number; verdict: string; advice: RegExp }[] = [
    { case: 'train 1 %, dev 11 %', human: 0, train: 0.01, dev: 0.11, verdict: 'high-variance', advice: /regularisation/ },
    { case: 'train 15 %, dev 16 %', human: 0, train: 0.15, dev: 0.16, verdict: 'high-bias', advice: /bigger network/ },
    { case: 'train 15 %, dev 30 %', human: 0, train: 0.15, dev: 0.3, verdict: 'both', advice: /bias first/ },
    { case: 'train 0.5 %, dev 1 %', human: 0, train: 0.005, dev: 0.01, verdict: 'good', advice: /Low bias and low variance/ },
    // avoidable bias: the same train/dev errors read differently against human-level error
    { case: 'human 1 %, train 8 %, dev 10 %', human: 0.01, train: 0.08, dev: 0.1, verdict: 'high-bias', advice: /Train longer/ },
    { case: 'human 7.5 %, train 8 %, dev 10 %', human: 0.075, train: 0.08, dev: 0.1, verdict: 'high-variance', advice: /more training data/ },
    { case: 'human 0.5 %, train 0.7 %, dev 2 %', human: 0.005, train: 0.007, dev: 0.02, verdict: 'high-variance', advice: /dropout/ },
    { case: 'human 15 %, train 15 %, dev 16 % (at Bayes error)', human: 0.15, train: 0.15, dev: 0.16, verdict: 'good', advice: /human-level/ },
  ];
  for (const row of table) {
    it(`${row.case} → ${row.verdict}`, () => {
      const d = diagnose({ humanError: row.human, trainError: row.train, devError: row.dev });
      expect(d.verdict).toBe(row.verdict);
      expect(d.avoidableBias).toBeCloseTo(row.train - row.human, 12);
      expect(d.variance).toBeCloseTo(row.dev - row.train, 12);
      expect(d.advice.join(' ')).toMatch(row.advice);
    });
  }
});
