import { describe, expect, it } from 'vitest';
import { estimateRemainingMs, formatDuration } from '../../src/renderer/src/run/eta';

describe('run ETA', () => {
  it('extrapolates the rate so far', () => {
    expect(estimateRemainingMs(250, 1000, 5000)).toBe(15000);
    expect(estimateRemainingMs(0, 1000, 10)).toBeNull();
    expect(estimateRemainingMs(1000, 1000, 10)).toBeNull();
  });
  it('reads like a person would say it', () => {
    expect(formatDuration(400)).toBe('1 s');
    expect(formatDuration(42_000)).toBe('42 s');
    expect(formatDuration(15 * 60_000)).toBe('15 min');
    expect(formatDuration(125 * 60_000)).toBe('2 h 5 min');
  });
});
