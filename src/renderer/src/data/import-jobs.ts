/**
 * Running import jobs: decoding IDX / CIFAR-10 / HDF5 files, CSV, and image folders. Loaded
 * by the import worker (import-worker.ts); run with injected decoders so Node tests run
 * exactly the worker's code.
 */
import {
  buildCsvDataset,
  buildTaskDataset,
  decodeText,
  type H5Module,
  parseTable,
  readHdf5Bytes,
  readImageFolderAsync,
  type Rgba,
} from '../../../../engine/data';
import { readBinaryFiles } from './binary-files';
import type { ImportJob, ImportOutcome } from './import-job';

export { jobFor, transferablesOf, type ImportJob, type ImportOutcome, type NamedBytes } from './import-job';

export interface ImportDeps {
  decodeImage(bytes: Uint8Array): Promise<Rgba>;
  hdf5(): Promise<H5Module>;
  progress(fraction: number): void;
  /** Where h5wasm may write the bytes (its in-memory file system in a browser; a temp path in Node). */
  scratchPath?(): string;
}

let scratchCounter = 0;

export async function runImportJob(job: ImportJob, deps: ImportDeps): Promise<ImportOutcome> {
  switch (job.kind) {
    case 'binary': {
      const { label, ...result } = readBinaryFiles(job.files);
      return { ...result, label };
    }
    case 'csv': {
      const table = parseTable(decodeText(job.file.bytes, job.file.name), job.file.name);
      const { options } = job;
      const result = options.labels
        ? buildTaskDataset(table, options.labels)
        : buildCsvDataset(table, { label: options.label, task: options.task, onBadRow: options.onBadRow });
      return { dataset: result.dataset, warnings: result.warnings, label: job.file.name };
    }
    case 'hdf5': {
      const h5 = await deps.hdf5();
      const scratch = deps.scratchPath?.() ?? `/import-${(scratchCounter += 1)}.h5`;
      const result = readHdf5Bytes(h5, job.file.bytes, job.file.name, scratch);
      return { ...result, label: job.file.name.replace(/\.(h5|hdf5)$/i, '') };
    }
    case 'images': {
      const { folder, files, height, width, channels } = job;
      const result = await readImageFolderAsync(files, folder, { height, width, channels }, deps.decodeImage, deps.progress);
      return { ...result, label: folder };
    }
  }
}
