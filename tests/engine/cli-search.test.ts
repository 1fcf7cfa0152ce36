/**
 * dendrite search through main (in process, trials one after another): one JSON line per
 * trial, seeded samples, --zoom narrowing around an earlier search's best trials, and one-line
 * errors. The parallel worker-thread path runs in tests/engine/cli.test.ts (the built bundle).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../engine/cli/main';
import { parseVary } from '../../engine/cli/search';
import { testCliIo } from '../helpers/cli-io';

const planar = join(__dirname, '..', '..', 'resources', 'examples', 'planar-2-4-1.spec.json');

const io = testCliIo;

const search = ['search', '--spec', planar, '--data', 'moons:200', '--vary', 'lr=1e-3:10:log,units@hidden=2:16', '--trials', '5', '--iterations', '150'];
const lines = (text: string) =>
  text
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));

describe('dendrite search', () => {
  it('prints one JSON line per trial with its values and errors, and the best on stderr; the dev set defaults to a fifth', async () => {
    const { host, out } = io();
    expect(await main(search, host)).toBe(0);
    const trials = lines(out.stdout);
    expect(trials.map((t) => t.trial)).toEqual([1, 2, 3, 4, 5]);
    for (const t of trials) {
      expect(t).toMatchObject({ status: 'finished', iterations: 150, values: { lr: expect.any(Number), 'units@hidden': expect.any(Number) } });
      expect(t.devError).toBeGreaterThanOrEqual(0);
      expect(t.values.lr).toBeGreaterThanOrEqual(1e-3);
      expect(t.values.lr).toBeLessThanOrEqual(10);
    }
    expect(out.stderr).toContain('20 % of the examples are the dev set');
    expect(out.stderr).toMatch(/best: trial \d \(score [\d.]+\): lr=[\d.e-]+ units@hidden=\d+/);
    // Seeded: the same search samples the same values.
    const again = io();
    await main(search, again.host);
    expect(lines(again.out.stdout).map((t) => t.values)).toEqual(trials.map((t) => t.values));
  });

  it('--zoom narrows the ranges around the best trials of an earlier search', async () => {
    const first = io();
    await main([...search, '--trials', '8'], first.host);
    const second = io({ 'first.jsonl': first.out.stdout });
    expect(await main([...search, '--zoom', 'first.jsonl'], second.host)).toBe(0);
    const zoomed = /zoomed in around the best trials of first.jsonl: lr ([\d.e-]+)…([\d.e-]+) \(log\)/.exec(second.out.stderr);
    expect(zoomed).not.toBeNull();
    const [lo, hi] = [Number(zoomed![1]), Number(zoomed![2])];
    expect(Math.log10(hi) - Math.log10(lo)).toBeLessThan(4);
    for (const t of lines(second.out.stdout)) {
      expect(t.values.lr).toBeGreaterThanOrEqual(lo * 0.9999);
      expect(t.values.lr).toBeLessThanOrEqual(hi * 1.0001);
    }
  });

  it('says what is wrong in one line', async () => {
    const cases: [string[], string][] = [
      [['search', '--spec', planar, '--data', 'moons', '--vary', 'lr=1e-3:1'], 'a search needs a budget per trial: --iterations N or --epochs N'],
      [['search', '--spec', planar, '--data', 'moons', '--iterations', '5'], '--vary is required'],
      [['search', '--spec', planar, '--data', 'moons', '--iterations', '5', '--vary', 'speed=1:2'], '--vary: expected name=min:max[:linear|log]'],
      [['search', '--spec', planar, '--data', 'moons', '--iterations', '5', '--vary', 'beta=0.9:0.99'], 'β needs momentum or Adam (the optimizer is gd)'],
      [
        ['search', '--spec', planar, '--data', 'moons', '--iterations', '5', '--vary', 'lr=1e-3:1', '--trials', '500'],
        '--trials: expected an integer from 1 to 200',
      ],
    ];
    for (const [args, message] of cases) {
      const { host, out } = io();
      expect(await main(args, host)).toBe(2);
      expect(out.stderr).toContain(message);
    }
  });

  it('reads --vary in the course’s terms: names, layers, scales (the setting’s own by default)', () => {
    expect(parseVary('lr=1e-4:1,beta=0.9:0.999,keep@drop=0.5:1:log')).toEqual([
      { setting: 'learningRate', min: 1e-4, max: 1, scale: 'log' },
      { setting: 'beta', min: 0.9, max: 0.999, scale: 'log' },
      { setting: 'keepProb', min: 0.5, max: 1, scale: 'log', layer: 'drop' },
    ]);
  });
});
