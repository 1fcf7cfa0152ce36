/**
 * Imported dataset files as the project references them (path + SHA-256 + size, never the
 * bytes), and what main answers when asked to read them again. Shared by main and renderer.
 */
import { z } from 'zod';

/** Larger dataset files are refused before reading. */
export const MAX_DATASET_FILE_BYTES = 1_500_000_000;
/**
 * All the files of one import together: they cross IPC in one message, and Electron's IPC
 * fails on messages of a few hundred MB to 2 GB, so a larger import gets a clear refusal instead.
 */
export const MAX_DATASET_TOTAL_BYTES = 1_000_000_000;
/** Files per import (an IDX pair, CIFAR-10's six batches). */
export const MAX_DATASET_FILES = 16;

export const datasetFileRefSchema = z.object({
  name: z.string().min(1).max(300),
  /** Absolute path, desktop only (the web host cannot re-read by path). */
  path: z.string().min(1).max(4096).optional(),
  size: z.number().int().min(0).max(MAX_DATASET_FILE_BYTES),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 lowercase hex digits'),
});
export type DatasetFileRef = z.infer<typeof datasetFileRefSchema>;

/** A file read for the renderer: its reference and its bytes. */
export interface DatasetFileRead extends DatasetFileRef {
  bytes: Uint8Array;
}

/**
 * Reading a referenced file again: 'ok' (same checksum), 'changed' (read, but the checksum
 * differs), 'missing' (moved or deleted), 'unknown' (a path never chosen in a dialog on this
 * computer: main will not read it until the user locates the file).
 */
export type RereadResult =
  | { status: 'ok'; file: DatasetFileRead }
  | { status: 'changed'; file: DatasetFileRead }
  | { status: 'missing'; name: string }
  | { status: 'unknown'; name: string };

/** How an imported dataset was read, so it can be read again the same way. */
export const importerSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('binary') }),
  z.object({ kind: z.literal('hdf5') }),
  // An image folder is referenced as one entry: the folder's name, total size, and a digest of its files' paths and checksums.
  z.object({
    kind: z.literal('images'),
    height: z.number().int().min(1).max(256),
    width: z.number().int().min(1).max(256),
    channels: z.union([z.literal(1), z.literal(3)]),
  }),
  z.object({
    kind: z.literal('csv'),
    label: z.number().int().min(0).max(100_000),
    task: z.enum(['auto', 'classification', 'regression']),
    onBadRow: z.enum(['drop', 'stop']),
    // Multi-task: several yes/no label columns (engine/tasks/csv.ts); `label` is then the first.
    labels: z.array(z.number().int().min(0).max(100_000)).min(2).max(1000).optional(),
  }),
]);
export type Importer = z.infer<typeof importerSchema>;

/** An imported dataset as a project references it: the importer, its label, and its files. */
export const datasetSourceSchema = z.object({
  importer: importerSchema,
  label: z.string().min(1).max(300),
  files: z.array(datasetFileRefSchema).min(1).max(MAX_DATASET_FILES),
});
export type DatasetSource = z.infer<typeof datasetSourceSchema>;
