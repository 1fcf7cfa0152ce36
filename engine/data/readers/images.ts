/**
 * Image folders read in Node (and by the CLI): PNG through pngjs, JPEG through jpeg-js. The
 * folder logic itself is in image-folder.ts, shared with the browser's import worker.
 */
import { PNG } from 'pngjs';
import jpeg from 'jpeg-js';
import type { ReadResult } from './errors';
import { assemble, folderEntries, type Decoded, type ImageFile, type ImageFolderOptions, type Rgba } from './image-folder';

export { readImageFolderAsync, resizeInto, type ImageFile, type ImageFolderOptions, type Rgba } from './image-folder';

/** PNG or JPEG (by signature) → RGBA pixels. */
export function decodeImage(bytes: Uint8Array): Rgba {
  if (bytes.length >= 8 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) {
    const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    return { width: png.width, height: png.height, data: new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.byteLength) };
  }
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) {
    const img = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxMemoryUsageInMB: 256 });
    return { width: img.width, height: img.height, data: img.data };
  }
  throw new Error('not a PNG or JPEG image');
}

export function readImageFolder(files: ImageFile[], folder: string, opts: ImageFolderOptions): ReadResult {
  const { entries, warnings } = folderEntries(files, folder, opts);
  const decoded: Decoded[] = [];
  for (const e of entries) {
    try {
      decoded.push({ cls: e.cls, img: decodeImage(e.bytes) });
    } catch (error) {
      warnings.push(`${e.path}: unreadable (${(error as Error).message}); skipped`);
    }
  }
  return assemble(decoded, entries.length, folder, opts, warnings);
}

