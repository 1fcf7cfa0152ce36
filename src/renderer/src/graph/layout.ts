/**
 * Auto-layout: ELK's layered algorithm (elkjs) chooses the columns and their order, so branches
 * cross as little as possible, and `arrange` wraps those columns into rows that read at the
 * canvas's size and keeps skip connections in view. elkjs is about half of the renderer's
 * JavaScript and only Auto-layout needs it, so it is loaded on first use (its own chunk), not at
 * start-up; templates and imported models use the synchronous layout in arrange.ts.
 */
import type ELKConstructor from 'elkjs/lib/elk.bundled.js';
import type { XYPosition } from '@xyflow/react';
import type { GraphDoc } from './document';
import { arrangeColumns, columnsFromPositions, DEFAULT_VIEW, nodeSize, type Size } from './arrange';

let elk: Promise<InstanceType<typeof ELKConstructor>> | null = null;

function loadElk(): Promise<InstanceType<typeof ELKConstructor>> {
  elk ??= import('elkjs/lib/elk.bundled.js').then(({ default: ELK }) => new ELK());
  // A failed load (a dropped connection) may be retried by the next layout.
  elk.catch(() => {
    elk = null;
  });
  return elk;
}

/** Where each node goes; only positions, so edits made while ELK runs are kept. */
export async function layoutPositions(doc: GraphDoc, view: Size = DEFAULT_VIEW): Promise<Map<string, XYPosition>> {
  const laidOut = await (
    await loadElk()
  ).layout({
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.spacing.nodeNode': '40',
      'elk.layered.spacing.nodeNodeBetweenLayers': '70',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
    },
    children: doc.nodes.map((node) => ({ id: node.id, ...nodeSize(node) })),
    edges: doc.edges.map((edge) => ({ id: edge.id, sources: [edge.source], targets: [edge.target] })),
  });
  const elkPositions = new Map((laidOut.children ?? []).map((child) => [child.id, { x: child.x ?? 0, y: child.y ?? 0 }]));
  return arrangeColumns(doc, columnsFromPositions(doc, elkPositions), view);
}
