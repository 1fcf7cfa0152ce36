/**
 * Frames the network in the part of the canvas the lesson panel leaves free (the panel floats
 * over the canvas's left side), so a step's network is never hidden under its own text.
 */
import type { ReactFlowInstance } from '@xyflow/react';
import type { AppEdge, AppNode } from '../graph/document';

export function fitBesidePanel(flow: Pick<ReactFlowInstance<AppNode, AppEdge>, 'getNodes' | 'getNodesBounds' | 'setViewport' | 'fitView'>): void {
  const canvas = document.querySelector('.react-flow')?.getBoundingClientRect();
  const panel = document.querySelector('.lesson-panel')?.getBoundingClientRect();
  const nodes = flow.getNodes();
  if (!canvas || nodes.length === 0) return;
  const covered = panel ? Math.max(0, Math.min(canvas.width * 0.6, panel.right - canvas.left + 16)) : 0;
  const width = canvas.width - covered;
  const bounds = flow.getNodesBounds(nodes);
  const zoom = Math.min(1.1, (width * 0.92) / Math.max(1, bounds.width), (canvas.height * 0.7) / Math.max(1, bounds.height));
  void flow.setViewport({
    x: covered + (width - bounds.width * zoom) / 2 - bounds.x * zoom,
    y: (canvas.height - bounds.height * zoom) / 2 - bounds.y * zoom,
    zoom,
  });
}
