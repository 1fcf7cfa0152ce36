/**
 * The readers inflate gzip with the host's gunzip when one is installed (Node's zlib in the CLI),
 * with the same results and the same refusals as the streamed fflate path.
 */
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { currentHostGunzip, gunzipPrefix, maybeGunzip, useHostGunzip, type HostGunzip } from '../../engine/data/readers/gzip';
import { nodeGunzip } from '../../engine/node/gunzip';
import { nodeIo } from '../../engine/cli/node-io';

const payload = Uint8Array.from({ length: 200_000 }, (_, i) => (i * 7919) % 251);
const gz = new Uint8Array(gzipSync(payload));

afterEach(() => useHostGunzip(null));

describe("the host's gunzip", () => {
  it('is what inflates a file when installed (counted), with the bytes the streamed path gives', () => {
    const streamed = maybeGunzip(gz, 'a.gz');
    let calls = 0;
    const counting: HostGunzip = (bytes, max) => {
      calls++;
      return nodeGunzip(bytes, max);
    };
    useHostGunzip(counting);
    const hosted = maybeGunzip(gz, 'a.gz');
    expect(calls).toBe(1);
    expect(hosted).toEqual(streamed);
    expect(hosted).toEqual(payload);
  });

  it('keeps the cap: output beyond it is refused with the same one-line error', () => {
    useHostGunzip(nodeGunzip);
    expect(() => maybeGunzip(gz, 'big.gz', payload.length - 1)).toThrow(/big\.gz.*decompresses to more than/);
    expect(maybeGunzip(gz, 'exact.gz', payload.length)).toEqual(payload);
  });

  it('refuses truncated and corrupt data naming the file', () => {
    useHostGunzip(nodeGunzip);
    expect(() => maybeGunzip(gz.subarray(0, gz.length >> 1), 'cut.gz')).toThrow(/cut\.gz.*gzip data is corrupt or truncated/);
    const bad = gz.slice();
    bad[bad.length - 6] ^= 0xff; // the CRC-32 in the trailer
    expect(() => maybeGunzip(bad, 'crc.gz')).toThrow(/crc\.gz.*corrupt/);
  });

  it('reads a header prefix without inflating the whole file', () => {
    let calls = 0;
    useHostGunzip((bytes, max) => {
      calls++;
      return nodeGunzip(bytes, max);
    });
    expect(gunzipPrefix(gz, 'a.gz', 16)).toEqual(payload.subarray(0, 16));
    expect(calls).toBe(0);
  });

  it("is installed by the CLI's Node host", () => {
    expect(currentHostGunzip()).toBeNull();
    nodeIo();
    expect(currentHostGunzip()).toBe(nodeGunzip);
  });
});
