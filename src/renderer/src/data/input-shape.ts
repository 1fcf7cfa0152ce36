/** The canvas's input node adopts a dataset's example shape (one undoable edit). */
import type { GraphStore } from '../graph/graph-store';

export function adoptInputShape(graph: GraphStore, shape: number[]): boolean {
  const input = graph.getState().doc.nodes.find((n) => n.type === 'input');
  if (!input) return false;
  graph.getState().setParam(input.id, 'shape', [...shape]);
  return true;
}
