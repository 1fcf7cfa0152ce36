/**
 * Where each layer goes on the canvas so the network reads at the size it is shown: layers in
 * columns left to right (by longest path from the inputs, or in the order ELK chose), columns
 * wrapped into rows like lines of text when one row would have to be zoomed out until its nodes
 * are unreadable, and a skip connection kept visible — inside a row the layers it jumps over
 * step down one lane, so the skip wire runs straight above them, never behind them. Wires that
 * still have nodes in their way (across rows, or after a user's own moves) are routed around
 * them by ShapeEdge (canvas/edge-route.ts). Pure: tests call it directly.
 */
import type { XYPosition } from '@xyflow/react';
import type { LayerKind } from '../../../../engine/spec/types';
import type { AppNode, GraphDoc } from './document';

export interface Size {
  width: number;
  height: number;
}

/** The canvas at 1280 × 720 (Dimensions dock folded, as it starts below 800 px), when it cannot be measured. */
export const DEFAULT_VIEW: Size = { width: 764, height: 600 };
/** The margin every "fit the network to the view" keeps: clear of the zoom controls in the corner. */
const MARGIN_PX = 48;
/** How every "fit the network to the view" frames it: that margin, and never zoomed in past 1.2. */
export const FIT_VIEW = { padding: `${MARGIN_PX}px`, maxZoom: 1.2 } as const;
const MAX_ZOOM = FIT_VIEW.maxZoom;
/** At this zoom a node's 12 px text reads easily; the fewest rows that reach it win over more zoom. */
const READABLE_ZOOM = 0.85;
const GAP_X = 70;
/** Between the lanes of a row (a skip above its block), and between rows. */
const GAP_LANE = 40;
const GAP_ROW = 80;

/** Node sizes before React Flow has measured them (as measured in Chromium), by how much each kind shows. */
const ESTIMATE: Partial<Record<LayerKind, Size>> = {
  input: { width: 175, height: 70 },
  flatten: { width: 175, height: 70 },
  softmax: { width: 175, height: 70 },
  add: { width: 175, height: 70 },
  activation: { width: 175, height: 70 },
  dropout: { width: 175, height: 70 },
  pool: { width: 175, height: 70 },
  batchnorm: { width: 200, height: 110 },
};
const DEFAULT_SIZE: Size = { width: 215, height: 125 };

const estimate = (node: AppNode): Size => ESTIMATE[node.type!] ?? DEFAULT_SIZE;

export function nodeSize(node: AppNode): Size {
  if (node.measured?.width && node.measured.height) return { width: node.measured.width, height: node.measured.height };
  return estimate(node);
}

/**
 * The room a node may need: a node shown while the network does not compile has no shapes to list
 * and is shorter than it will be once it does (Insert flatten is pressed in exactly that state).
 */
function roomFor(node: AppNode): Size {
  const measured = nodeSize(node);
  const full = estimate(node);
  return { width: Math.max(measured.width, full.width), height: Math.max(measured.height, full.height) };
}

/**
 * Columns by longest path from the inputs (each layer one column right of everything it reads),
 * ordered within a column by the mean row of what feeds them so wires cross as little as possible.
 * Nodes on no path (a cycle cannot be drawn on the canvas) land in column 0.
 */
