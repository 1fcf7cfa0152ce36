import type { FloatArray } from '../kernels';

/**
 * dst[dstOffset + r·dstStride + c] = src[srcOffset + r·srcStride + c] for r < rows, c < cols:
 * a block of rows copied between two row-major buffers of different widths (concatenation's
 * channel slices, a pool's zero- or −∞-padded input).
 */
export function copyBlock(
  src: FloatArray,
  srcOffset: number,
  srcStride: number,
  dst: FloatArray,
  dstOffset: number,
  dstStride: number,
  rows: number,
  cols: number,
): void {
  if (srcStride === cols && dstStride === cols) {
    dst.set(src.subarray(srcOffset, srcOffset + rows * cols), dstOffset);
    return;
  }
  for (let r = 0; r < rows; r++) {
    const from = srcOffset + r * srcStride;
    const to = dstOffset + r * dstStride;
    for (let c = 0; c < cols; c++) dst[to + c] = src[from + c];
  }
}
