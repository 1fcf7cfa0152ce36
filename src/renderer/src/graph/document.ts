/** The canvas document: React Flow nodes and edges, one node type per layer kind. */
import type { Edge, Node } from '@xyflow/react';
import type { LayerKind } from '../../../../engine/spec';
import type { GraphInput } from '../../../../engine/compile';

export type LayerParams = Record<string, unknown>;
export type AppNode = Node<LayerParams, LayerKind>;
export type AppEdge = Edge;

export interface GraphDoc {
  nodes: AppNode[];
  edges: AppEdge[];
}

export const emptyDoc = (): GraphDoc => ({ nodes: [], edges: [] });

/** What the compiler needs from the document: kinds, params and wiring, no positions. */
export function toGraphInput(doc: GraphDoc, dataset?: GraphInput['dataset']): GraphInput {
  return {
    nodes: doc.nodes.map((node) => ({ id: node.id, kind: node.type as LayerKind, params: node.data })),
    edges: doc.edges.map((edge) => ({
      id: edge.id,
      source: edge.source,
      target: edge.target,
      targetHandle: edge.targetHandle ?? null,
    })),
    dataset,
  };
}
