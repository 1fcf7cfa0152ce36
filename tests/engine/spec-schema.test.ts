/** parseModelSpec: malformed specs are refused with one line naming the path. */
import { describe, expect, it } from 'vitest';
import { parseModelSpec } from '../../engine/compile';
import { planar241 } from './helpers';

const good = () => JSON.parse(JSON.stringify(planar241())) as any;

describe('parseModelSpec', () => {
  it('accepts a valid spec', () => {
    expect(parseModelSpec(good())).toMatchObject({ ok: true });
  });

  const cases: [string, (s: any) => void, string | RegExp][] = [
    ['units not an integer', (s) => (s.layers[1].units = 2.5), 'layers[1].units: expected integer ≥ 1 and ≤ 65536, got 2.5'],
    ['units zero', (s) => (s.layers[1].units = 0), /^layers\[1\]\.units: expected integer ≥ 1/],
    ['units NaN', (s) => (s.layers[1].units = NaN), /^layers\[1\]\.units: .*got NaN/],
    ['units a string', (s) => (s.layers[1].units = '4'), /^layers\[1\]\.units: .*got "4"/],
    ['units missing', (s) => delete s.layers[1].units, 'layers[1].units: is required (an integer ≥ 1)'],
    ['huge layer', (s) => (s.layers[1].units = 1e7), /^layers\[1\]\.units: expected integer ≥ 1 and ≤ 65536/],
    ['huge model', (s) => ((s.layers[0].shape = [60000]), (s.layers[1].units = 60000)), /^layers: .*parameters.*50,000,000/],
    ['unknown kind', (s) => (s.layers[1].kind = 'lstm'), /^layers\[1\]\.kind: unknown layer kind "lstm"/],
    ['unknown field', (s) => (s.layers[1].unitz = 4), /^layers\[1\]: unknown field "unitz" for a dense layer/],
    ['wrong format', (s) => (s.format = 'keras'), /^format: expected "dendrite.spec"/],
    ['future version', (s) => (s.version = 2), /^version: expected 1/],
    ['layers not an array', (s) => (s.layers = {}), /^layers: expected an array of layers/],
    ['dangling input', (s) => (s.layers[2].inputs = ['nope']), /^layers\[2\]\.inputs\[0\]: no layer has id "nope"/],
    ['duplicate id', (s) => (s.layers[2].id = 'h'), /^layers\[2\]\.id: duplicate id "h"/],
    [
      'keepProb out of range',
      (s) => s.layers.splice(2, 0, { id: 'd', kind: 'dropout', keepProb: 0, inputs: ['h'] }),
      /^layers\[2\]\.keepProb: expected a number > 0/,
    ],
    [
      'activation typo',
      (s) => (s.layers[1].activation = 'ReLU'),
      /^layers\[1\]\.activation: expected one of sigmoid, tanh, relu, leaky_relu, linear, got "ReLU"/,
    ],
    ['output/loss mismatch', (s) => (s.layers[2].loss = 'mse'), /^layers\[2\]\.loss: sigmoid output is paired with bce/],
  ];
  for (const [name, mutate, message] of cases) {
    it(`refuses ${name}`, () => {
      const spec = good();
      mutate(spec);
      const result = parseModelSpec(spec);
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error).toMatch(message);
        expect(result.error).not.toContain('\n');
      }
    });
  }

  it('refuses things that are not specs at all', () => {
    for (const value of [null, 42, 'spec', [], { format: 'dendrite.spec' }]) expect(parseModelSpec(value).ok).toBe(false);
  });
});
