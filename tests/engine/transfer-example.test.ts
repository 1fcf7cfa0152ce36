/**
 * The worked transfer-learning example's definitions (engine/transfer/example.ts) and the CLI
 * options it rests on: digits split by class and relabelled, the transfer network (frozen
 * convolutions, a new output layer) fitting the base model by matchLayers, and --classes,
 * --limit, --transfer on `dendrite train`. The example is run for real in
 * tests/native/transfer-example.test.ts (seconds on the native backend).
 */
import { describe, expect, it } from 'vitest';
import { main } from '../../engine/cli/main';
import { compileSpec } from '../../engine/compile';
import { countParams } from '../../engine/compile/param-counts';
import { parseClassList, selectClasses } from '../../engine/data/classes';
import { BASE_SPEC, SCRATCH_SPEC, SMALL_SUBSET, summariseExample, TRANSFER_SPEC, TRANSFERRED_LAYERS, transferExample } from '../../engine/transfer/example';
import { chosenPairs, matchLayers } from '../../engine/transfer/match';
import { testCliIo } from '../helpers/cli-io';

const digits = {
  kind: 'inline' as const,
  x: Float32Array.from({ length: 20 * 4 }, (_, i) => i),
  y: Float32Array.from({ length: 20 }, (_, i) => i % 10),
  exampleShape: [2, 2, 1],
  numClasses: 10,
  classNames: ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'],
};

describe('selectClasses', () => {
  it('keeps the examples of the chosen classes in order, relabelled 0…k−1, with their names', () => {
    const five = selectClasses(digits, parseClassList('5-9'));
    expect(Array.from(five.y)).toEqual([0, 1, 2, 3, 4, 0, 1, 2, 3, 4]);
    expect(five.classNames).toEqual(['five', 'six', 'seven', 'eight', 'nine']);
    expect(Array.from(five.x.subarray(0, 4))).toEqual([20, 21, 22, 23]); // example 5's pixels
    expect(five.numClasses).toBe(5);
  });

  it('refuses classes that do not exist and class lists it cannot read', () => {
    expect(() => selectClasses(digits, [3, 12])).toThrow('class 12 does not exist (the dataset has classes 0 to 9)');
    expect(() => parseClassList('4-0')).toThrow('runs backwards');
    expect(() => parseClassList('a')).toThrow('expected class numbers like 0-4 or 5,7,9');
    expect(parseClassList('0-2,8')).toEqual([0, 1, 2, 8]);
  });
});

describe('the worked example', () => {
  it('task B transfers the convolutions (frozen) and the dense layer, with a new output layer', () => {
    const base = compileSpec(BASE_SPEC);
    const transfer = compileSpec(TRANSFER_SPEC);
    expect(base.spec).not.toBeNull();
    expect(transfer.spec).not.toBeNull();
    const parameters = base.layers.flatMap((l) =>
      Object.entries(l.shapes)
        .filter(([name]) => ['W', 'b'].includes(name))
        .map(([name, shape]) => ({ layer: l.id, name, shape: shape as number[] })),
    );
    expect(chosenPairs(matchLayers({ spec: base.spec!, parameters }, transfer.layers))).toEqual(TRANSFERRED_LAYERS);
    const counts = countParams(transfer.layers);
    expect(counts.frozen).toBe((5 * 5 * 1 + 1) * 6 + (5 * 5 * 6 + 1) * 16);
    expect(countParams(compileSpec(SCRATCH_SPEC).layers).frozen).toBe(0);
  });

  it('compares transfer and scratch on the same small subset and dev set, draw by draw', () => {
    const example = transferExample(digits, (s) => (s.step === 'base' ? 'b' : `${s.step}${s.draw}`), { draws: 2 });
    expect(example.base.data).toMatchObject({ numClasses: 5, classNames: ['zero', 'one', 'two', 'three', 'four'] });
    const pairs = example.pairs({} as never);
    expect(pairs.map((p) => [p.transfer.runId, p.scratch.runId])).toEqual([
      ['transfer0', 'scratch0'],
      ['transfer1', 'scratch1'],
    ]);
    for (const { transfer, scratch } of pairs) {
      expect(transfer.split).toEqual(scratch.split);
      expect(transfer.trainLimit).toBe(SMALL_SUBSET);
      expect(scratch.trainLimit).toBe(SMALL_SUBSET);
      expect(transfer.transfer?.layers).toEqual(TRANSFERRED_LAYERS);
      expect(scratch.transfer).toBeUndefined();
    }
    expect(pairs[0].transfer.split!.seed).not.toBe(pairs[1].transfer.split!.seed);
    expect(
      summariseExample([
        { transfer: 0.9, scratch: 0.8 },
        { transfer: 0.7, scratch: 0.8 },
      ]),
    ).toMatchObject({ transfer: 0.8, scratch: 0.8 });
  });
});

