/** The decision boundary of a 2-D classifier as a heatmap, with the training points on top. */
import { useEffect, useRef } from 'react';
import type { BoundaryGrid } from '../../../../engine/protocol';

const CLASS_COLOURS: [number, number, number][] = [
  [214, 69, 65],
  [52, 120, 198],
  [46, 160, 90],
  [230, 150, 40],
  [142, 68, 173],
  [90, 90, 90],
];

export const classColour = (c: number, alpha = 1) => {
  const [r, g, b] = CLASS_COLOURS[c % CLASS_COLOURS.length];
  return `rgba(${r}, ${g}, ${b}, ${alpha})`;
};

/** Blends class 0's and class 1's colours by P(class 1). */
function probabilityColour(p: number): [number, number, number] {
  const [r0, g0, b0] = CLASS_COLOURS[0];
  const [r1, g1, b1] = CLASS_COLOURS[1];
  const t = Math.min(1, Math.max(0, p));
  const mix = (a: number, b: number) => Math.round(255 - (255 - (a + (b - a) * t)) * (0.25 + 0.5 * Math.abs(t - 0.5)));
  return [mix(r0, r1), mix(g0, g1), mix(b0, b1)];
}

export function BoundaryCanvas({ grid, threshold = 0.5, size = 300 }: { grid: BoundaryGrid; threshold?: number; size?: number }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const n = grid.size;
    const image = ctx.createImageData(n, n);
    for (let r = 0; r < n; r++) {
      for (let c = 0; c < n; c++) {
        const v = grid.values[r * n + c];
        let rgb: [number, number, number];
        if (grid.valueKind === 'probability') {
          // Shift so the colour change sits at the threshold.
          const shifted = v >= threshold ? 0.5 + ((v - threshold) / Math.max(1e-9, 1 - threshold)) * 0.5 : (v / Math.max(1e-9, threshold)) * 0.5;
          rgb = probabilityColour(shifted);
        } else {
          const [cr, cg, cb] = CLASS_COLOURS[v % CLASS_COLOURS.length];
          rgb = [Math.round(255 - (255 - cr) * 0.35), Math.round(255 - (255 - cg) * 0.35), Math.round(255 - (255 - cb) * 0.35)];
        }
        // Row 0 is yMin: draw it at the bottom.
        const at = 4 * ((n - 1 - r) * n + c);
        image.data[at] = rgb[0];
        image.data[at + 1] = rgb[1];
        image.data[at + 2] = rgb[2];
        image.data[at + 3] = 255;
      }
    }
    const off = document.createElement('canvas');
    off.width = n;
    off.height = n;
    off.getContext('2d')!.putImageData(image, 0, 0);
    ctx.imageSmoothingEnabled = true;
    ctx.clearRect(0, 0, size, size);
    ctx.drawImage(off, 0, 0, size, size);
    const points = grid.points;
    if (points) {
      const sx = size / (grid.xMax - grid.xMin);
      const sy = size / (grid.yMax - grid.yMin);
      for (let i = 0; i < points.x.length; i++) {
        ctx.beginPath();
        ctx.arc((points.x[i] - grid.xMin) * sx, size - (points.y[i] - grid.yMin) * sy, 2.6, 0, 2 * Math.PI);
        ctx.fillStyle = classColour(points.label[i]);
        ctx.fill();
        ctx.lineWidth = 0.8;
        ctx.strokeStyle = 'rgba(255,255,255,0.9)';
        ctx.stroke();
      }
    }
  }, [grid, threshold, size]);
  return <canvas ref={ref} width={size} height={size} className="boundary" data-testid="boundary-canvas" aria-label="Decision boundary" />;
}
