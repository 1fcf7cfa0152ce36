/** The dataset readers on real files (Debian's Fashion-MNIST), generated files, and broken variants. */
import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readIdxPair, FASHION_MNIST_CLASSES } from '../../engine/data/readers/idx';
import { readCifar10 } from '../../engine/data/readers/cifar';
import { readCsv, parseTable, analyseColumns } from '../../engine/data/readers/csv';
import { DataReadError } from '../../engine/data/readers/errors';
import { classCounts, featureStats, defaultSplit } from '../../engine/data/readers/summary';
import { encodeIdx } from '../../engine/data/idx';

const FASHION = '/usr/share/datasets/fashion-mnist';
const file = (name: string, bytes: Uint8Array) => ({ name, bytes });
const fails = (fn: () => unknown, ...parts: (string | RegExp)[]) => {
  let error: unknown;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(DataReadError);
  for (const p of parts) expect((error as Error).message).toMatch(p);
};

describe('IDX (Fashion-MNIST, Debian dataset-fashion-mnist)', () => {
  const have = existsSync(`${FASHION}/t10k-images-idx3-ubyte.gz`);
  const images = have ? new Uint8Array(readFileSync(`${FASHION}/t10k-images-idx3-ubyte.gz`)) : new Uint8Array();
  const labels = have ? new Uint8Array(readFileSync(`${FASHION}/t10k-labels-idx1-ubyte.gz`)) : new Uint8Array();

  it.runIf(have)('reads the gzipped test set: 10,000 images 28×28×1 in [0, 1], 1,000 per class', () => {
    const { dataset } = readIdxPair(file('t10k-images-idx3-ubyte.gz', images), file('t10k-labels-idx1-ubyte.gz', labels), {
      classNames: FASHION_MNIST_CLASSES,
    });
    expect(dataset.m).toBe(10_000);
    expect(dataset.exampleShape).toEqual([28, 28, 1]);
    expect(dataset.x.length).toBe(10_000 * 784);
    expect(dataset.numClasses).toBe(10);
    expect(classCounts(dataset)).toEqual(new Array(10).fill(1000));
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of dataset.x) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    expect([lo, hi]).toEqual([0, 1]);
    // Same pixels as the raw bytes / 255 (header 16 bytes).
    const raw = gunzipSync(images);
    expect(dataset.x[16 * 0 + 400]).toBeCloseTo(raw[16 + 400] / 255, 7);
  });

  it.runIf(have)('reads uncompressed IDX too', () => {
    const { dataset } = readIdxPair(file('imgs', new Uint8Array(gunzipSync(images))), file('labs', new Uint8Array(gunzipSync(labels))));
    expect(dataset.m).toBe(10_000);
  });

  it.runIf(have)('names the file and the problem: truncated IDX, truncated gzip, mismatched counts, not IDX', () => {
    const raw = new Uint8Array(gunzipSync(images));
    fails(() => readIdxPair(file('cut.idx', raw.subarray(0, raw.length - 100)), file('t10k-labels-idx1-ubyte.gz', labels)), 'cut.idx', /truncated/);
    fails(() => readIdxPair(file('cut.gz', images.subarray(0, images.length / 2)), file('labels', labels)), 'cut.gz', /gzip data is corrupt or truncated/);
    fails(() => readIdxPair(file('hdr.idx', raw.subarray(0, 10)), file('labels', labels)), 'hdr.idx', /header/);
    const fewer = encodeIdx([5], new Uint8Array(5));
    fails(() => readIdxPair(file('imgs.gz', images), file('five.idx', fewer)), 'five.idx', /5 labels but imgs.gz has 10000 images/);
    fails(() => readIdxPair(file('notes.txt', new TextEncoder().encode('hello world')), file('labels', labels)), 'notes.txt', /not an IDX file/);
    fails(() => readIdxPair(file('labels-as-images', labels), file('labels', labels)), 'labels-as-images', /2 to 4 dimensions/);
  });

  it('reads a generated IDX pair exactly', () => {
    const imgs = encodeIdx([2, 2, 3], Uint8Array.from([0, 255, 51, 102, 153, 204, 1, 2, 3, 4, 5, 6]));
    const labs = gzipSync(encodeIdx([2], Uint8Array.from([3, 1])));
    const { dataset } = readIdxPair(file('i', imgs), file('l.gz', new Uint8Array(labs)));
    expect(dataset.exampleShape).toEqual([2, 3, 1]);
    expect(Array.from(dataset.y)).toEqual([3, 1]);
    expect(dataset.numClasses).toBe(4);
    expect(dataset.x[1]).toBe(1);
    expect(dataset.x[2]).toBeCloseTo(0.2, 6);
  });
});

