/**
 * Property tests of the dataset readers: whatever the bytes, a reader returns a dataset whose
 * values are all finite float32s with a positive size, or throws a DataReadError of one short
 * line — never another exception, never Infinity, never a half-built dataset. FUZZ_RUNS cases
 * per property (`npm run fuzz` for a longer soak).
 */
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCsv } from '../../engine/data/readers/csv';
import { DataReadError } from '../../engine/data/readers/errors';
import { maybeGunzip } from '../../engine/data/readers/gzip';
import { readIdxPair } from '../../engine/data/readers/idx';
import { readCifar10 } from '../../engine/data/readers/cifar';
import { decodeText } from '../../engine/data/readers/text-encoding';
import { encodeIdx } from '../../engine/data/idx';
import type { Dataset } from '../../engine/data/dataset';

const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);

/** The reader's contract, checked on one outcome. */
function holds(read: () => { dataset: Dataset }): void {
  let dataset: Dataset;
  try {
    dataset = read().dataset;
  } catch (error) {
    expect(error).toBeInstanceOf(DataReadError);
    const message = (error as Error).message;
    expect(message).not.toMatch(/\n/);
    expect(message.length).toBeLessThan(600);
    return;
  }
  expect(dataset.m).toBeGreaterThan(0);
  expect(dataset.exampleShape.every((d) => Number.isInteger(d) && d >= 1)).toBe(true);
  expect(dataset.x.length).toBe(dataset.m * dataset.exampleShape.reduce((a, b) => a * b, 1));
  for (let i = 0; i < dataset.x.length; i++) if (!Number.isFinite(dataset.x[i])) throw new Error(`x[${i}] is ${dataset.x[i]}`);
  for (let i = 0; i < dataset.y.length; i++) if (!Number.isFinite(dataset.y[i])) throw new Error(`y[${i}] is ${dataset.y[i]}`);
}

/** Cells a hostile CSV holds: numbers near and past float32's range, quotes, separators, NULs, long text. */
const cell = fc.oneof(
  fc.integer({ min: -5, max: 5 }).map(String),
  fc.double({ noNaN: false }).map(String),
  fc.constantFrom(
    '1e39',
    '-1e39',
    '1e308',
    '3.4e38',
    'Infinity',
    'NaN',
    '',
    ' ',
    '"a,b"',
    '"',
    'x\ty',
    '\u0000',
    '1;2',
    'cat',
    'dog',
    '#',
    '0x10',
    'x'.repeat(5000),
  ),
  fc.string({ maxLength: 8 }),
);
const csvText = fc
  .tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 12 }), fc.constantFrom(',', '\t', ';'))
  .chain(([width, rows, sep]) =>
    fc
      .array(fc.array(cell, { minLength: width, maxLength: width + 1 }), { minLength: rows, maxLength: rows })
      .map((table) => table.map((r) => r.join(sep)).join('\n')),
  );

describe('fuzzing the CSV reader (the app and the CLI)', () => {
  it(`keeps its contract on hostile tables (${RUNS} cases)`, () => {
    fc.assert(
      fc.property(csvText, fc.constantFrom('auto', 'classification', 'regression'), fc.constantFrom('drop', 'stop'), (text, task, onBadRow) => {
        holds(() => readCsv(text, 'fuzz.csv', { task: task as never, onBadRow: onBadRow as never }));
      }),
      { numRuns: RUNS, seed: 21 },
    );
  });

  it(`decodes any bytes to text or refuses them in one line (${RUNS} cases)`, () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        holds(() => readCsv(decodeText(bytes, 'bytes.csv'), 'bytes.csv'));
      }),
      { numRuns: RUNS, seed: 22 },
    );
  });
});

/** An IDX header with arbitrary type and dimensions (zeros and huge ones included), and some body. */
const idxFile = fc
  .tuple(
    fc.constantFrom(0x08, 0x09, 0x0b, 0x0c, 0x0d, 0x0e, 0x07),
    fc.array(fc.oneof(fc.integer({ min: 0, max: 4 }), fc.constantFrom(0, 0xffffffff, 1 << 20)), { minLength: 1, maxLength: 4 }),
    fc.uint8Array({ maxLength: 200 }),
    fc.boolean(),
  )
  .map(([code, dims, body, gz]) => {
    const header = new Uint8Array(4 + 4 * dims.length);
    header[2] = code;
    header[3] = dims.length;
    dims.forEach((d, i) => new DataView(header.buffer).setUint32(4 + 4 * i, d, false));
    const bytes = new Uint8Array([...header, ...body]);
    return gz ? new Uint8Array(gzipSync(bytes)) : bytes;
  });

describe('fuzzing the IDX and CIFAR-10 readers', () => {
  it(`keeps its contract on hostile headers (${RUNS} cases)`, () => {
    fc.assert(
      fc.property(idxFile, fc.integer({ min: 1, max: 4 }), (images, m) => {
        const labels = encodeIdx(
          [m],
          new Uint8Array(m).map((_, i) => i % 3),
        );
        holds(() => readIdxPair({ name: 'i-idx3-ubyte', bytes: images }, { name: 'l-idx1-ubyte', bytes: labels }));
      }),
      { numRuns: RUNS, seed: 23 },
    );
  });

  it(`float64 IDX values of any size come back finite or are refused (${RUNS} cases)`, () => {
    fc.assert(
      fc.property(fc.array(fc.double(), { minLength: 4, maxLength: 4 }), (values) => {
        const images = encodeIdx([1, 2, 2], Float64Array.from(values));
        holds(() => readIdxPair({ name: 'f-idx3-ubyte', bytes: images }, { name: 'l', bytes: encodeIdx([1], new Uint8Array(1)) }));
      }),
      { numRuns: RUNS, seed: 24 },
    );
  });

  it(`damaged gzip is a clean error, never a crash or silently wrong bytes (${RUNS} cases)`, () => {
    const original = encodeIdx(
      [3, 4, 4],
      new Uint8Array(48).map((_, i) => i * 7),
    );
    const good = new Uint8Array(gzipSync(original));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: good.length - 1 }), fc.integer({ min: 0, max: 255 }), fc.boolean(), (at, value, truncate) => {
        const bytes = truncate ? good.slice(0, at) : good.map((b, i) => (i === at ? value : b));
        let out: Uint8Array | null = null;
        try {
          out = maybeGunzip(bytes, 'd.gz');
        } catch (error) {
          expect(error).toBeInstanceOf(DataReadError);
          expect((error as Error).message).not.toMatch(/\n/);
        }
        // Whatever comes back is the original (or bytes that were never gzip at all), never garbage.
        if (out && bytes[0] === 0x1f && bytes[1] === 0x8b) expect(Array.from(out)).toEqual(Array.from(original));
        holds(() => readCifar10([{ name: 'b.bin', bytes }]));
      }),
      { numRuns: RUNS, seed: 25 },
    );
  });
});
