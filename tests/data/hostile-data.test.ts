/**
 * Dataset readers under hostile input: sizes are checked before allocation (gzip output is
 * counted, not taken from the size trailer; IDX headers are checked before the body is
 * decompressed), nothing is silently accepted (float32 overflow, UTF-16 text, a side of 0,
 * absurd labels), messages stay one short line, and nothing spreads a large array into a call.
 */
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { encodeIdx } from '../../engine/data/idx';
import { gunzipPrefix, maybeGunzip } from '../../engine/data/readers/gzip';
import { readIdxPair } from '../../engine/data/readers/idx';
import { buildCsvDataset, parseTable, readCsv } from '../../engine/data/readers/csv';
import { datasetFromHdf5, type H5FileLike } from '../../engine/data/readers/hdf5';
import { decodeText } from '../../engine/data/readers/text-encoding';
import { parseCsv } from '../../engine/data/csv';
import { MAX_CLASSES, MAX_DATASET_VALUES } from '../../engine/limits';

const MB = 1024 * 1024;
const file = (name: string, bytes: Uint8Array) => ({ name, bytes });
const message = (fn: () => unknown): string => {
  try {
    fn();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected an error');
};
/** One line, short, never echoing a long run of the input. */
const oneShortLine = (text: string) => {
  expect(text).not.toMatch(/\n/);
  expect(text.length).toBeLessThan(400);
};

function idxHeader(code: number, dims: number[]): Uint8Array {
  const out = new Uint8Array(4 + 4 * dims.length);
  out[2] = code;
  out[3] = dims.length;
  const view = new DataView(out.buffer);
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d, false));
  return out;
}

const labels = (m: number) => file('labels.idx', encodeIdx([m], new Uint8Array(m)));

describe('gzip: output counted, never sized from the trailer', () => {
  const zeros = gzipSync(new Uint8Array(16 * MB), { level: 9 });

  it('a bomb stops at the cap with one line, having inflated no further', () => {
    expect(zeros.length).toBeLessThan(100_000); // ~16 MB from a few KB
    const error = message(() => maybeGunzip(zeros, 'bomb.gz', 1 * MB));
    expect(error).toBe('bomb.gz: decompresses to more than 1 MB; Dendrite reads at most that from one file');
    expect(gunzipPrefix(zeros, 'bomb.gz', 10)).toHaveLength(10);
  });

  it('a trailer claiming 4 GB allocates nothing of the sort: the file is refused as corrupt (the old reader sized its output from it)', () => {
    const lying = gzipSync(new TextEncoder().encode('1,2,0\n3,4,1\n'));
    new DataView(lying.buffer, lying.byteOffset).setUint32(lying.length - 4, 0xffffffff, true);
    const before = process.memoryUsage().arrayBuffers;
    expect(message(() => maybeGunzip(lying, 'lying.gz'))).toBe(
      'lying.gz: the gzip data is corrupt or truncated (it inflates to 12 bytes; its trailer says 4,294,967,295)',
    );
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(64 * MB);
    // An honest one of the same data reads back exactly.
    expect(new TextDecoder().decode(maybeGunzip(gzipSync(new TextEncoder().encode('1,2,0\n')), 'ok.gz'))).toBe('1,2,0\n');
  });

  it('truncated gzip is a clean error', () => {
    oneShortLine(message(() => maybeGunzip(zeros.subarray(0, zeros.length / 2), 'cut.gz')));
    expect(message(() => maybeGunzip(zeros.subarray(0, zeros.length / 2), 'cut.gz'))).toMatch(/^cut\.gz: the gzip data is corrupt or truncated/);
  });

  it('an IDX bomb (small header, 16 MB of zeros after it) stops just past the declared size', () => {
    const bomb = gzipSync(Buffer.concat([idxHeader(0x08, [10, 28, 28]), new Uint8Array(16 * MB)]));
    const error = message(() => readIdxPair(file('bomb-idx3-ubyte.gz', bomb), labels(10)));
    oneShortLine(error);
    expect(error).toBe('bomb-idx3-ubyte.gz: decompresses to more than the 7,856 bytes its header declares (10×28×28): corrupt, or not IDX');
  });

  it('an IDX header declaring more values than the limit is refused before its body is decompressed', () => {
    const side = Math.ceil(Math.sqrt(MAX_DATASET_VALUES / 1000)) + 1;
    // Inflated whole, this would be "only 16777216 follow (truncated file?)" after 16 MB of work.
    const bytes = gzipSync(Buffer.concat([idxHeader(0x08, [1000, side, side]), new Uint8Array(16 * MB)]));
    const error = message(() => readIdxPair(file('huge-idx3-ubyte.gz', bytes), labels(1000)));
    expect(error).toMatch(/^huge-idx3-ubyte\.gz: declares 1000×\d+×\d+ values .*Dendrite reads at most 200,000,000 values$/);
  });
});

