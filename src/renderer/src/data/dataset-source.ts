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

/** The reference a project keeps for bytes the user picked (no path: a browser never reveals one). */
export async function refOf(file: NamedBytes, path?: string): Promise<DatasetFileRef> {
  return { name: file.name, size: file.bytes.byteLength, sha256: await sha256Hex(file.bytes), ...(path ? { path } : {}) };
}