describe('CIFAR-10 binary batches', () => {
  const record = (label: number, r: number, g: number, b: number) => {
    const rec = new Uint8Array(3073);
    rec[0] = label;
    rec.fill(r, 1, 1025);
    rec.fill(g, 1025, 2049);
    rec.fill(b, 2049, 3073);
    return rec;
  };
  const batch = (...records: Uint8Array[]) => {
    const out = new Uint8Array(records.length * 3073);
    records.forEach((r, i) => out.set(r, i * 3073));
    return out;
  };

  it('converts planes (R, G, B) to channels-last 32×32×3 in [0, 1], across several batches', () => {
    const a = batch(record(3, 255, 0, 51), record(9, 0, 255, 0));
    a[1 + 5] = 102; // red of pixel 5 of the first image
    const { dataset } = readCifar10([file('data_batch_1.bin', a), file('data_batch_2.bin', batch(record(0, 0, 0, 255)))]);
    expect(dataset.m).toBe(3);
    expect(dataset.exampleShape).toEqual([32, 32, 3]);
    expect(Array.from(dataset.y)).toEqual([3, 9, 0]);
    expect(Array.from(dataset.x.subarray(0, 3))).toEqual([1, 0, 0.2].map((v) => Math.fround(v)));
    expect(dataset.x[15]).toBeCloseTo(0.4, 6);
    expect(dataset.x[3072 + 1]).toBe(1);
    expect(dataset.x[2 * 3072 + 2]).toBe(1);
    expect(dataset.classNames?.[3]).toBe('cat');
  });

  it('rejects truncated, empty and mislabelled batches, naming the file', () => {
    const a = batch(record(1, 0, 0, 0), record(2, 0, 0, 0));
    fails(
      () => readCifar10([file('data_batch_1.bin', a), file('data_batch_2.bin', a.subarray(0, 5000))]),
      'data_batch_2.bin',
      /not a whole number of 3073-byte/,
    );
    fails(() => readCifar10([file('empty.bin', new Uint8Array())]), 'empty.bin', /empty/);
    fails(() => readCifar10([file('bad.bin', batch(record(12, 0, 0, 0)))]), 'bad.bin', /label 12/);
  });
});

