/**
 * A small image of a matrix (rows × cols, row-major, from `offset` with strides), one pixel per
 * value drawn on a canvas and scaled up without smoothing. The numbers are in its tooltip.
 */
import { useEffect, useRef } from 'react';
import { colourOf, type Scale } from './colour';

export interface HeatmapProps {
  values: ArrayLike<number>;
  rows: number;
  cols: number;
  /** Index of (r, c) = offset + r·rowStride + c·colStride. */
  offset?: number;
  rowStride?: number;
  colStride?: number;
  scale: Scale;
  limit: number;
  low?: number;
  /** Displayed size of one value, in CSS pixels. */
  cell: number;
  label: string;
}

export function Heatmap({ values, rows, cols, offset = 0, rowStride = cols, colStride = 1, scale, limit, low = 0, cell, label }: HeatmapProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const context = canvas.current?.getContext('2d');
    if (!context) return;
    const image = context.createImageData(cols, rows);
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        const [red, green, blue] = colourOf(values[offset + r * rowStride + c * colStride], scale, limit, low);
        const at = (r * cols + c) * 4;
        image.data[at] = red;
        image.data[at + 1] = green;
        image.data[at + 2] = blue;
        image.data[at + 3] = 255;
      }
    }
    context.putImageData(image, 0, 0);
  }, [values, rows, cols, offset, rowStride, colStride, scale, limit, low]);
  return (
    <canvas ref={canvas} className="heatmap" width={cols} height={rows} style={{ width: cols * cell, height: rows * cell }} role="img" aria-label={label} />
  );
}
