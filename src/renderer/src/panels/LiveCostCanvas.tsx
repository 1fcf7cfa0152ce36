/**
 * The cost chart while a run is live: the same lines as the Recharts chart drawn on
 * one <canvas> (no SVG nodes, no React reconciliation per point), so a redraw costs
 * well under a millisecond and the renderer keeps its frame budget. The full
 * interactive chart (tooltips) replaces it when the run pauses or ends.
 */
import { useEffect, useRef } from 'react';
import { formatTick } from './format-number';
import { sizedContext, useMeasuredWidth } from './canvas-surface';
import type { CostLines, XY } from './cost-lines';
import { extent, linearScale, logScale as logScaleOf, type Scale } from './plot-scale';

export const LIVE_CHART_HEIGHT = 240;
const MARGIN = { top: 8, right: 44, bottom: 28, left: 52 };

export const LINE_COLOURS = {
  cost: 'var(--accent)',
  smooth: '#e67e22',
  trainCost: '#2e86de',
  devCost: '#c0392b',
  trainError: '#27ae60',
  devError: '#8e44ad',
  trainDevError: '#b8860b',
  learningRate: '#7f8c8d',
} as const;

/** Resolves a CSS colour (custom properties included) against the canvas element. */
function resolveColour(el: HTMLElement, colour: string): string {
  if (!colour.startsWith('var(')) return colour;
  const name = colour.slice(4, -1).trim();
  return getComputedStyle(el).getPropertyValue(name).trim() || '#3b82f6';
}

function drawLine(ctx: CanvasRenderingContext2D, xs: Scale, ys: Scale, points: XY[], colour: string, width: number, dash: number[], alpha = 1): void {
  if (points.length === 0) return;
  ctx.save();
  ctx.strokeStyle = colour;
  ctx.globalAlpha = alpha;
  ctx.lineWidth = width;
  ctx.setLineDash(dash);
  ctx.beginPath();
  let pen = false;
  for (const p of points) {
    if (!Number.isFinite(p.y)) {
      pen = false;
      continue;
    }
    const x = xs.at(p.x);
    const y = ys.at(p.y);
    if (pen) ctx.lineTo(x, y);
    else ctx.moveTo(x, y);
    pen = true;
  }
  ctx.stroke();
  ctx.restore();
}

export function LiveCostCanvas({ lines, logScale, beta }: { lines: CostLines; logScale: boolean; beta: number }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  /** Text and accent colours, read once per size change: getComputedStyle on every redraw forces a style recalc. */
  const colours = useRef<{ text: string; accent: string } | null>(null);
  const [wrap, width] = useMeasuredWidth(() => (colours.current = null));

  useEffect(() => {
    const el = canvas.current;
    if (!el || width <= 0) return;
    const height = LIVE_CHART_HEIGHT;
    const ctx = sizedContext(el, width, height);
    if (!ctx) return;

    const left = MARGIN.left;
    const right = width - MARGIN.right;
    const top = MARGIN.top;
    const bottom = height - MARGIN.bottom;
    const costSeries = [lines.cost, lines.smooth, lines.trainCost, lines.devCost];
    const xMax = Math.max(1, ...costSeries.map((s) => (s.length ? s[s.length - 1].x : 0)));
    const xs = linearScale(0, xMax, left, right, 5, true);
    const [lo, hi] = extent(costSeries);
    const ys = logScale ? logScaleOf(lo, hi, bottom, top) : linearScale(Number.isFinite(lo) ? lo : 0, Number.isFinite(hi) ? hi : 1, bottom, top, 5, true);
    const errors = linearScale(0, 1, bottom, top, 4, true);

    if (!colours.current) colours.current = { text: getComputedStyle(el).color || '#666', accent: resolveColour(el, LINE_COLOURS.cost) };
    const { text, accent } = colours.current;
    ctx.font = '11px system-ui, sans-serif';
    ctx.fillStyle = text;
    ctx.strokeStyle = 'rgba(128,128,128,0.25)';
    ctx.lineWidth = 1;
    ctx.setLineDash([3, 3]);
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    for (const t of ys.ticks) {
      const y = Math.round(ys.at(t)) + 0.5;
      if (y < top - 1 || y > bottom + 1) continue;
      ctx.beginPath();
      ctx.moveTo(left, y);
      ctx.lineTo(right, y);
      ctx.stroke();
      ctx.fillText(formatTick(t), left - 4, y);
    }
    ctx.textAlign = 'left';
    for (const t of [0, 0.25, 0.5, 0.75, 1]) ctx.fillText(`${Math.round(t * 100)}%`, right + 4, errors.at(t));
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    for (const t of xs.ticks) {
      const x = Math.round(xs.at(t)) + 0.5;
      if (x > right + 1) continue;
      ctx.beginPath();
      ctx.moveTo(x, top);
      ctx.lineTo(x, bottom);
      ctx.stroke();
      ctx.fillText(formatTick(t), x, bottom + 4);
    }
    ctx.setLineDash([]);

    drawLine(ctx, xs, ys, lines.cost, accent, beta > 0 ? 1 : 2, [], beta > 0 ? 0.35 : 1);
    drawLine(ctx, xs, ys, lines.smooth, LINE_COLOURS.smooth, 2, []);
    drawLine(ctx, xs, ys, lines.trainCost, LINE_COLOURS.trainCost, 1, [4, 2]);
    drawLine(ctx, xs, ys, lines.devCost, LINE_COLOURS.devCost, 1, [4, 2]);
    drawLine(ctx, xs, errors, lines.trainError, LINE_COLOURS.trainError, 1, []);
    drawLine(ctx, xs, errors, lines.devError, LINE_COLOURS.devError, 1, []);
    drawLine(ctx, xs, errors, lines.trainDevError, LINE_COLOURS.trainDevError, 1, [2, 2]);
    if (lines.learningRate.length) {
      const [lrLo, lrHi] = extent([lines.learningRate]);
      drawLine(ctx, xs, linearScale(lrLo, lrHi, bottom, top, 4, true), lines.learningRate, LINE_COLOURS.learningRate, 1, [1, 3]);
    }
  }, [lines, logScale, beta, width]);

  return (
    <div ref={wrap} className="live-cost" style={{ height: LIVE_CHART_HEIGHT }}>
      <canvas
        ref={canvas}
        data-testid="live-cost-canvas"
        style={{ width: '100%', height: LIVE_CHART_HEIGHT, display: 'block' }}
        aria-label="Cost against iteration (live)"
      />
    </div>
  );
}
