/**
 * An edge labelled with the shape flowing through it: "(4, m)" or "28×28×6". It is drawn as React
 * Flow's bezier unless a layer is in the way; then it goes round the layers (edge-route.ts).
 */
import { useMemo } from 'react';
import { BaseEdge, EdgeLabelRenderer, getBezierPath, useNodes, type EdgeProps } from '@xyflow/react';
import { useCompile } from './compile-context';
import { roundedPath, routeEdge, type Rect } from './edge-route';
import type { AppNode } from '../graph/document';

export function ShapeEdge(props: EdgeProps) {
  const { id, source, target, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, markerEnd, selected } = props;
  const nodes = useNodes<AppNode>();
  const obstacles = useMemo<Rect[]>(
    () =>
      nodes
        .filter((n) => n.id !== source && n.id !== target && n.measured?.width && n.measured.height)
        .map((n) => ({ x: n.position.x, y: n.position.y, width: n.measured!.width!, height: n.measured!.height! })),
    [nodes, source, target],
  );
  const route = useMemo(() => routeEdge({ x: sourceX, y: sourceY }, { x: targetX, y: targetY }, obstacles), [sourceX, sourceY, targetX, targetY, obstacles]);
  let path: string;
  let labelX: number;
  let labelY: number;
  if (route.kind === 'around') {
    const drawn = roundedPath(route.points);
    path = drawn.path;
    labelX = drawn.label.x;
    labelY = drawn.label.y;
  } else {
    [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  }
  const label = useCompile().result.edgeShapes[id];
  return (
    <>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} className={selected ? 'edge-selected' : undefined} />
      {label && (
        <EdgeLabelRenderer>
          <div
            className="edge-shape"
            data-testid={`edge-shape-${id}`}
            data-route={route.kind}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
          >
            {label}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
}
