/**
 * Reading a file a user named (CLI arguments, Open Recent, a dropped file, argv, the OS):
 * only regular files, and only up to a size limit. A FIFO would block the read forever, and a
 * device or a symlink to /dev/zero never ends; both are refused before a byte is read. The
 * check is made on the opened descriptor (fstat), so swapping the path between check and read
 * does not get around it; the FIFO is opened non-blocking for that check.
 */
import { closeSync, constants, fstatSync, openSync, promises as fs, readSync, statSync, type Stats } from 'node:fs';
import { basename } from 'node:path';

/** Why a path is not a readable regular file (with `code` for callers that branch on it). */
export class FileRefused extends Error {
  override name = 'FileRefused';
  constructor(
    message: string,
    readonly code: 'ENOTREG' | 'ETOOBIG',
  ) {
    super(message);
  }
}

const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);

function kindOf(stat: Stats): string {
  if (stat.isFIFO()) return 'a named pipe (FIFO)';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  if (stat.isDirectory()) return 'a folder';
  if (stat.isSocket()) return 'a socket';
  return 'not a regular file';
}

function refuseUnlessRegular(path: string, stat: Stats, maxBytes: number): void {
  if (!stat.isFile()) throw new FileRefused(`${basename(path)} is ${kindOf(stat)}, not a regular file`, 'ENOTREG');
  if (stat.size > maxBytes) {
    throw new FileRefused(`${basename(path)} is too large (${(stat.size / 1e6).toFixed(1)} MB; at most ${(maxBytes / 1e6).toFixed(0)} MB)`, 'ETOOBIG');
  }
}

/** Reads the whole of a regular file of at most `maxBytes`; anything else throws (FileRefused or the fs error). */
export function readRegularFileSync(path: string, maxBytes: number): Uint8Array {
  refuseUnlessRegular(path, statSync(path), maxBytes);
  const fd = openSync(path, OPEN_FLAGS);
  try {
    const stat = fstatSync(fd);
    refuseUnlessRegular(path, stat, maxBytes);
    // One byte more than it says, so a file that grew past the limit since fstat is noticed.
    const buffer = new Uint8Array(Math.min(stat.size, maxBytes) + 1);
    let length = 0;
    for (let n; length < buffer.length && (n = readSync(fd, buffer, length, buffer.length - length, null)) > 0;) length += n;
    if (length > maxBytes) throw new FileRefused(`${basename(path)} grew beyond ${(maxBytes / 1e6).toFixed(0)} MB while it was read`, 'ETOOBIG');
    return buffer.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}

/** The same, asynchronously (main process). */
export async function readRegularFile(path: string, maxBytes: number): Promise<Uint8Array> {
  refuseUnlessRegular(path, await fs.stat(path), maxBytes);
  const handle = await fs.open(path, OPEN_FLAGS);
  try {
    const stat = await handle.stat();
    refuseUnlessRegular(path, stat, maxBytes);
    const buffer = new Uint8Array(Math.min(stat.size, maxBytes) + 1);
    let length = 0;
    for (let n; length < buffer.length && (n = (await handle.read(buffer, length, buffer.length - length, null)).bytesRead) > 0;) length += n;
    if (length > maxBytes) throw new FileRefused(`${basename(path)} grew beyond ${(maxBytes / 1e6).toFixed(0)} MB while it was read`, 'ETOOBIG');
    return buffer.subarray(0, length);
  } finally {
    await handle.close();
  }
}
