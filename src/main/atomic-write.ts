/**
 * Atomic file replacement: write a temporary file in the same folder, fsync it,
 * then rename it over the target. A failed write (permission, full disk) leaves the
 * original untouched and says why.
 */
import { promises as fs } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';

export async function writeFileAtomic(target: string, text: string | Uint8Array): Promise<void> {
  const temp = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  let handle: fs.FileHandle | null = null;
  try {
    handle = await fs.open(temp, 'wx', 0o644);
    await handle.writeFile(text, 'utf8');
    await handle.sync();
    await handle.close();
    handle = null;
    await fs.rename(temp, target);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw new Error(`Could not save ${basename(target)}: ${describeFsError(error)}`);
  }
}

export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied (choose another folder, or check the file is not read-only).';
    case 'ENOSPC':
      return 'the disk is full.';
    case 'ENOENT':
      return 'the folder does not exist.';
    case 'EROFS':
      return 'the disk is read-only.';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