export function columnsByLongestPath(doc: GraphDoc): string[][] {
  const ids = doc.nodes.map((n) => n.id);
  const preds = new Map<string, string[]>(ids.map((id) => [id, []]));
  const succs = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const edge of doc.edges) {
    if (!preds.has(edge.target) || !succs.has(edge.source)) continue;
    preds.get(edge.target)!.push(edge.source);
    succs.get(edge.source)!.push(edge.target);
  }
  const layer = new Map<string, number>();
  const indegree = new Map(ids.map((id) => [id, preds.get(id)!.length]));
  const queue = ids.filter((id) => indegree.get(id) === 0);
  for (const id of queue) layer.set(id, 0);
  while (queue.length > 0) {
    const id = queue.shift()!;
    for (const next of succs.get(id)!) {
      layer.set(next, Math.max(layer.get(next) ?? 0, layer.get(id)! + 1));
      indegree.set(next, indegree.get(next)! - 1);
      if (indegree.get(next) === 0) queue.push(next);
    }
  }
  const columns: string[][] = [];
  for (const id of ids) {
    const l = layer.get(id) ?? 0;
    (columns[l] ??= []).push(id);
  }
  // Order each column by the mean position of its inputs in the column before (barycentre).
  const rank = new Map<string, number>();
  for (const column of columns) {
    if (!column) continue;
    const mean = (id: string) => {
      const from = preds.get(id)!.filter((p) => rank.has(p));
      return from.length ? from.reduce((sum, p) => sum + rank.get(p)!, 0) / from.length : Number.POSITIVE_INFINITY;
    };
    column.sort((a, b) => mean(a) - mean(b));
    column.forEach((id, i) => rank.set(id, i));
  }
  return columns.filter((c) => c && c.length > 0);
}

/**
 * Columns from positions another layout chose (ELK): nodes whose left edges fall within one node
 * width of a column's first node share it; top to bottom within a column.
 */
export function columnsFromPositions(doc: GraphDoc, positions: Map<string, XYPosition>): string[][] {
  const placed = doc.nodes
    .filter((n) => positions.has(n.id))
    .map((n) => ({ id: n.id, ...positions.get(n.id)!, width: nodeSize(n).width }))
    .sort((a, b) => a.x - b.x || a.y - b.y);
  const columns: { x: number; width: number; nodes: typeof placed }[] = [];
  for (const node of placed) {
    const last = columns[columns.length - 1];
    if (last && node.x < last.x + last.width * 0.5) last.nodes.push(node);
    else columns.push({ x: node.x, width: node.width, nodes: [node] });
  }
  return columns.map((c) => c.nodes.sort((a, b) => a.y - b.y).map((n) => n.id));
}

interface RowPlan {
  columns: string[][];
  /** Lanes per column: the nodes, after the lanes kept free for skips. */
  lanes: (string | null)[][];
}

/** Keeps lane 0 free in the columns a skip jumps over, when the skip starts and ends in this row. */
function planRow(columns: string[][], doc: GraphDoc): RowPlan {
  const columnOf = new Map<string, number>();
  columns.forEach((column, c) => column.forEach((id) => columnOf.set(id, c)));
  const skipped = new Set<number>();
  for (const edge of doc.edges) {
    const from = columnOf.get(edge.source);
    const to = columnOf.get(edge.target);
    if (from === undefined || to === undefined || to - from < 2) continue;
    // Only a skip between the first nodes of their columns would run behind the ones between.
    if (columns[from]![0] !== edge.source && columns[to]![0] !== edge.target) continue;
    for (let c = from + 1; c < to; c++) skipped.add(c);
  }
  return { columns, lanes: columns.map((column, c) => (skipped.has(c) ? [null, ...column] : [...column])) };
}

function rowSize(plan: RowPlan, size: Map<string, Size>): { width: number; laneHeight: number; lanes: number } {
  const widths = plan.columns.map((column) => Math.max(...column.map((id) => size.get(id)!.width)));
  const laneHeight = Math.max(...plan.columns.flat().map((id) => size.get(id)!.height));
  return {
    width: widths.reduce((a, b) => a + b, 0) + GAP_X * (widths.length - 1),
    laneHeight,
    lanes: Math.max(...plan.lanes.map((l) => l.length)),
  };
}

/** Splits the columns into `rows` rows of as equal a length as possible. */
function splitRows(columns: string[][], rows: number): string[][][] {
  const perRow = Math.ceil(columns.length / rows);
  const out: string[][][] = [];
  for (let i = 0; i < columns.length; i += perRow) out.push(columns.slice(i, i + perRow));
  return out;
}

