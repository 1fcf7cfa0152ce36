/**
 * Dataset files as main handles them. The user chooses them in a main-process dialog; main
 * reads them and answers with bytes, name, size and SHA-256, so a project can reference a
 * dataset by path and checksum instead of holding a copy. On reopening a project, the
 * renderer asks main to read the referenced paths again — paths that came through the
 * renderer, so main only reads those the user chose in its own dialog on this computer
 * (remembered in user data), and reports moved or changed files instead of failing.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { basename, isAbsolute, join } from 'node:path';
import { app, BrowserWindow, dialog } from 'electron';
import { writeFileAtomic } from './atomic-write';
import { readRegularFile } from '../../engine/node';
import {
  MAX_DATASET_FILE_BYTES,
  MAX_DATASET_FILES,
  MAX_DATASET_TOTAL_BYTES,
  datasetFileRefSchema,
  type DatasetFileRead,
  type RereadResult,
} from '../shared/dataset-files';

/** Paths remembered as chosen by the user (oldest forgotten first). */
export const MAX_KNOWN_PATHS = 500;

export type ChooseDatasetPaths = () => Promise<string[] | null>;

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** A regular file within the limit (a FIFO or a device is refused before a byte is read), hashed. */
export async function readDatasetFile(path: string): Promise<DatasetFileRead> {
  const name = basename(path);
  const stat = await fs.stat(path);
  if (stat.isFile() && stat.size > MAX_DATASET_FILE_BYTES)
    throw new Error(`${name} is too large to import (${(stat.size / 1e9).toFixed(1)} GB; the limit is 1.5 GB).`);
  const bytes = await readRegularFile(path, MAX_DATASET_FILE_BYTES);
  return { name, path, size: bytes.byteLength, sha256: sha256Hex(bytes), bytes };
}

/** Refuses, before reading anything, files that together could not cross IPC in one message. */
async function checkTotalSize(paths: string[]): Promise<void> {
  let total = 0;
  for (const path of paths) total += (await fs.stat(path).catch(() => null))?.size ?? 0;
  if (total > MAX_DATASET_TOTAL_BYTES) {
    throw new Error(`These files hold ${(total / 1e9).toFixed(2)} GB together; one import takes at most ${MAX_DATASET_TOTAL_BYTES / 1e9} GB.`);
  }
}

export class DatasetFiles {
  private known: string[] = [];
  private loaded = false;

  constructor(
    private readonly choose: ChooseDatasetPaths,
    /** JSON list of the paths the user chose, in user data. */
    private readonly knownFile: string,
  ) {}

  /** The dialog, then every chosen file read and hashed; null when cancelled. */
  async open(): Promise<DatasetFileRead[] | null> {
    const paths = await this.choose();
    if (!paths || paths.length === 0) return null;
    if (paths.length > MAX_DATASET_FILES) throw new Error(`Choose at most ${MAX_DATASET_FILES} files at once (${paths.length} chosen).`);
    await checkTotalSize(paths);
    const files: DatasetFileRead[] = [];
    for (const path of paths) files.push(await readDatasetFile(path).catch((error) => Promise.reject(describe(path, error))));
    await this.remember(paths);
    return files;
  }

  /** Reads referenced files again (payload from the renderer, validated here). */
  async reread(payload: unknown): Promise<RereadResult[]> {
    if (!Array.isArray(payload) || payload.length === 0 || payload.length > MAX_DATASET_FILES) throw new Error('invalid dataset references');
    const refs = payload.map((item, i) => {
      const parsed = datasetFileRefSchema.safeParse(item);
      if (!parsed.success) throw new Error(`invalid dataset reference ${i}`);
      return parsed.data;
    });
    await this.load();
    await checkTotalSize(refs.map((r) => r.path).filter((p): p is string => !!p && this.known.includes(p)));
    const results: RereadResult[] = [];
    for (const ref of refs) {
      const path = ref.path;
      if (!path || !isAbsolute(path) || path.includes('\0') || !this.known.includes(path)) {
        results.push({ status: 'unknown', name: ref.name });
        continue;
      }
      try {
        const file = await readDatasetFile(path);
        results.push({ status: file.sha256 === ref.sha256 && file.size === ref.size ? 'ok' : 'changed', file });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') results.push({ status: 'missing', name: ref.name });
        else throw describe(path, error);
      }
    }
    return results;
  }

  private async load(): Promise<void> {
    if (this.loaded) return;
    this.loaded = true;
    try {
      const json: unknown = JSON.parse(await fs.readFile(this.knownFile, 'utf8'));
      this.known = Array.isArray(json) ? json.filter((p): p is string => typeof p === 'string' && isAbsolute(p)).slice(-MAX_KNOWN_PATHS) : [];
    } catch {
      this.known = [];
    }
  }

  private async remember(paths: string[]): Promise<void> {
    await this.load();
    this.known = [...this.known.filter((p) => !paths.includes(p)), ...paths].slice(-MAX_KNOWN_PATHS);
    // A convenience for reopening: failing to persist it must not fail the import.
    await writeFileAtomic(this.knownFile, `${JSON.stringify(this.known, null, 2)}\n`).catch(() => undefined);
  }
}

function describe(path: string, error: unknown): Error {
  const code = (error as NodeJS.ErrnoException).code;
  const name = basename(path);
  if (code === 'ENOENT') return new Error(`Could not read ${name}: it was moved or deleted.`);
  if (code === 'EACCES' || code === 'EPERM') return new Error(`Could not read ${name}: permission denied.`);
  return error instanceof Error && error.message.includes(name) ? error : new Error(`Could not read ${name}: ${(error as Error).message}`);
}

/** The main-process dialog for dataset files (any file: the renderer's readers decide what they are). */
export function datasetDialog(parent: () => BrowserWindow | null): ChooseDatasetPaths {
  return async () => {
    const options = {
      title: 'Import dataset files',
      properties: ['openFile' as const, 'multiSelections' as const],
      filters: [
        { name: 'Datasets', extensions: ['csv', 'tsv', 'txt', 'gz', 'bin', 'idx', 'ubyte', 'h5', 'hdf5', 'png', 'jpg', 'jpeg'] },
        { name: 'All files', extensions: ['*'] },
      ],
    };
    const window = parent();
    const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
    return result.canceled ? null : result.filePaths;
  };
}

/** The app's instance: the focused window's dialog, the remembered paths in user data. */
export function createDatasetFiles(): DatasetFiles {
  return new DatasetFiles(
    datasetDialog(() => BrowserWindow.getFocusedWindow()),
    join(app.getPath('userData'), 'dataset-files.json'),
  );
}
