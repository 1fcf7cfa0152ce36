/**
 * Import jobs as plain data (posted to the import worker) and the helpers the UI thread needs.
 * Nothing here imports a reader, so the main bundle stays free of them; they live in
 * import-jobs.ts, which only the worker loads.
 */
import type { Dataset, ImageFile, ImageFolderOptions } from '../../../../engine/data';
import type { DatasetFileRef, Importer } from '../../../shared/dataset-files';

export interface NamedBytes {
  name: string;
  bytes: Uint8Array;
}

/** A file the user picked (or main re-read), with the reference a project keeps for it. */
export interface PickedFile extends NamedBytes {
  ref: DatasetFileRef;
}

export type ImportJob =
  | { kind: 'binary'; files: NamedBytes[] }
  | { kind: 'csv'; file: NamedBytes; options: Extract<Importer, { kind: 'csv' }> }
  | { kind: 'hdf5'; file: NamedBytes }
  | ({ kind: 'images'; folder: string; files: ImageFile[] } & ImageFolderOptions);

export interface ImportOutcome {
  dataset: Dataset;
  warnings: string[];
  /** A short name for the toolbar. */
  label: string;
}

/** Parse a CSV/TSV into its table (header, rows, line numbers) for the interactive import. */
export interface TableJob {
  kind: 'csv-table';
  file: NamedBytes;
}

/** The job that rebuilds a dataset from its files with the importer a project recorded. */
export function jobFor(importer: Importer, files: NamedBytes[]): ImportJob {
  if (importer.kind === 'binary') return { kind: 'binary', files };
  if (importer.kind === 'images') {
    // Image files are named by their path inside the picked folder (class/file.png).
    const folder = files[0]?.name.split('/')[0] ?? 'folder';
    const { height, width, channels } = importer;
    return { kind: 'images', folder, files: files.map((f) => ({ path: f.name, bytes: f.bytes })), height, width, channels };
  }
  if (files.length !== 1) throw new Error(`A ${importer.kind.toUpperCase()} import reads one file; got ${files.length}.`);
  return importer.kind === 'csv' ? { kind: 'csv', file: files[0], options: importer } : { kind: 'hdf5', file: files[0] };
}

/** The buffers a job's message can hand over instead of copying (the caller must not use them afterwards). */
export function transferablesOf(job: ImportJob): ArrayBuffer[] {
  const bytes = job.kind === 'binary' || job.kind === 'images' ? job.files.map((f) => f.bytes) : [job.file.bytes];
  // A view of part of a buffer cannot be handed over alone; those are copied.
  return [...new Set(bytes.filter((b) => b.byteOffset === 0 && b.byteLength === b.buffer.byteLength).map((b) => b.buffer as ArrayBuffer))];
}