describe('nothing silently accepted', () => {
  it('IDX images with a side of 0 are refused', () => {
    const images = file('zero-idx3-ubyte', encodeIdx([4, 0, 28], new Uint8Array(0)));
    expect(message(() => readIdxPair(images, labels(4)))).toBe('zero-idx3-ubyte: declares images of 0×28: a side of 0 holds no pixels');
  });

  it('float64 IDX values beyond float32 are refused (they would be stored as Infinity)', () => {
    const values = new Float64Array([0.5, 1e300, 0.25, 0.75]);
    const images = file('big-idx3-ubyte', encodeIdx([1, 2, 2], values));
    expect(message(() => readIdxPair(images, labels(1)))).toBe("big-idx3-ubyte: value 1 is 1e+300, beyond float32's range (±3.4e38)");
  });

  it(`IDX labels of ${MAX_CLASSES} or more are refused, not turned into a million classes`, () => {
    const images = file('i-idx3-ubyte', encodeIdx([2, 1, 1], new Uint8Array(2)));
    const big = file('l-idx1-ubyte', encodeIdx([2], new Int32Array([0, 1_000_000])));
    expect(message(() => readIdxPair(images, big))).toBe(`l-idx1-ubyte: labels go up to 1000000; Dendrite takes class indices below ${MAX_CLASSES}`);
  });

  it('CSV numbers beyond float32 (1e39) make the row bad: an error naming the line, or a dropped-row warning', () => {
    const text = 'a,b,label\n1,2,0\n3,1e39,1\n5,6,1\n7,8,0\n';
    expect(message(() => readCsv(text, 'inf.csv'))).toBe(
      `inf.csv: 1 row with missing, non-numeric or out-of-range values (line 3 "b" is 1e39, beyond float32's range (±3.4e38))`,
    );
    const dropped = readCsv(text, 'inf.csv', { onBadRow: 'drop' });
    expect(dropped.dataset.m).toBe(3);
    expect(Array.from(dropped.dataset.x).every(Number.isFinite)).toBe(true);
    expect(dropped.warnings).toEqual([expect.stringMatching(/dropped 1 row .*\(lines 3\)/)]);
    expect(message(() => readCsv('a,t\n1,0.5\n2,1e39\n3,0.25\n', 'r.csv', { task: 'regression' }))).toMatch(
      /line 3 the label "t" is 1e39, beyond float32's range/,
    );
  });

  it('UTF-16 CSV: decoded when it has a byte-order mark, refused in one line without one — never 81 garbage features', () => {
    const utf8 = 'x1,x2,label\n1,2,cat\n3,4,dog\n';
    const le = new Uint8Array([0xff, 0xfe, ...new Uint8Array(new Uint16Array([...utf8].map((c) => c.charCodeAt(0))).buffer)]);
    const fromUtf16 = readCsv(decodeText(le, 'u16.csv'), 'u16.csv');
    expect(fromUtf16.dataset).toMatchObject({ m: 2, exampleShape: [2], classNames: ['cat', 'dog'] });
    // The same bytes decoded as UTF-8 (what a careless reader does) hold NULs: refused.
    expect(message(() => parseTable(new TextDecoder().decode(le), 'u16.csv'))).toBe(
      'u16.csv: looks like UTF-16 text without a byte-order mark; save it as UTF-8 (CSV UTF-8 in Excel)',
    );
    expect(message(() => decodeText(le.subarray(2), 'nobom.csv'))).toMatch(/^nobom\.csv: looks like UTF-16/);
    expect(message(() => decodeText(new Uint8Array([0x31, 0x2c, 0x32, 0x0a, 0x00, 0x07, 0x33]), 'bin.csv'))).toMatch(/^bin\.csv: is not text/);
  });

  it('HDF5: labels of a million and values beyond float32 are refused; huge declared shapes before reading them', () => {
    const h5 = (x: unknown, xShape: number[], y: unknown, yShape = [2]): H5FileLike => {
      const sets: Record<string, unknown> = {
        train_set_x: {
          shape: xShape,
          get value() {
            if (xShape.reduce((a, b) => a * b, 1) > 1e6) throw new Error('read a huge dataset');
            return x;
          },
        },
        train_set_y: { shape: yShape, value: y },
      };
      return { keys: () => Object.keys(sets), get: (name) => sets[name] };
    };
    expect(message(() => datasetFromHdf5(h5(new Uint8Array(8), [2, 2, 2], new Int32Array([0, 1_000_000])), 'cat.h5'))).toBe(
      `cat.h5: "train_set_y" label 1 is 1000000; Dendrite takes class indices below ${MAX_CLASSES}`,
    );
    expect(message(() => datasetFromHdf5(h5(new Float64Array([1, 1e39, 0, 0]), [2, 2], new Int32Array([0, 1])), 'inf.h5'))).toBe(
      `inf.h5: "train_set_x" value 1 is 1e+39, beyond float32's range (±3.4e38)`,
    );
    expect(message(() => datasetFromHdf5(h5(null, [100_000, 4096, 4096, 3], new Int32Array(2), [100_000]), 'huge.h5'))).toMatch(
      /^huge\.h5: "train_set_x": 100,000 examples of 50,331,648 values are/,
    );
  });
});

