/** The editor's clipboard for layers (shared by the shortcuts and the Edit menu). */
import type { GraphDoc } from '../graph/document';
import type { GraphStore } from '../graph/graph-store';

let copied: GraphDoc | null = null;
let pastes = 0;

export function copySelection(graph: GraphStore): void {
  const fragment = graph.getState().copySelection();
  if (!fragment) return;
  copied = fragment;
  pastes = 0;
}

/** Each paste lands a little further away, so repeated pastes do not stack invisibly. */
export function pasteClipboard(graph: GraphStore): void {
  if (!copied) return;
  pastes += 1;
  graph.getState().paste(copied, { x: 40 * pastes, y: 40 * pastes });
}

export function duplicateSelection(graph: GraphStore): void {
  const fragment = graph.getState().copySelection();
  if (fragment) graph.getState().paste(fragment);
}
