/** Gzip is transparent to the readers: `.gz` or not, decided by the magic bytes. */
import { gunzipSync } from 'fflate';
import { DataReadError } from './errors';

export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

export function maybeGunzip(bytes: Uint8Array, file: string): Uint8Array {
  if (!isGzip(bytes)) return bytes;
  try {
    return gunzipSync(bytes);
  } catch (error) {
    throw new DataReadError(file, `the gzip data is corrupt or truncated (${(error as Error).message})`);
  }
}
