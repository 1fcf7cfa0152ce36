/**
 * The React Flow canvas. The document lives in the graph store; this component
 * translates React Flow's change events into store actions (history steps for
 * edits, transient updates for selection and drags in progress).
 */
import { useCallback, useMemo, useRef, useState, type DragEvent } from 'react';
import {
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  applyEdgeChanges,
  applyNodeChanges,
  useReactFlow,
  type Connection,
  type EdgeChange,
  type NodeChange,
  type OnNodeDrag,
  type XYPosition,
  type Edge,
} from '@xyflow/react';
import type { LayerKind } from '../../../../engine/spec/types';
import type { AppEdge, AppNode } from '../graph/document';
import { checkConnection } from '../graph/connection-rules';
import { NODE_KINDS } from '../graph/node-kinds';
import { useGraph, useServices } from '../stores';
import { LayerNode } from './LayerNode';
import { ShapeEdge } from './ShapeEdge';

export const PALETTE_MIME = 'application/x-dendrite-kind';

const nodeTypes = Object.fromEntries(Object.keys(NODE_KINDS).map((kind) => [kind, LayerNode]));
const edgeTypes = { shape: ShapeEdge };
const defaultEdgeOptions = { type: 'shape' };

export function Canvas() {
  const { graph } = useServices();
  const doc = useGraph((s) => s.doc);
  const { screenToFlowPosition } = useReactFlow();
  const dragStart = useRef<Record<string, XYPosition>>({});
  const [refusal, setRefusal] = useState<string | null>(null);

  const edges = useMemo(() => doc.edges.map((edge) => ({ ...edge, type: 'shape' })), [doc.edges]);

  const onNodesChange = useCallback(
    (changes: NodeChange<AppNode>[]) => {
      const removed = changes.filter((c) => c.type === 'remove').map((c) => c.id);
      const rest = changes.filter((c) => c.type !== 'remove');
      if (rest.length > 0) graph.getState().transient((draft) => {
        draft.nodes = applyNodeChanges(rest, draft.nodes as AppNode[]) as typeof draft.nodes;
      });
      if (removed.length > 0) graph.getState().removeElements(removed, []);
    },
    [graph],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange<AppEdge>[]) => {
      const removed = changes.filter((c) => c.type === 'remove').map((c) => c.id);
      const rest = changes.filter((c) => c.type !== 'remove');
      if (rest.length > 0) graph.getState().transient((draft) => {
        draft.edges = applyEdgeChanges(rest, draft.edges as AppEdge[]) as typeof draft.edges;
      });
      if (removed.length > 0) graph.getState().removeElements([], removed);
    },
    [graph],
  );

  const isValidConnection = useCallback(
    (connection: Connection | Edge) => {
      const verdict = checkConnection(graph.getState().doc, connection);
      setRefusal(verdict.ok ? null : verdict.reason);
      return verdict.ok;
    },
    [graph],
  );

  const onConnect = useCallback(
    (connection: Connection) => {
      setRefusal(null);
      graph.getState().connect(connection);
    },
    [graph],
  );

  const onNodeDragStart: OnNodeDrag<AppNode> = useCallback((_event, _node, nodes) => {
    dragStart.current = Object.fromEntries(nodes.map((n) => [n.id, { ...n.position }]));
  }, []);

  const onNodeDragStop: OnNodeDrag<AppNode> = useCallback(() => {
    graph.getState().commitMove(dragStart.current);
    dragStart.current = {};
  }, [graph]);

  const onDragOver = useCallback((event: DragEvent) => {
    if (!event.dataTransfer.types.includes(PALETTE_MIME)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  }, []);

  const onDrop = useCallback(
    (event: DragEvent) => {
      const kind = event.dataTransfer.getData(PALETTE_MIME) as LayerKind;
      if (!kind || !(kind in NODE_KINDS)) return;
      event.preventDefault();
      const position = screenToFlowPosition({ x: event.clientX, y: event.clientY });
      graph.getState().addNode(kind, { x: position.x - 80, y: position.y - 30 });
    },
    [graph, screenToFlowPosition],
  );

  return (
    <div className="canvas" onDragOver={onDragOver} onDrop={onDrop} data-testid="canvas">
      <ReactFlow<AppNode, AppEdge>
        nodes={doc.nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        defaultEdgeOptions={defaultEdgeOptions}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onConnectEnd={() => setTimeout(() => setRefusal(null), 2500)}
        isValidConnection={isValidConnection}
        onNodeDragStart={onNodeDragStart}
        onNodeDragStop={onNodeDragStop}
        deleteKeyCode={['Delete', 'Backspace']}
        snapToGrid
        snapGrid={[10, 10]}
        fitView
        fitViewOptions={{ padding: 0.3, maxZoom: 1.2 }}
        minZoom={0.1}
        maxZoom={2.5}
        proOptions={{ hideAttribution: false }}
      >
        <Background gap={20} />
        <MiniMap pannable zoomable />
        <Controls />
      </ReactFlow>
      {refusal && (
        <div className="canvas__refusal" role="status">
          {refusal}
        </div>
      )}
    </div>
  );
}