describe('CSV / TSV', () => {
  const iris = [
    'sepal,petal,colour,species',
    '1.5,0.2,red,setosa',
    '1.7,0.4,blue,setosa',
    '6.1,2.0,red,virginica',
    '6.3,2.2,green,virginica',
    '5.9,1.8,blue,versicolor',
  ].join('\n');

  it('detects the header, one-hot encodes text features (listed) and names classes', () => {
    const r = readCsv(iris, 'iris.csv');
    expect(r.task).toBe('classification');
    expect(r.dataset.exampleShape).toEqual([5]);
    expect(r.features.map((f) => f.name)).toEqual(['sepal', 'petal', 'colour=red', 'colour=blue', 'colour=green']);
    expect(r.oneHot).toEqual([{ column: 'colour', categories: ['red', 'blue', 'green'] }]);
    expect(r.dataset.classNames).toEqual(['setosa', 'virginica', 'versicolor']);
    expect(Array.from(r.dataset.y)).toEqual([0, 0, 1, 1, 2]);
    expect(Array.from(r.dataset.x.subarray(5, 10))).toEqual([Math.fround(1.7), Math.fround(0.4), 0, 1, 0]);
    expect(classCounts(r.dataset)).toEqual([2, 2, 1]);
  });

  it('lets the user choose the label column; numeric whole labels become sorted classes', () => {
    const text = 'a\tb\tc\n1\t2\t0\n3\t4\t1\n5\t6\t0\n';
    const t = parseTable(text, 'x.tsv');
    expect(t.delimiter).toBe('\t');
    expect(t.hasHeader).toBe(true);
    const r = readCsv(text, 'x.tsv', { label: 1 });
    expect(r.dataset.classNames).toEqual(['2', '4', '6']);
    expect(r.features.map((f) => f.name)).toEqual(['a', 'c']);
  });

  it('takes a headerless file; non-integer labels are regression targets (or forced)', () => {
    const r = readCsv('0.1,0.5\n0.2,1.5\n0.3,2.25\n', 'reg.csv');
    expect(r.task).toBe('regression');
    expect(r.dataset.numClasses).toBe(0);
    expect(Array.from(r.dataset.y)).toEqual([0.5, 1.5, 2.25]);
    expect(parseTable('0.1,0.5\n0.2,1.5\n', 'reg.csv').hasHeader).toBe(false);
    expect(readCsv('x,y\n1,2\n2,4\n3,6\n', 'lin.csv', { task: 'regression' }).task).toBe('regression');
    fails(() => readCsv(iris, 'iris.csv', { task: 'regression' }), 'iris.csv', /regression target must be numeric/);
  });

  it('reports bad rows with their line numbers; drops them or stops', () => {
    const text = 'x1,x2,y\n1,2,a\n3,,b\n\n5,six,a\n7,8\n9,10,b\n';
    fails(
      () => readCsv(text, 'bad.csv', { onBadRow: 'stop' }),
      'bad.csv',
      /3 rows/,
      /line 3 "x2" is missing/,
      /line 5 "x2" is "six", not a number/,
      /line 6 has 2 columns/,
    );
    const r = readCsv(text, 'bad.csv', { onBadRow: 'drop' });
    expect(r.dataset.m).toBe(2);
    expect(r.badRows.map((b) => b.line)).toEqual([3, 5, 6]);
    expect(r.warnings[0]).toMatch(/dropped 3 rows .*lines 3, 5, 6/);
  });

  it('rejects one-column, empty, header-only and one-class files, naming the file', () => {
    fails(() => readCsv('a\n1\n2\n', 'one.csv'), 'one.csv', /only one column/);
    fails(() => readCsv('', 'empty.csv'), 'empty.csv', /empty/);
    fails(() => readCsv('a,b,label\n', 'head.csv'), 'head.csv', /no data rows/);
    fails(() => readCsv('1,2,x\n3,4,x\n', 'same.csv'), 'same.csv', /only one class/);
  });

  it('analyses columns (numeric, categorical, bad cells)', () => {
    const cols = analyseColumns(parseTable('n,c,l\n1,a,0\n2,b,1\nx,a,0\n', 'c.csv'));
    expect(cols.map((c) => [c.kind, c.bad])).toEqual([
      ['numeric', 1],
      ['categorical', 0],
      ['numeric', 0],
    ]);
  });
});

describe('summaries', () => {
  it('feature statistics are exact', () => {
    const r = readCsv('a,b,y\n1,10,0\n2,10,1\n3,10,0\n6,10,1\n', 's.csv');
    const [a, b] = featureStats(r.dataset);
    expect(a).toEqual({ min: 1, max: 6, mean: 3, std: Math.sqrt((4 + 1 + 0 + 9) / 4) });
    expect(b).toEqual({ min: 10, max: 10, mean: 10, std: 0 });
  });

  it('default split: 60/20/20 small, 98/1/1 above a million', () => {
    expect(defaultSplit(10_000)).toEqual({ train: 0.6, dev: 0.2 });
    expect(defaultSplit(1_000_001)).toEqual({ train: 0.98, dev: 0.01 });
  });
});
