/**
 * PNG fixtures for image-folder tests. The app decodes images in the browser (createImageBitmap in
 * the import worker), which Node lacks; here pngjs stands in for it, PNG only.
 */
import { PNG } from 'pngjs';
import type { Rgba } from '../../engine/data/readers/image-folder';

/** A w×h PNG filled with one colour. */
export function solidPng(w: number, h: number, rgb: readonly [number, number, number]): Uint8Array {
  const img = new PNG({ width: w, height: h });
  for (let i = 0; i < w * h; i++) img.data.set([...rgb, 255], i * 4);
  return new Uint8Array(PNG.sync.write(img));
}

/** The decoder the import worker gets from the browser, for PNG bytes. */
export async function decodePng(bytes: Uint8Array): Promise<Rgba> {
  const isPng = bytes.length >= 8 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47;
  if (!isPng) throw new Error('not a PNG image');
  const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  return { width: png.width, height: png.height, data: new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.byteLength) };
}
