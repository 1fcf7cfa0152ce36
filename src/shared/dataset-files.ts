/**
 * Imported dataset files as the project references them (path + SHA-256 + size, never the
 * bytes), and what main answers when asked to read them again. Shared by main and renderer.
 */
import { z } from 'zod';

/** Larger dataset files are refused before reading. */
export const MAX_DATASET_FILE_BYTES = 1_500_000_000;
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
