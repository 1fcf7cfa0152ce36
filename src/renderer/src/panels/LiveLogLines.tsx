/**
 * A few lines on one log-scale y axis drawn on a <canvas> — the layer-health charts
 * while a run is live (Recharts re-rendering hundreds of SVG points five times a
 * second is what cost the Health tab its frame budget). Recharts, with tooltips,
 * takes over when the run pauses or ends.
 */
import { useEffect, useRef } from 'react';
import { sizedContext, useMeasuredWidth } from './canvas-surface';
import type { XY } from './cost-lines';
import { extent, linearScale, logScale } from './plot-scale';

export interface LogLine {
  name: string;
  colour: string;
  points: XY[];
}

const MARGIN = { top: 6, right: 8, bottom: 20, left: 48 };
const sci = (v: number) => (v === 0 ? '0' : Math.abs(v) >= 0.01 && Math.abs(v) < 1000 ? `${+v.toPrecision(2)}` : v.toExponential(0));

export function LiveLogLines({ lines, height, label }: { lines: LogLine[]; height: number; label: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [wrap, width] = useMeasuredWidth();

  useEffect(() => {
    const el = canvas.current;
    if (!el || width <= 0) return;
    const ctx = sizedContext(el, width, height);
    if (!ctx) return;
    const left = MARGIN.left,
      right = width - MARGIN.right,
      top = MARGIN.top,
      bottom = height - MARGIN.bottom;
    const all = lines.map((l) => l.points);
    const xs = all.flat().map((p) => p.x);
    if (xs.length === 0) return;
    const x = linearScale(Math.min(...xs), Math.max(...xs), left, right, 4);
    const [lo, hi] = extent(all.map((pts) => pts.filter((p) => p.y > 0)));
    const y = logScale(Number.isFinite(lo) ? lo : 1e-3, Number.isFinite(hi) ? hi : 1, bottom, top, 1e-12);

    ctx.font = '10px system-ui, sans-serif';
    ctx.fillStyle = getComputedStyle(el).color || '#666';
    ctx.strokeStyle = 'rgba(128,128,128,0.25)';
    ctx.setLineDash([3, 3]);
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    const step = Math.max(1, Math.ceil(y.ticks.length / 5));
    y.ticks.forEach((t, i) => {
      if (i % step !== 0) return;
      const py = Math.round(y.at(t)) + 0.5;
      ctx.beginPath();
      ctx.moveTo(left, py);
      ctx.lineTo(right, py);
      ctx.stroke();
      ctx.fillText(sci(t), left - 4, py);
    });
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    for (const t of x.ticks) {
      const px = x.at(t);
      if (px < left - 1 || px > right + 1) continue;
      ctx.fillText(t >= 10_000 ? `${+(t / 1000).toPrecision(3)}k` : String(t), px, bottom + 4);
    }
    ctx.setLineDash([]);
    ctx.lineWidth = 1.5;
    for (const line of lines) {
      ctx.strokeStyle = line.colour;
      ctx.beginPath();
      line.points.forEach((p, i) => (i === 0 ? ctx.moveTo(x.at(p.x), y.at(p.y)) : ctx.lineTo(x.at(p.x), y.at(p.y))));
      ctx.stroke();
    }
  }, [lines, width, height]);

  return (
    <div ref={wrap} style={{ height }}>
      <canvas ref={canvas} aria-label={`${label} (live)`} data-testid="live-health-canvas" style={{ width: '100%', height, display: 'block' }} />
    </div>
  );
}
