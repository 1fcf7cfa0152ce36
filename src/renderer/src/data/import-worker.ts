/**
 * The import worker: runs one ImportJob off the UI thread and posts back progress, then the
 * dataset with its arrays transferred (not copied). Images decode with createImageBitmap and
 * an OffscreenCanvas; HDF5 through h5wasm's browser build.
 */
/// <reference lib="webworker" />
import { runImportJob, type ImportJob } from './import-jobs';
import type { TableJob } from './import-job';
import { decodeText, type H5Module, parseTable, type Rgba } from '../../../../engine/data';

declare const self: DedicatedWorkerGlobalScope;

async function decodeImage(bytes: Uint8Array): Promise<Rgba> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(new Blob([bytes as Uint8Array<ArrayBuffer>]));
  } catch {
    throw new Error('not a PNG or JPEG image');
  }
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const ctx = canvas.getContext('2d')!;
  ctx.drawImage(bitmap, 0, 0);
  bitmap.close();
  const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
  return { width: canvas.width, height: canvas.height, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
}

async function hdf5(): Promise<H5Module> {
  const h5wasm = await import('h5wasm');
  const module = await h5wasm.ready;
  return { FS: module.FS as unknown as H5Module['FS'], File: h5wasm.File as unknown as H5Module['File'] };
}

self.onmessage = async (event: MessageEvent<ImportJob | TableJob>) => {
  try {
    const job = event.data;
    if (job.kind === 'csv-table') {
      // Parsing (papaparse) is the slow part of a big CSV; the preview and options work on the table.
      self.postMessage({ type: 'table', table: parseTable(decodeText(job.file.bytes, job.file.name), job.file.name) });
      return;
    }
    const outcome = await runImportJob(job, { decodeImage, hdf5, progress: (fraction) => self.postMessage({ type: 'progress', fraction }) });
    const { x, y } = outcome.dataset;
    self.postMessage({ type: 'done', outcome }, [x.buffer as ArrayBuffer, y.buffer as ArrayBuffer]);
  } catch (error) {
    self.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
};
