/**
 * The React Flow canvas. The document lives in the graph store; this component
 * translates React Flow's change events into store actions (history steps for
 * edits, transient updates for selection and drags in progress).
 */
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent, type RefObject } from 'react';
import {
  Background,
  ControlButton,
  Controls,
  MiniMap,
  ReactFlow,
  applyEdgeChanges,
  applyNodeChanges,
  useReactFlow,
  type Connection,
  type EdgeChange,
  type NodeChange,
  type OnConnectEnd,
  type OnNodeDrag,
  type XYPosition,
  type Edge,
} from '@xyflow/react';
import type { LayerKind } from '../../../../engine/spec';
import type { AppEdge, AppNode } from '../graph/document';
import { checkConnection } from '../graph/connection-rules';
import { NODE_KINDS } from '../graph/node-kinds';
import { useGraph, useServices } from '../stores';
import { LayerNode } from './LayerNode';
import { ShapeEdge } from './ShapeEdge';
import { fadeRefusal, refuse, useRefusal } from './refusal';
import { FIT_VIEW } from '../graph/arrange';
import { wireInto } from './keyboard-wire';

export const PALETTE_MIME = 'application/x-dendrite-kind';

const nodeTypes = Object.fromEntries(Object.keys(NODE_KINDS).map((kind) => [kind, LayerNode]));
const edgeTypes = { shape: ShapeEdge };
const defaultEdgeOptions = { type: 'shape' };

/**
 * When a resize (the window, the Dimensions dock) leaves part of the
 * network outside the view, fits it again. A view the user zoomed into is left alone while the
 * whole network stays visible.
 */
function useRefitOnResize(ref: RefObject<HTMLDivElement | null>) {
  const { getNodes, getNodesBounds, getViewport, fitView } = useReactFlow<AppNode, AppEdge>();
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    let last = { width: element.clientWidth, height: element.clientHeight };
    let timer: ReturnType<typeof setTimeout> | undefined;
    const observer = new ResizeObserver(() => {
      const next = { width: element.clientWidth, height: element.clientHeight };
      if (next.width === last.width && next.height === last.height) return;
      last = next;
      clearTimeout(timer);
      timer = setTimeout(() => {
        const nodes = getNodes();
        if (nodes.length === 0 || next.width === 0 || next.height === 0) return;
        const bounds = getNodesBounds(nodes);
        const { x, y, zoom } = getViewport();
        const outside =
          bounds.x * zoom + x < 0 ||
          bounds.y * zoom + y < 0 ||
          (bounds.x + bounds.width) * zoom + x > next.width ||
          (bounds.y + bounds.height) * zoom + y > next.height;
        if (outside) void fitView(FIT_VIEW);
      }, 120);
    });
    observer.observe(element);
    return () => {
      observer.disconnect();
      clearTimeout(timer);
    };
  }, [ref, getNodes, getNodesBounds, getViewport, fitView]);
}

export function Canvas() {
  const { graph } = useServices();
  const doc = useGraph((s) => s.doc);
  const { screenToFlowPosition } = useReactFlow();
  const dragStart = useRef<Record<string, XYPosition>>({});
  const refusal = useRefusal((s) => s.reason);
  const container = useRef<HTMLDivElement>(null);
  useRefitOnResize(container);
  // Off until asked for (Controls): fitted to the view, the network needs no map, and the map's
  // corner would cover the last layers of a wrapped network.
  const [minimap, setMinimap] = useState(false);

  const edges = useMemo(() => doc.edges.map((edge) => ({ ...edge, type: 'shape' })), [doc.edges]);

  const onNodesChange = useCallback(
    (changes: NodeChange<AppNode>[]) => {
      const removed = changes.filter((c) => c.type === 'remove').map((c) => c.id);
      const rest = changes.filter((c) => c.type !== 'remove');
      if (rest.length > 0)
        graph.getState().transient((draft) => {
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
      if (rest.length > 0)
        graph.getState().transient((draft) => {
          draft.edges = applyEdgeChanges(rest, draft.edges as AppEdge[]) as typeof draft.edges;
        });
      if (removed.length > 0) graph.getState().removeElements([], removed);
    },
    [graph],
  );

  const isValidConnection = useCallback(
    (connection: Connection | Edge) => {
      const verdict = checkConnection(graph.getState().doc, connection);
      refuse(verdict.ok ? null : verdict.reason);
      return verdict.ok;
    },
    [graph],
  );

  const onConnect = useCallback(
    (connection: Connection) => {
      refuse(null);
      graph.getState().connect(connection);
    },
    [graph],
  );

  /**
   * A wire let go over a layer's body rather than a handle: into that layer's first free input (or
   * out of it, when the drag began at an input) — and refused with the reason, a layer onto itself included.
   */
  const onConnectEnd: OnConnectEnd = useCallback(
    (event, state) => {
      if (!state.isValid && !state.toHandle && state.fromNode && state.fromHandle) {
        const point = 'changedTouches' in event ? event.changedTouches[0] : event;
        const over = point ? document.elementFromPoint(point.clientX, point.clientY)?.closest('.react-flow__node') : null;
        const id = over?.getAttribute('data-id');
        if (id) {
          const fromSource = state.fromHandle.type === 'source';
          const doc = graph.getState().doc;
          const wire = fromSource ? wireInto(doc, state.fromNode.id, id) : wireInto(doc, id, state.fromNode.id, state.fromHandle.id ?? undefined);
          if (wire.ok) {
            refuse(null);
            graph.getState().connect(wire);
          } else {
            refuse(wire.reason);
          }
        }
      }
      fadeRefusal();
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
    <div className="canvas" ref={container} onDragOver={onDragOver} onDrop={onDrop} data-testid="canvas">
      <ReactFlow<AppNode, AppEdge>
        nodes={doc.nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        defaultEdgeOptions={defaultEdgeOptions}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onConnectEnd={onConnectEnd}
        isValidConnection={isValidConnection}
        onNodeDragStart={onNodeDragStart}
        onNodeDragStop={onNodeDragStop}
        deleteKeyCode={['Delete', 'Backspace']}
        snapToGrid
        snapGrid={[10, 10]}
        fitView
        fitViewOptions={FIT_VIEW}
        minZoom={0.1}
        maxZoom={2.5}
        proOptions={{ hideAttribution: false }}
      >
        <Background gap={20} />
        {minimap && <MiniMap pannable zoomable style={{ width: 150, height: 100 }} />}
        <Controls>
          <ControlButton
            onClick={() => setMinimap(!minimap)}
            title={minimap ? 'Hide the minimap' : 'Show the minimap'}
            aria-label={minimap ? 'Hide the minimap' : 'Show the minimap'}
            aria-pressed={minimap}
          >
            ▣
          </ControlButton>
        </Controls>
      </ReactFlow>
      {refusal && (
        <div className="canvas__refusal" role="status">
          {refusal}
        </div>
      )}
    </div>
  );
}
