/**
 * Gzip is transparent to the readers: `.gz` or not, decided by the magic bytes.
 *
 * Decompression is streamed and its output counted, never sized from the gzip's own size
 * trailer (ISIZE is the length mod 2³², and a file can lie in it): a gzip bomb stops at the cap
 * (`MAX_DECOMPRESSED_BYTES`, or a reader's tighter one) with a one-line error, having held at
 * most the cap plus one slice's output (engine/limits.ts).
 */
import { Gunzip } from 'fflate';
import { formatBytes, MAX_DECOMPRESSED_BYTES } from '../../limits';
import { DataReadError } from './errors';

/** Compressed bytes pushed per step: a slice inflates to at most ~1,032× its size (64 MB past a cap, at worst). 16 KB slices made a 47 MB file 2× slower; 64 KB matches gunzipSync. */
const SLICE = 65536;

export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

class Enough extends Error {}

/**
 * Streams `bytes` through gunzip, keeping at most `keep` bytes of output. Returns the kept
 * bytes and whether the output went on beyond them (`more`); stops reading once it does.
 */
export function inflateAtMost(bytes: Uint8Array, file: string, keep: number): { data: Uint8Array; more: boolean } {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let more = false;
  let members = 1;
  const stream = new Gunzip((chunk) => {
    if (total + chunk.length > keep) {
      chunks.push(chunk.subarray(0, keep - total));
      total = keep;
      more = true;
      throw new Enough();
    }
    chunks.push(chunk);
    total += chunk.length;
  });
  stream.onmember = () => void members++;
  try {
    for (let at = 0; at < bytes.length; at += SLICE) stream.push(bytes.subarray(at, at + SLICE), at + SLICE >= bytes.length);
  } catch (error) {
    if (!(error instanceof Enough)) {
      throw new DataReadError(file, `the gzip data is corrupt or truncated (${(error as Error).message})`);
    }
  }
  // The trailer's size (mod 2³²) is checked after the fact, never used to allocate: a truncated or
  // corrupt stream (which inflates partly without complaint) or a lying trailer is refused.
  const claimed = bytes.length >= 18 ? new DataView(bytes.buffer, bytes.byteOffset + bytes.length - 4, 4).getUint32(0, true) : -1;
  if (!more && members === 1 && claimed !== total % 2 ** 32) {
    throw new DataReadError(file, `the gzip data is corrupt or truncated (it inflates to ${total.toLocaleString('en')} bytes; its trailer says ${claimed.toLocaleString('en')})`);
  }
  if (chunks.length === 1 && chunks[0].length === total) return { data: chunks[0], more };
  const data = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    data.set(chunk, offset);
    offset += chunk.length;
  }
  return { data, more };
}

/** Decompresses gzip (or returns other bytes as they are), refusing output beyond `maxBytes`. */
export function maybeGunzip(bytes: Uint8Array, file: string, maxBytes = MAX_DECOMPRESSED_BYTES): Uint8Array {
  if (!isGzip(bytes)) return bytes;
  const { data, more } = inflateAtMost(bytes, file, maxBytes);
  if (more) throw new DataReadError(file, `decompresses to more than ${formatBytes(maxBytes)}; Dendrite reads at most that from one file`);
  return data;
}

/** The first `count` decompressed bytes (fewer if the data is shorter), inflating no further. */
export function gunzipPrefix(bytes: Uint8Array, file: string, count: number): Uint8Array {
  if (!isGzip(bytes)) return bytes.subarray(0, count);
  return inflateAtMost(bytes, file, count).data;
}
