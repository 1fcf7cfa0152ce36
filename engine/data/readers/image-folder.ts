/**
 * Image folders: one subfolder per class (`cats/a.png`, `dogs/b.jpg`), decoded by a given
 * decoder, resized (bilinear) to H×W, grayscale or RGB, pixels in [0, 1]. Unreadable files are
 * listed in the warnings, not fatal; an empty folder or a single class is an error. No decoder
 * is imported here: the import worker passes the browser's (createImageBitmap).
 */
import type { Dataset } from '../dataset';
import { MAX_CLASSES, MAX_DATASET_VALUES, datasetSizeProblem } from '../../limits';
import { clip } from '../../text';
import { DataReadError, type ReadResult } from './errors';

export interface ImageFile {
  /** Relative path `class/file.png` (a leading folder is ignored when every path shares it). */
  path: string;
  bytes: Uint8Array;
}

export interface ImageFolderOptions {
  height: number;
  width: number;
  channels: 1 | 3;
}

export interface Rgba {
  width: number;
  height: number;
  data: Uint8Array;
}

/** Bilinear resize of RGBA into `out` (H×W×channels, [0, 1]) at `offset`. */
export function resizeInto(img: Rgba, opts: ImageFolderOptions, out: Float32Array, offset: number): void {
  const { height: H, width: W, channels: C } = opts;
  const sy = img.height / H;
  const sx = img.width / W;
  const px = (x: number, y: number, c: number) => img.data[(y * img.width + x) * 4 + c];
  for (let i = 0; i < H; i++) {
    const fy = Math.min(img.height - 1, Math.max(0, (i + 0.5) * sy - 0.5));
    const y0 = Math.floor(fy);
    const y1 = Math.min(img.height - 1, y0 + 1);
    const wy = fy - y0;
    for (let j = 0; j < W; j++) {
      const fx = Math.min(img.width - 1, Math.max(0, (j + 0.5) * sx - 0.5));
      const x0 = Math.floor(fx);
      const x1 = Math.min(img.width - 1, x0 + 1);
      const wx = fx - x0;
      const rgb = [0, 1, 2].map((c) => (px(x0, y0, c) * (1 - wx) + px(x1, y0, c) * wx) * (1 - wy) + (px(x0, y1, c) * (1 - wx) + px(x1, y1, c) * wx) * wy);
      const at = offset + (i * W + j) * C;
      if (C === 1) out[at] = (0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2]) / 255;
      else for (let c = 0; c < 3; c++) out[at + c] = rgb[c] / 255;
    }
  }
}

/**
 * Reads the folder, decoding with `decode` (in a browser worker: createImageBitmap and an
 * OffscreenCanvas, no Node Buffer needed) and reporting the fraction decoded.
 */
export async function readImageFolderAsync(
  files: ImageFile[],
  folder: string,
  opts: ImageFolderOptions,
  decode: (bytes: Uint8Array) => Promise<Rgba>,
  onProgress: (fraction: number) => void = () => undefined,
): Promise<ReadResult> {
  const { entries, warnings } = folderEntries(files, folder, opts);
  const decoded: Decoded[] = [];
  for (const [i, e] of entries.entries()) {
    try {
      decoded.push({ cls: e.cls, img: await decode(e.bytes) });
    } catch (error) {
      warnings.push(`${e.path}: unreadable (${(error as Error).message}); skipped`);
    }
    onProgress((i + 1) / entries.length);
  }
  return assemble(decoded, entries.length, folder, opts, warnings);
}

export interface Decoded {
  cls: string;
  img: Rgba;
}

/** Files sorted into classes by their first subfolder; files outside a class folder are listed, hidden files ignored. */
export function folderEntries(files: ImageFile[], folder: string, opts: ImageFolderOptions) {
  if (!(Number.isInteger(opts.height) && opts.height >= 1 && Number.isInteger(opts.width) && opts.width >= 1)) {
    throw new DataReadError(folder, `image size ${opts.height}×${opts.width} is not valid`);
  }
  let parts = files.map((f) => f.path.split(/[\\/]/).filter(Boolean));
  if (parts.length > 0 && parts.every((p) => p.length >= 3 && p[0] === parts[0][0])) parts = parts.map((p) => p.slice(1));
  const warnings: string[] = [];
  const entries: { cls: string; path: string; bytes: Uint8Array }[] = [];
  files.forEach((f, i) => {
    const p = parts[i];
    if (p.length < 2) return warnings.push(`${f.path}: not inside a class subfolder; skipped`);
    if (p[p.length - 1].startsWith('.')) return;
    entries.push({ cls: p[0], path: f.path, bytes: f.bytes });
  });
  if (entries.length === 0) throw new DataReadError(folder, 'is empty: expected one subfolder per class, each holding PNG or JPEG images');
  // The size the dataset will have, before a single image is decoded.
  const tooLarge = datasetSizeProblem(entries.length, opts.height * opts.width * opts.channels, MAX_DATASET_VALUES);
  if (tooLarge) throw new DataReadError(folder, tooLarge);
  return { entries, warnings };
}

export function assemble(decoded: Decoded[], tried: number, folder: string, opts: ImageFolderOptions, warnings: string[]): ReadResult {
  if (decoded.length === 0) throw new DataReadError(folder, `none of its ${tried} files could be read as PNG or JPEG`);
  const classNames = [...new Set(decoded.map((d) => d.cls))].sort();
  if (classNames.length < 2) throw new DataReadError(folder, `has only one class (${clip(classNames[0])}); put each class's images in its own subfolder`);
  if (classNames.length > MAX_CLASSES) throw new DataReadError(folder, `has ${classNames.length} class folders; Dendrite takes at most ${MAX_CLASSES} classes`);
  const n = opts.height * opts.width * opts.channels;
  const m = decoded.length;
  const x = new Float32Array(m * n);
  const y = new Float32Array(m);
  decoded.forEach((d, i) => {
    resizeInto(d.img, opts, x, i * n);
    y[i] = classNames.indexOf(d.cls);
  });
  const dataset: Dataset = { x, y, m, exampleShape: [opts.height, opts.width, opts.channels], numClasses: classNames.length, targetWidth: 1, classNames };
  return { dataset, warnings };
}
