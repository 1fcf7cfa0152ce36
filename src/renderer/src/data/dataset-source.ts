/**
 * Where an imported dataset came from, so a project can reference it (files by name, size,
 * SHA-256 and, on the desktop, path) and rebuild it on open with the same importer settings.
 */
import type { DatasetFileRef, DatasetSource, Importer } from '../../../shared/dataset-files';
import type { ReadResult } from '../../../../engine/data/readers/errors';
import { buildCsvDataset, parseTable } from '../../../../engine/data/readers/csv';
import { readBinaryFiles } from './binary-files';

export type { DatasetSource, Importer };

export interface NamedBytes {
  name: string;
  bytes: Uint8Array;
}

/** Runs the importer on the files' bytes: the same dataset the user imported, when the bytes are the same. */
export function importFiles(importer: Importer, files: NamedBytes[]): ReadResult {
  if (importer.kind === 'binary') return readBinaryFiles(files);
  if (files.length !== 1) throw new Error(`A CSV import reads one file; got ${files.length}.`);
  const table = parseTable(new TextDecoder().decode(files[0].bytes), files[0].name);
  return buildCsvDataset(table, { label: importer.label, task: importer.task, onBadRow: importer.onBadRow });
}

/** SHA-256 as 64 lowercase hex digits (Web Crypto: both hosts, and Node for tests). */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The reference a project keeps for bytes the user picked (no path: a browser never reveals one). */
export async function refOf(file: NamedBytes, path?: string): Promise<DatasetFileRef> {
  return { name: file.name, size: file.bytes.byteLength, sha256: await sha256Hex(file.bytes), ...(path ? { path } : {}) };
}