describe('dendrite train --classes --limit --transfer', () => {
  const io = () => testCliIo();
  const data = 'resources/datasets/mnist-10k-images-idx3-ubyte.gz,resources/datasets/mnist-10k-labels-idx1-ubyte.gz';
  const mlp = (head: string) =>
    JSON.stringify({
      format: 'dendrite.spec',
      version: 1,
      layers: [
        { id: 'x', kind: 'input', shape: [28, 28, 1], inputs: [] },
        { id: 'f', kind: 'flatten', inputs: ['x'] },
        { id: 'h', kind: 'dense', units: 16, activation: 'relu', frozen: head === 'b', inputs: ['f'] },
        { id: head, kind: 'output', units: 5, activation: 'softmax', loss: 'cross_entropy', inputs: ['h'] },
      ],
    });

  it('trains on digits 0–4, then starts a network for 5–9 from its hidden layer, with a fresh output', async () => {
    const first = io();
    first.out.written['a.json'] = mlp('a');
    expect(
      await main(
        [
          'train',
          '--spec',
          'a.json',
          '--data',
          data,
          '--classes',
          '0-4',
          '--limit',
          '300',
          '--epochs',
          '2',
          '--batch',
          '32',
          '--optimizer',
          'adam',
          '--lr',
          '0.01',
          '--export',
          'base.json',
        ],
        first.host,
      ),
    ).toBe(0);
    expect(JSON.parse(first.out.stdout).trainAccuracy).toBeGreaterThan(0.8);

    const second = io();
    second.out.written['base.json'] = first.out.written['base.json'];
    second.out.written['b.json'] = mlp('b');
    expect(
      await main(
        ['train', '--spec', 'b.json', '--data', data, '--classes', '5-9', '--limit', '50', '--iterations', '20', '--transfer', 'base.json'],
        second.host,
      ),
    ).toBe(0);
    expect(second.out.stderr).toContain('transfer from base.json: h; fresh: b');
    // The frozen hidden layer is the base model's, exactly.
    second.host.writeText = (path, text) => void (second.out.written[path] = text);
    expect(
      await main(
        [
          'train',
          '--spec',
          'b.json',
          '--data',
          data,
          '--classes',
          '5-9',
          '--limit',
          '50',
          '--iterations',
          '5',
          '--transfer',
          'base.json',
          '--export',
          'after.json',
        ],
        second.host,
      ),
    ).toBe(0);
    const tensor = (file: string, name: string) =>
      JSON.parse(second.out.written[file]).parameters.find((t: { layer: string; name: string }) => t.layer === 'h' && t.name === name).data;
    expect(tensor('after.json', 'W')).toBe(tensor('base.json', 'W'));
  });

  it('says why in one line: --classes on a generator, --transfer-layers without --transfer, a model that fits nothing', async () => {
    const { host, out } = io();
    out.written['a.json'] = mlp('a');
    expect(await main(['train', '--spec', 'a.json', '--data', 'moons', '--classes', '0-1'], host)).toBe(2);
    expect(out.stderr).toContain('--classes selects classes of a CSV or IDX dataset, not of a generator');
    expect(await main(['train', '--spec', 'a.json', '--data', data, '--transfer-layers', 'h=h'], host)).toBe(2);
    expect(out.stderr).toContain('--transfer-layers needs --transfer model.json');
  });
});
