/** dendrite train --decay: the course's schedules from the command line, with the app's ranges. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../engine/cli/main';
import { parseDecay } from '../../engine/cli/decay-option';
import { testCliIo } from '../helpers/cli-io';

const planar = join(__dirname, '..', '..', 'resources', 'examples', 'planar-2-4-1.spec.json');

const io = testCliIo;

describe('--decay', () => {
  it('reads each of the course schedules', () => {
    expect(parseDecay('inverse:1')).toEqual({ kind: 'inverse', decayRate: 1 });
    expect(parseDecay('exponential:0.95')).toEqual({ kind: 'exponential', base: 0.95 });
    expect(parseDecay('sqrt:1')).toEqual({ kind: 'sqrt', k: 1 });
    expect(parseDecay('staircase:0.5/10')).toEqual({ kind: 'staircase', factor: 0.5, interval: 10 });
    expect(parseDecay('none')).toEqual({ kind: 'none' });
  });

  it('refuses what the app would refuse, naming the value', () => {
    for (const [raw, why] of [
      ['exponential:1.5', /base/],
      ['exponential:', /base/],
      ['inverse:-1', /decayRate/],
      ['staircase:0.5/2.5', /interval/],
      ['staircase:0.5', /interval/],
      ['warmup:3', /unknown schedule "warmup"/],
      ['none:1', /takes no number/],
      ['inverse:1:2', /one ":"/],
    ] as const) {
      expect(() => parseDecay(raw), raw).toThrow(why);
    }
  });

  it('decays the run: the model file records the schedule, and the cost differs from the same run without it', async () => {
    const run = async (extra: string[]) => {
      const { host, out } = io();
      const argv = ['train', '--spec', planar, '--data', 'flower', '--iterations', '300', '--backend', 'reference', '--export', 'm.json', ...extra];
      expect(await main(argv, host), out.stderr).toBe(0);
      return { result: JSON.parse(out.stdout.trim()), model: JSON.parse(out.written['m.json']!) };
    };
    const plain = await run([]);
    const decayed = await run(['--decay', 'exponential:0.99']);
    expect(decayed.model.training.decay).toEqual({ kind: 'exponential', base: 0.99 });
    expect(plain.model.training.decay).toBeUndefined();
    expect(decayed.result.trainCost).not.toBe(plain.result.trainCost);
  });

  it('a bad schedule exits 2 with one line', async () => {
    const { host, out } = io();
    expect(await main(['train', '--spec', planar, '--data', 'flower', '--decay', 'exponential:2'], host)).toBe(2);
    expect(out.stderr.trim().split('\n')).toHaveLength(1);
    expect(out.stderr).toMatch(/^dendrite: --decay "exponential:2": /);
  });
});
