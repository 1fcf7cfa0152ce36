/** The IDX parser on the real Fashion-MNIST files and on truncated / corrupt variants. */
import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { encodeIdx, IdxError, parseIdx } from '../../engine/data/idx';

const DIR = '/usr/share/datasets/fashion-mnist';
const haveData = existsSync(`${DIR}/t10k-labels-idx1-ubyte.gz`);
const read = (name: string) => gunzipSync(readFileSync(`${DIR}/${name}`));

describe.skipIf(!haveData)('Fashion-MNIST (dataset-fashion-mnist)', () => {
  it('train images: 60000×28×28 uint8', () => {
    const { dims, data } = parseIdx(read('train-images-idx3-ubyte.gz'));
    expect(dims).toEqual([60000, 28, 28]);
    expect(data).toBeInstanceOf(Uint8Array);
    expect(data.length).toBe(47_040_000);
    let max = 0;
    for (let i = 0; i < 784 * 100; i++) max = Math.max(max, data[i]);
    expect(max).toBeGreaterThan(200);
  });

  it('test labels: 10000 labels in 0..9, ten balanced classes', () => {
    const { dims, data } = parseIdx(read('t10k-labels-idx1-ubyte.gz'));
    expect(dims).toEqual([10000]);
    const counts = new Array(10).fill(0);
    for (const y of data) counts[y]++;
    expect(counts).toEqual(new Array(10).fill(1000));
    expect(Array.from(data.slice(0, 10))).toEqual([9, 2, 1, 1, 6, 1, 4, 6, 5, 7]);
  });

  it('a truncated file names both sizes', () => {
    const bytes = read('train-images-idx3-ubyte.gz');
    expect(() => parseIdx(bytes.subarray(0, 16 + 1234))).toThrow('IDX header says 60000×28×28 = 47040000 bytes but only 1234 follow (truncated file?)');
    expect(() => parseIdx(bytes.subarray(0, 10))).toThrow(/declares 3 dimensions \(16 header bytes\) but the data is only 10 bytes long/);
  });

  it('gzip input is recognised and refused with advice', () => {
    expect(() => parseIdx(readFileSync(`${DIR}/t10k-labels-idx1-ubyte.gz`))).toThrow(/gzip-compressed; decompress it first/);
  });
});

describe('IDX format', () => {
  it('round-trips every element type, big-endian', () => {
    const cases = [
      Uint8Array.from([0, 1, 255]),
      Int8Array.from([-128, 0, 127]),
      Int16Array.from([-32768, 1, 258]),
      Int32Array.from([-2147483648, 1, 16909060]),
      Float32Array.from([-1.5, 0, 3.25]),
      Float64Array.from([-1e300, Math.PI, 1e-300]),
    ];
    for (const data of cases) {
      const bytes = encodeIdx([3], data);
      const parsed = parseIdx(bytes);
      expect(parsed.dims).toEqual([3]);
      expect(parsed.data.constructor).toBe(data.constructor);
      expect(Array.from(parsed.data)).toEqual(Array.from(data));
    }
    // int16 258 is stored as 0x01 0x02 (big-endian)
    const b = encodeIdx([1], Int16Array.from([258]));
    expect(Array.from(b)).toEqual([0, 0, 0x0b, 1, 0, 0, 0, 1, 1, 2]);
  });

  it('parses a view at a non-zero offset (e.g. inside a larger buffer)', () => {
    const inner = encodeIdx([2, 2], Float32Array.from([1, 2, 3, 4]));
    const outer = new Uint8Array(inner.length + 3);
    outer.set(inner, 3);
    expect(Array.from(parseIdx(outer.subarray(3)).data)).toEqual([1, 2, 3, 4]);
  });

  it('multi-dimensional shapes', () => {
    const parsed = parseIdx(
      encodeIdx(
        [2, 3, 4],
        new Uint8Array(24).map((_, i) => i),
      ),
    );
    expect(parsed.dims).toEqual([2, 3, 4]);
    expect(parsed.data[23]).toBe(23);
  });

  it('rejects corrupt headers with a message naming the problem', () => {
    expect(() => parseIdx(new Uint8Array([0, 0]))).toThrow(/2 bytes long; the header alone needs at least 4/);
    expect(() => parseIdx(new Uint8Array([1, 0, 8, 1, 0, 0, 0, 0]))).toThrow(/must start with two zero bytes, found 0x01 0x00/);
    expect(() => parseIdx(new Uint8Array([0, 0, 0x0a, 1, 0, 0, 0, 0]))).toThrow(/element type 0x0A is unknown/);
    expect(() => parseIdx(new Uint8Array([0, 0, 8, 0]))).toThrow(/0 dimensions/);
    expect(() => parseIdx(new Uint8Array([0, 0, 8, 2, 0, 0, 0, 1]))).toThrow(/declares 2 dimensions \(12 header bytes\) but the data is only 8 bytes long/);
  });

  it('rejects truncated and over-long data, with element counts for wide types', () => {
    const good = encodeIdx([2, 3], new Float32Array(6));
    expect(() => parseIdx(good.subarray(0, good.length - 1))).toThrow('IDX header says 2×3 = 6 float32 values = 24 bytes but only 23 follow (truncated file?)');
    const long = new Uint8Array(good.length + 5);
    long.set(good);
    expect(() => parseIdx(long)).toThrow(/but 29 follow \(5 extra bytes: corrupt or not IDX\)/);
    expect(() => parseIdx(long)).toThrow(IdxError);
  });
});
