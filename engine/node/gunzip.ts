/**
 * Node's zlib as the readers' gunzip (engine/data/readers/gzip.ts, HostGunzip): native inflate,
 * several times faster than fflate's JavaScript on Fashion-MNIST. Installed by the Node hosts
 * (the CLI, the trainer process); the browser keeps fflate.
 */
import { constants } from 'node:buffer';
import { gunzipSync } from 'node:zlib';
import { useHostGunzip, type HostGunzip } from '../data/readers/gzip';

export const nodeGunzip: HostGunzip = (bytes, maxBytes) => {
  try {
    // maxOutputLength + 1: output of exactly maxBytes is whole; one byte more means it goes on.
    const out = gunzipSync(bytes, { maxOutputLength: Math.min(maxBytes + 1, constants.MAX_LENGTH) });
    if (out.length > maxBytes) return null;
    return new Uint8Array(out.buffer, out.byteOffset, out.length);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return null;
    throw error;
  }
};

export function installNodeGunzip(): void {
  useHostGunzip(nodeGunzip);
}
