/**
 * Left-to-right auto-layout with ELK's layered algorithm (elkjs), so branches
 * such as residual skips get their own lanes and edges cross as little as possible.
 * elkjs is about half of the renderer's JavaScript and only layout needs it, so it is
 * loaded on first use (its own chunk), not at start-up.
 */
import type ELKConstructor from 'elkjs/lib/elk.bundled.js';
import type { GraphDoc } from './document';

const NODE_WIDTH = 200;
const NODE_HEIGHT = 120;

let elk: Promise<InstanceType<typeof ELKConstructor>> | null = null;

function loadElk(): Promise<InstanceType<typeof ELKConstructor>> {
  elk ??= import('elkjs/lib/elk.bundled.js').then(({ default: ELK }) => new ELK());
  // A failed load (a dropped connection) may be retried by the next layout.
  elk.catch(() => {
    elk = null;
  });
  return elk;
}

export async function layoutLeftToRight(doc: GraphDoc): Promise<GraphDoc> {
  const positions = await layoutPositions(doc);
  return {
    nodes: doc.nodes.map((node) => ({ ...node, position: positions.get(node.id) ?? node.position })),
    edges: doc.edges,
  };
}

/** Where ELK puts each node; only positions, so edits made while it runs are kept. */
export async function layoutPositions(doc: GraphDoc): Promise<Map<string, { x: number; y: number }>> {
  const laidOut = await (await loadElk()).layout({
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.spacing.nodeNode': '40',
      'elk.layered.spacing.nodeNodeBetweenLayers': '70',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
    },
    children: doc.nodes.map((node) => ({
      id: node.id,
      width: node.measured?.width ?? NODE_WIDTH,
      height: node.measured?.height ?? NODE_HEIGHT,
    })),
    edges: doc.edges.map((edge) => ({ id: edge.id, sources: [edge.source], targets: [edge.target] })),
  });
  return new Map((laidOut.children ?? []).map((child) => [child.id, { x: child.x ?? 0, y: child.y ?? 0 }]));
}
