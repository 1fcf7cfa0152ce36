/**
 * IDX files (the MNIST / Fashion-MNIST format): a pure parser, no I/O.
 *
 * Layout (all integers big-endian):
 *   bytes 0–1  zero
 *   byte  2    element type: 0x08 uint8, 0x09 int8, 0x0B int16, 0x0C int32, 0x0D float32, 0x0E float64
 *   byte  3    number of dimensions d
 *   4·d bytes  the dimensions, uint32 each
 *   then       prod(dims) elements, row-major, big-endian
 *
 * Gzip (the usual `.gz` distribution) is the caller's business: pass decompressed bytes.
 * Multi-byte elements are converted to the host's byte order into a fresh typed array;
 * uint8/int8 data is returned as a view into `bytes` (no copy).
 */

export type IdxData = Uint8Array | Int8Array | Int16Array | Int32Array | Float32Array | Float64Array;

export interface Idx {
  dims: number[];
  data: IdxData;
}

export class IdxError extends Error {
  override name = 'IdxError';
}

interface TypeInfo {
  name: string;
  size: number;
}

const TYPES: Record<number, TypeInfo> = {
  0x08: { name: 'uint8', size: 1 },
  0x09: { name: 'int8', size: 1 },
  0x0b: { name: 'int16', size: 2 },
  0x0c: { name: 'int32', size: 4 },
  0x0d: { name: 'float32', size: 4 },
  0x0e: { name: 'float64', size: 8 },
};

/** What an IDX header declares, read from its first bytes alone (nothing is allocated from it). */
export interface IdxHeader {
  code: number;
  dims: number[];
  /** Elements declared: the product of the dimensions. */
  count: number;
  headerSize: number;
  /** Bytes of element data the header declares. */
  dataBytes: number;
}

/** The most header bytes an IDX file can have (255 dimensions). */
export const IDX_MAX_HEADER = 4 + 4 * 255;

export function readIdxHeader(bytes: Uint8Array): IdxHeader {
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
    throw new IdxError('IDX data is gzip-compressed; decompress it first (e.g. zlib.gunzipSync)');
  }
  if (bytes.length < 4) {
    throw new IdxError(`IDX data is ${bytes.length} bytes long; the header alone needs at least 4`);
  }
  if (bytes[0] !== 0 || bytes[1] !== 0) {
    throw new IdxError(`not an IDX file: it must start with two zero bytes, found 0x${hex(bytes[0])} 0x${hex(bytes[1])}`);
  }
  const code = bytes[2];
  const type = TYPES[code];
  if (!type) {
    throw new IdxError(`IDX element type 0x${hex(code)} is unknown (expected 0x08 uint8, 0x09 int8, 0x0B int16, 0x0C int32, 0x0D float32 or 0x0E float64)`);
  }
  const ndims = bytes[3];
  if (ndims === 0) throw new IdxError('IDX header declares 0 dimensions');
  const headerSize = 4 + 4 * ndims;
  if (bytes.length < headerSize) {
    throw new IdxError(`IDX header declares ${ndims} dimensions (${headerSize} header bytes) but the data is only ${bytes.length} bytes long`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dims: number[] = [];
  let count = 1;
  for (let i = 0; i < ndims; i++) {
    const d = view.getUint32(4 + 4 * i, false);
    dims.push(d);
    count *= d;
  }
  return { code, dims, count, headerSize, dataBytes: count * type.size };
}

export function parseIdx(bytes: Uint8Array): Idx {
  const { code, dims, count, headerSize, dataBytes: expected } = readIdxHeader(bytes);
  const type = TYPES[code];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const available = bytes.length - headerSize;
  const shape = dims.join('×');
  const what = type.size === 1 ? `${expected} bytes` : `${count} ${type.name} values = ${expected} bytes`;
  if (available < expected) {
    throw new IdxError(`IDX header says ${shape} = ${what} but only ${available} follow (truncated file?)`);
  }
  if (available > expected) {
    throw new IdxError(`IDX header says ${shape} = ${what} but ${available} follow (${available - expected} extra bytes: corrupt or not IDX)`);
  }
  const start = headerSize;
  let data: IdxData;
  switch (code) {
    case 0x08:
      data = new Uint8Array(bytes.buffer, bytes.byteOffset + start, count);
      break;
    case 0x09:
      data = new Int8Array(bytes.buffer, bytes.byteOffset + start, count);
      break;
    case 0x0b: {
      const out = new Int16Array(count);
      for (let i = 0; i < count; i++) out[i] = view.getInt16(start + 2 * i, false);
      data = out;
      break;
    }
    case 0x0c: {
      const out = new Int32Array(count);
      for (let i = 0; i < count; i++) out[i] = view.getInt32(start + 4 * i, false);
      data = out;
      break;
    }
    case 0x0d: {
      const out = new Float32Array(count);
      for (let i = 0; i < count; i++) out[i] = view.getFloat32(start + 4 * i, false);
      data = out;
      break;
    }
    default: {
      const out = new Float64Array(count);
      for (let i = 0; i < count; i++) out[i] = view.getFloat64(start + 8 * i, false);
      data = out;
    }
  }
  return { dims, data };
}

/** Encode an IDX file (big-endian), e.g. for tests and exports. */
export function encodeIdx(dims: number[], data: IdxData): Uint8Array {
  const code =
    data instanceof Uint8Array
      ? 0x08
      : data instanceof Int8Array
        ? 0x09
        : data instanceof Int16Array
          ? 0x0b
          : data instanceof Int32Array
            ? 0x0c
            : data instanceof Float32Array
              ? 0x0d
              : 0x0e;
  const size = TYPES[code].size;
  const count = dims.reduce((a, b) => a * b, 1);
  if (count !== data.length) throw new IdxError(`encodeIdx: dims ${dims.join('×')} = ${count} but data has ${data.length} values`);
  if (dims.length === 0 || dims.length > 255) throw new IdxError(`encodeIdx: ${dims.length} dimensions (1–255 allowed)`);
  const header = 4 + 4 * dims.length;
  const out = new Uint8Array(header + count * size);
  const view = new DataView(out.buffer);
  out[2] = code;
  out[3] = dims.length;
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d, false));
  for (let i = 0; i < count; i++) {
    const at = header + i * size;
    switch (code) {
      case 0x08:
        view.setUint8(at, data[i]);
        break;
      case 0x09:
        view.setInt8(at, data[i]);
        break;
      case 0x0b:
        view.setInt16(at, data[i], false);
        break;
      case 0x0c:
        view.setInt32(at, data[i], false);
        break;
      case 0x0d:
        view.setFloat32(at, data[i], false);
        break;
      default:
        view.setFloat64(at, data[i], false);
    }
  }
  return out;
}

function hex(b: number): string {
  return b.toString(16).toUpperCase().padStart(2, '0');
}
