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

/** CRC-32 (the gzip polynomial), sliced by 8 bytes (a byte at a time made a 47 MB check 0.4 s). */
const CRC_TABLES = (() => {
  const tables = new Int32Array(8 * 256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    tables[n] = c;
  }
  for (let n = 0; n < 256; n++) for (let t = 1; t < 8; t++) tables[t * 256 + n] = (tables[(t - 1) * 256 + n] >>> 8) ^ tables[tables[(t - 1) * 256 + n] & 0xff];
  return tables;
})();

function crc32(chunks: Uint8Array[]): number {
  const T = CRC_TABLES;
  let crc = -1;
  for (const b of chunks) {
    let i = 0;
    for (const end = b.length - 7; i < end; i += 8) {
      const lo = crc ^ (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24));
      crc =
        T[1792 + (lo & 0xff)] ^
        T[1536 + ((lo >>> 8) & 0xff)] ^
        T[1280 + ((lo >>> 16) & 0xff)] ^
        T[1024 + (lo >>> 24)] ^
        T[768 + b[i + 4]] ^
        T[512 + b[i + 5]] ^
        T[256 + b[i + 6]] ^
        T[b[i + 7]];
    }
    for (; i < b.length; i++) crc = T[(crc ^ b[i]) & 0xff] ^ (crc >>> 8);
  }
  return (crc ^ -1) >>> 0;
}

/**
 * A whole-file gunzip the host may supply (Node's zlib, in the CLI and the trainer process:
 * Fashion-MNIST's 26 MB of images took 0.65 s in fflate). It returns all of the output when it
 * is at most `maxBytes` (checking the CRC-32 and size itself, throwing on corrupt data), or
 * null when the output is longer — then the streamed inflate below finds the kept prefix.
 */
export type HostGunzip = (bytes: Uint8Array, maxBytes: number) => Uint8Array | null;
let hostGunzip: HostGunzip | null = null;

/** Installs (or, with null, removes) the host's gunzip. */
export function useHostGunzip(gunzip: HostGunzip | null): void {
  hostGunzip = gunzip;
}

/** The host's gunzip in use, if any (tests check the wiring). */
export function currentHostGunzip(): HostGunzip | null {
  return hostGunzip;
}

/**
 * Inflates `bytes`, keeping at most `keep` bytes of output. Returns the kept bytes and whether
 * the output went on beyond them (`more`). The host's gunzip does the work when there is one and
 * the output fits; otherwise it is streamed, and stops reading once the output goes beyond.
 */
export function inflateAtMost(bytes: Uint8Array, file: string, keep: number): { data: Uint8Array; more: boolean } {
  if (hostGunzip && keep > 0) {
    let data: Uint8Array | null;
    try {
      data = hostGunzip(bytes, keep);
    } catch (error) {
      throw new DataReadError(file, `the gzip data is corrupt or truncated (${(error as Error).message})`);
    }
    if (data) return { data, more: false };
  }
  return streamAtMost(bytes, file, keep);
}

/** Streams `bytes` through fflate's gunzip, keeping at most `keep` bytes of output (see inflateAtMost). */
function streamAtMost(bytes: Uint8Array, file: string, keep: number): { data: Uint8Array; more: boolean } {
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
  // The trailer (CRC-32 and size mod 2³²) is checked after the fact, never used to allocate: a
  // truncated or corrupt stream (which inflates partly without complaint) or a lying trailer is refused.
  if (!more && members === 1) {
    const trailer = bytes.length >= 18 ? new DataView(bytes.buffer, bytes.byteOffset + bytes.length - 8, 8) : null;
    const claimed = trailer ? trailer.getUint32(4, true) : -1;
    if (claimed !== total % 2 ** 32) {
      throw new DataReadError(
        file,
        `the gzip data is corrupt or truncated (it inflates to ${total.toLocaleString('en')} bytes; its trailer says ${claimed.toLocaleString('en')})`,
      );
    }
    if (trailer!.getUint32(0, true) !== crc32(chunks)) throw new DataReadError(file, 'the gzip data is corrupt (its CRC-32 check fails)');
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
  // Streamed: a header's few bytes, not the whole file the host's gunzip would inflate first.
  return streamAtMost(bytes, file, count).data;
}
