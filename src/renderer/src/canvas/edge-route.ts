/**
 * The path of one wire. Straight (React Flow's bezier) when nothing is in its way; otherwise it
 * leaves the source, turns into the nearest free horizontal channel above or below the layers in
 * between, and comes back down to the target — so a residual skip never runs hidden behind the
 * block it skips, and a wire from the end of one row to the start of the next goes round the rows.
 * Pure: tested directly.
 */

export interface Point {
  x: number;
  y: number;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The horizontal run out of the source and into the target before turning. */
const STUB = 20;
/** How far a channel keeps from the layers it passes. */
const CLEARANCE = 18;
const CORNER = 8;
/** React Flow's default bezier curvature (getBezierPath). */
const CURVATURE = 0.25;

function controlOffset(distance: number): number {
  return distance >= 0 ? 0.5 * distance : CURVATURE * 25 * Math.sqrt(-distance);
}

/** Points along the bezier React Flow draws from a right-hand source handle to a left-hand target. */
export function bezierSamples(s: Point, t: Point, count = 32): Point[] {
  const c1 = { x: s.x + controlOffset(t.x - s.x), y: s.y };
  const c2 = { x: t.x - controlOffset(t.x - s.x), y: t.y };
  return Array.from({ length: count + 1 }, (_, i) => {
    const u = i / count;
    const v = 1 - u;
    return {
      x: v * v * v * s.x + 3 * v * v * u * c1.x + 3 * v * u * u * c2.x + u * u * u * t.x,
      y: v * v * v * s.y + 3 * v * v * u * c1.y + 3 * v * u * u * c2.y + u * u * u * t.y,
    };
  });
}

const inside = (p: Point, r: Rect, margin: number) => p.x > r.x - margin && p.x < r.x + r.width + margin && p.y > r.y - margin && p.y < r.y + r.height + margin;

/** Whether an axis-aligned segment passes through a rectangle (grown by `margin`). */
function segmentHits(a: Point, b: Point, r: Rect, margin: number): boolean {
  const x0 = Math.min(a.x, b.x);
  const x1 = Math.max(a.x, b.x);
  const y0 = Math.min(a.y, b.y);
  const y1 = Math.max(a.y, b.y);
  return x1 > r.x - margin && x0 < r.x + r.width + margin && y1 > r.y - margin && y0 < r.y + r.height + margin;
}

export type Route = { kind: 'bezier' } | { kind: 'around'; points: Point[] };

/**
 * `obstacles`: every node but the wire's own two. Returns the bezier when it is clear of them,
 * else the shortest clear path with a horizontal channel between two vertical turns.
 */
export function routeEdge(source: Point, target: Point, obstacles: readonly Rect[]): Route {
  // A wire back to the left (the end of one row to the start of the next) always goes round:
  // React Flow's bezier for it is a wide S across everything between.
  const backwards = target.x < source.x + STUB;
  const samples = bezierSamples(source, target);
  if (!backwards && !obstacles.some((r) => samples.some((p) => inside(p, r, 4)))) return { kind: 'bezier' };
  const x1 = source.x + STUB;
  const x2 = target.x - STUB;
  const left = Math.min(x1, x2);
  const right = Math.max(x1, x2);
  const candidates = new Set<number>([source.y, target.y]);
  for (const r of obstacles) {
    if (r.x + r.width < left - CLEARANCE || r.x > right + CLEARANCE) continue;
    candidates.add(r.y - CLEARANCE - 2);
    candidates.add(r.y + r.height + CLEARANCE + 2);
  }
  let best: { length: number; points: Point[] } | null = null;
  for (const y of candidates) {
    const points = [source, { x: x1, y: source.y }, { x: x1, y }, { x: x2, y }, { x: x2, y: target.y }, target];
    const clear = points.slice(1).every((p, i) => !obstacles.some((r) => segmentHits(points[i]!, p, r, CLEARANCE / 2)));
    if (!clear) continue;
    // Any channel between the two ends is as long as any other; a wire going down to the next row
    // takes the channel nearest its target, one going back takes the one nearest its source, so a
    // skip and a row's return wire passing the same gap do not run on top of each other.
    const near = backwards ? Math.abs(y - source.y) : Math.abs(y - target.y);
    const length = Math.abs(y - source.y) + Math.abs(y - target.y) + (right - left) + near * 1e-3;
    if (!best || length < best.length) best = { length, points };
  }
  return best ? { kind: 'around', points: simplify(best.points) } : { kind: 'bezier' };
}

/** Drops repeated points and the middle of three in a line. */
function simplify(points: Point[]): Point[] {
  const out: Point[] = [];
  for (const p of points) {
    const last = out[out.length - 1];
    if (last && Math.abs(last.x - p.x) < 0.5 && Math.abs(last.y - p.y) < 0.5) continue;
    const before = out[out.length - 2];
    if (last && before && ((before.x === last.x && last.x === p.x) || (before.y === last.y && last.y === p.y))) out.pop();
    out.push(p);
  }
  return out;
}

/** An SVG path through the points with rounded corners, and where its label goes (the middle of its longest run). */
export function roundedPath(points: Point[]): { path: string; label: Point } {
  let path = `M ${points[0]!.x},${points[0]!.y}`;
  for (let i = 1; i < points.length - 1; i++) {
    const p = points[i]!;
    const prev = points[i - 1]!;
    const next = points[i + 1]!;
    const r = Math.min(CORNER, Math.hypot(p.x - prev.x, p.y - prev.y) / 2, Math.hypot(next.x - p.x, next.y - p.y) / 2);
    const into = towards(p, prev, r);
    const out = towards(p, next, r);
    path += ` L ${into.x},${into.y} Q ${p.x},${p.y} ${out.x},${out.y}`;
  }
  const end = points[points.length - 1]!;
  path += ` L ${end.x},${end.y}`;
  let label = points[0]!;
  let longest = -1;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    const length = Math.hypot(b.x - a.x, b.y - a.y);
    if (length > longest) {
      longest = length;
      label = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
    }
  }
  return { path, label };
}

function towards(from: Point, to: Point, distance: number): Point {
  const length = Math.hypot(to.x - from.x, to.y - from.y) || 1;
  return { x: from.x + ((to.x - from.x) / length) * distance, y: from.y + ((to.y - from.y) / length) * distance };
}
