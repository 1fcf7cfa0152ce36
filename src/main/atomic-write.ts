/**
 * Atomic file replacement that keeps its promise: write a temporary file next to the real
 * target, fsync it, rename it over the target, then fsync the folder so the rename itself
 * survives a power cut. A failed write (permission, full disk) leaves the original untouched
 * and says why. Besides:
 * - a read-only file is refused, never silently replaced (a rename would ignore its mode);
 * - the file keeps its permissions (a 0600 project stays 0600, whatever the umask);
 * - a symlinked project is written through to its target: the link stays a link;
 * - a complete temporary file left by a crash between write and rename is found again
 *   (`recoverableTemp`) and offered back, or cleaned up, instead of lying there for ever.
 */
import { constants, promises as fs } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';

/** The temporary files of `target`: `.<name>.<12 hex>.tmp` in the same folder. */
function tempPattern(target: string): RegExp {
  const name = basename(target).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^\\.${name}\\.[0-9a-f]{12}\\.tmp$`);
}

/** The file a path names in the end (a symlinked project is saved into its target). */
async function realTarget(target: string): Promise<string> {
  try {
    return await fs.realpath(target);
  } catch {
    return target; // a new file
  }
}

export async function writeFileAtomic(path: string, text: string | Uint8Array): Promise<void> {
  let temp: string | null = null;
  let handle: fs.FileHandle | null = null;
  try {
    const target = await realTarget(path);
    const existing = await fs.stat(target).catch(() => null);
    if (existing && (existing.mode & 0o222) === 0) {
      throw Object.assign(new Error('read-only'), { code: 'EREADONLY' });
    }
    const mode = existing ? existing.mode & 0o7777 : 0o644;
    temp = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
    handle = await fs.open(temp, 'wx', mode);
    await handle.writeFile(text, 'utf8');
    await handle.chmod(mode); // the umask may have narrowed it at creation
    await handle.sync();
    await handle.close();
    handle = null;
    await fs.rename(temp, target);
    temp = null;
    await syncFolder(dirname(target));
  } catch (error) {
    await handle?.close().catch(() => undefined);
    if (temp) await fs.rm(temp, { force: true }).catch(() => undefined);
    throw new Error(`Could not save ${basename(path)}: ${describeFsError(error)}`, { cause: error });
  }
}

/** fsync of the folder, so the rename is on disk too (not possible, nor needed, on Windows). */
async function syncFolder(folder: string): Promise<void> {
  let dir: fs.FileHandle | null = null;
  try {
    dir = await fs.open(folder, constants.O_RDONLY);
    await dir.sync();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EINVAL' && code !== 'EACCES') throw error;
  } finally {
    await dir?.close().catch(() => undefined);
  }
}

export interface RecoverableTemp {
  path: string;
  text: string;
  modified: Date;
}

/**
 * A save of `target` that a crash interrupted between writing and renaming: the newest
 * temporary file that `isComplete` accepts and that is newer than the target (or the only
 * copy). Other temporary files of the target are deleted: they are incomplete or stale.
 */
export async function recoverableTemp(target: string, isComplete: (text: string) => boolean, maxBytes: number): Promise<RecoverableTemp | null> {
  const real = await realTarget(target);
  const folder = dirname(real);
  const pattern = tempPattern(real);
  const names = (await fs.readdir(folder).catch(() => [] as string[])).filter((name) => pattern.test(name));
  if (names.length === 0) return null;
  const targetTime = (await fs.stat(real).catch(() => null))?.mtimeMs ?? -Infinity;
  const candidates: RecoverableTemp[] = [];
  for (const name of names) {
    const path = join(folder, name);
    const stat = await fs.lstat(path).catch(() => null);
    if (!stat?.isFile() || stat.size > maxBytes) continue;
    const text = await fs.readFile(path, 'utf8').catch(() => null);
    if (text !== null && stat.mtimeMs > targetTime && isComplete(text)) candidates.push({ path, text, modified: stat.mtime });
  }
  candidates.sort((a, b) => b.modified.getTime() - a.modified.getTime());
  const best = candidates[0] ?? null;
  await Promise.all(
    names
      .map((name) => join(folder, name))
      .filter((path) => path !== best?.path)
      .map((path) => fs.rm(path, { force: true }).catch(() => undefined)),
  );
  return best;
}

export async function discardTemp(temp: RecoverableTemp): Promise<void> {
  await fs.rm(temp.path, { force: true }).catch(() => undefined);
}

export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'EREADONLY':
      return 'the file is read-only (Save As to keep your changes in another file).';
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
