/**
 * Where an imported dataset came from, so a project can reference it (files by name, size,
 * SHA-256 and, on the desktop, path) and rebuild it on open with the same importer settings.
 */
import type { DatasetFileRef, DatasetSource, Importer } from '../../../shared/dataset-files';
import type { NamedBytes } from './import-job';

export type { DatasetSource, Importer, NamedBytes };

/** SHA-256 as 64 lowercase hex digits (Web Crypto: both hosts, and Node for tests). */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * An image folder's reference: its name, total size, and the SHA-256 of one line per file
 * (path, size, SHA-256) in path order — any added, removed, renamed or edited image changes it.
 */
export async function folderRef(folder: string, files: NamedBytes[]): Promise<DatasetFileRef> {
  const lines = await Promise.all(files.map(async (f) => `${f.name}\t${f.bytes.byteLength}\t${await sha256Hex(f.bytes)}\n`));
  lines.sort();
  const size = files.reduce((sum, f) => sum + f.bytes.byteLength, 0);
  return { name: folder, size, sha256: await sha256Hex(new TextEncoder().encode(lines.join(''))) };
}

/** The reference a project keeps for bytes the user picked (no path: a browser never reveals one). */
export async function refOf(file: NamedBytes, path?: string): Promise<DatasetFileRef> {
  return { name: file.name, size: file.bytes.byteLength, sha256: await sha256Hex(file.bytes), ...(path ? { path } : {}) };
}