describe('CSV in the CLI reads like the app (papaparse), without spreading rows into a call', () => {
  it('reads 200,000 rows (Math.max(...rows) overflowed the stack at about 126,000)', () => {
    const rows = Array.from({ length: 200_000 }, (_, i) => `${i % 7},${i % 2}`).join('\n');
    const data = parseCsv(`f,label\n${rows}\n`, 'big.csv');
    expect(data.m).toBe(200_000);
    expect(data.numClasses).toBe(2);
  });

  it('quoted commas, tabs and semicolons', () => {
    const quoted = parseCsv('name,x,label\n"Smith, J",2,cat\n"Doe, A",4,dog\n', 'q.csv');
    expect(quoted).toMatchObject({ m: 2, exampleShape: [3], classNames: ['cat', 'dog'] }); // the quoted names are one column, one-hot
    expect(Array.from(quoted.x)).toEqual([1, 0, 2, 0, 1, 4]);
    expect(Array.from(parseCsv('x\ty\tlabel\n1\t2\t0\n3\t4\t1\n', 't.tsv').x)).toEqual([1, 2, 3, 4]);
    expect(Array.from(parseCsv('x;y;label\n1;2;0\n3;4;1\n', 's.csv').x)).toEqual([1, 2, 3, 4]);
  });
});

describe('messages are one short line, whatever the input', () => {
  const huge = 'x'.repeat(5 * MB);

  it('a 5 MB cell, header or label is not echoed', () => {
    for (const text of [`a,b\n1,${huge}\n2,3\n`.replace('1,x', `${huge},x`), `${huge},label\n1,0\n2,1\n`, `a,label\n1,0\n${huge},1\n3,0\n`]) {
      let error = '';
      try {
        buildCsvDataset(parseTable(text, 'big-cell.csv'), { task: 'regression' });
      } catch (e) {
        error = (e as Error).message;
      }
      if (error) oneShortLine(error);
    }
    const error = message(() => readCsv(`a,label\n1,0\n${huge},1\n3,0\n5,1\n`, 'cell.csv'));
    oneShortLine(error);
    expect(error).toMatch(/line 3 "a" is "x{40}…" \(5,242,880 characters\), not a number/);
  });
});
