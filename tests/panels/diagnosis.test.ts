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

describe('bias/variance with a train-dev set (course 3 week 2: mismatched training and dev/test data)', () => {
  const table: { case: string; human: number; train: number; trainDev: number; dev: number; verdict: string; mismatchHigh: boolean; advice: RegExp }[] = [
    {
      case: 'train 1 %, train-dev 9 %, dev 10 %',
      human: 0,
      train: 0.01,
      trainDev: 0.09,
      dev: 0.1,
      verdict: 'high-variance',
      mismatchHigh: false,
      advice: /train-dev error is 8 % above/,
    },
    {
      case: 'train 1 %, train-dev 1.5 %, dev 10 %',
      human: 0,
      train: 0.01,
      trainDev: 0.015,
      dev: 0.1,
      verdict: 'data-mismatch',
      mismatchHigh: true,
      advice: /artificial data synthesis/,
    },
    {
      case: 'human 0 %, train 10 %, train-dev 11 %, dev 12 %',
      human: 0,
      train: 0.1,
      trainDev: 0.11,
      dev: 0.12,
      verdict: 'high-bias',
      mismatchHigh: false,
      advice: /bigger network/,
    },
    {
      case: 'train 10 %, train-dev 11 %, dev 20 % (bias and mismatch)',
      human: 0,
      train: 0.1,
      trainDev: 0.11,
      dev: 0.2,
      verdict: 'high-bias',
      mismatchHigh: true,
      advice: /bigger network.*manual error analysis/,
    },
    {
      case: 'human 4 %, train 7 %, train-dev 10 %, dev 12 %',
      human: 0.04,
      train: 0.07,
      trainDev: 0.1,
      dev: 0.12,
      verdict: 'both',
      mismatchHigh: true,
      advice: /bias first.*Data mismatch/,
    },
    {
      case: 'train 0.5 %, train-dev 0.8 %, dev 1 %',
      human: 0,
      train: 0.005,
      trainDev: 0.008,
      dev: 0.01,
      verdict: 'good',
      mismatchHigh: false,
      advice: /Low bias and low variance/,
    },
  ];
  for (const row of table) {
    it(`${row.case} → ${row.verdict}${row.mismatchHigh ? ' + data mismatch' : ''}`, () => {
      const d = diagnose({ humanError: row.human, trainError: row.train, devError: row.dev, trainDevError: row.trainDev });
      expect(d.verdict).toBe(row.verdict);
      expect(d.dataMismatchHigh).toBe(row.mismatchHigh);
      expect(d.avoidableBias).toBeCloseTo(row.train - row.human, 12);
      expect(d.variance).toBeCloseTo(row.trainDev - row.train, 12);
      expect(d.dataMismatch).toBeCloseTo(row.dev - row.trainDev, 12);
      expect(d.advice.join(' ')).toMatch(row.advice);
    });
  }
  it('without a train-dev error the variance is dev − train and there is no mismatch', () => {
    const d = diagnose({ humanError: 0, trainError: 0.01, devError: 0.1 });
    expect(d.dataMismatch).toBeUndefined();
    expect(d.dataMismatchHigh).toBe(false);
    expect(d.variance).toBeCloseTo(0.09, 12);
    expect(diagnose({ humanError: 0, trainError: 0.01, devError: 0.1, trainDevError: NaN }).dataMismatch).toBeUndefined();
  });
});
