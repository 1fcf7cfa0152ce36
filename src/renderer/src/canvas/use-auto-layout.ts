/** Auto-layout (toolbar and View menu): ELK's columns wrapped for the canvas's size, then framed. */
import { useCallback } from 'react';
import { useReactFlow } from '@xyflow/react';
import { FIT_VIEW } from '../graph/arrange';
import { layoutPositions } from '../graph/layout';
import { useServices } from '../stores';
import { canvasView } from './canvas-view';

export function useAutoLayout(): () => Promise<void> {
  const { graph } = useServices();
  const { fitView } = useReactFlow();
  return useCallback(async () => {
    const positions = await layoutPositions(graph.getState().doc, canvasView());
    graph.getState().setPositions('Auto-layout', positions);
    // Once React Flow has the new positions.
    setTimeout(() => void fitView(FIT_VIEW), 50);
  }, [graph, fitView]);
}