/**
 * Positions for `columns` wrapped into the number of rows that lets fitView show the network
 * largest in `view` (ties keep fewer rows).
 */
export function arrangeColumns(doc: GraphDoc, columns: string[][], view: Size = DEFAULT_VIEW): Map<string, XYPosition> {
  const size = new Map(doc.nodes.map((n) => [n.id, nodeSize(n)]));
  const positions = new Map<string, XYPosition>();
  if (columns.length === 0) return positions;
  const usable = { width: view.width - 2 * MARGIN_PX, height: view.height - 2 * MARGIN_PX };
  let best: { zoom: number; rows: RowPlan[] } | null = null;
  for (let rows = 1; rows <= columns.length; rows++) {
    const plans = splitRows(columns, rows).map((row) => planRow(row, doc));
    if (plans.length < rows) continue; // the same split as a smaller count
    const sizes = plans.map((p) => rowSize(p, size));
    const width = Math.max(...sizes.map((s) => s.width));
    const height = sizes.reduce((sum, s) => sum + s.lanes * s.laneHeight + (s.lanes - 1) * GAP_LANE, 0) + GAP_ROW * (plans.length - 1);
    const zoom = Math.min(MAX_ZOOM, usable.width / width, usable.height / height);
    if (!best || (best.zoom < READABLE_ZOOM && zoom > best.zoom + 1e-9)) best = { zoom, rows: plans };
  }
  let top = 0;
  for (const plan of best!.rows) {
    const { laneHeight, lanes } = rowSize(plan, size);
    let left = 0;
    plan.columns.forEach((column, c) => {
      const width = Math.max(...column.map((id) => size.get(id)!.width));
      plan.lanes[c]!.forEach((id, lane) => {
        if (!id) return;
        const node = size.get(id)!;
        // Centred in its lane, so the handles (mid-height) of a row line up and its wires run straight.
        positions.set(id, { x: left + (width - node.width) / 2, y: top + lane * (laneHeight + GAP_LANE) + (laneHeight - node.height) / 2 });
      });
      left += width + GAP_X;
    });
    top += lanes * laneHeight + (lanes - 1) * GAP_LANE + GAP_ROW;
  }
  return positions;
}

/** The synchronous layout (templates, imported models): longest-path columns, wrapped to the view. */
export function arrange(doc: GraphDoc, view: Size = DEFAULT_VIEW): Map<string, XYPosition> {
  return arrangeColumns(doc, columnsByLongestPath(doc), view);
}

export function withPositions(doc: GraphDoc, positions: Map<string, XYPosition>): GraphDoc {
  return { nodes: doc.nodes.map((node) => ({ ...node, position: positions.get(node.id) ?? node.position })), edges: doc.edges };
}

/**
 * The top-left corner for a new node of `size` as near `centre` as possible without covering any
 * node already on the canvas (with a margin), searching outwards above and below, then sideways.
 */
export function freeSpotNear(doc: GraphDoc, centre: XYPosition, size: Size, margin = 24): XYPosition {
  const taken = doc.nodes.map((n) => ({ ...n.position, ...roomFor(n) }));
  const free = (x: number, y: number) =>
    !taken.some((r) => x < r.x + r.width + margin && r.x < x + size.width + margin && y < r.y + r.height + margin && r.y < y + size.height + margin);
  const x0 = centre.x - size.width / 2;
  const y0 = centre.y - size.height / 2;
  const step = 20;
  for (let ring = 0; ring <= 60; ring++) {
    for (const dx of ring === 0 ? [0] : [0, ring, -ring]) {
      for (const dy of ring === 0 ? [0] : [ring, -ring]) {
        const x = x0 + dx * step * 2;
        const y = y0 + dy * step;
        if (free(x, y)) return { x, y };
      }
    }
  }
  return { x: x0, y: y0 };
}
