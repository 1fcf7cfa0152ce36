/**
 * The canvas document store: zustand + immer, with undo/redo built from immer's
 * patches. Only deliberate edits are history steps; selection and the positions
 * of a drag in progress are transient, and a finished drag is one step.
 */
import { createStore } from 'zustand/vanilla';
import { applyPatches, enablePatches, produce, produceWithPatches, type Draft, type Patch } from 'immer';
import type { XYPosition } from '@xyflow/react';
import type { LayerKind } from '../../../../engine/spec/types';
import type { QuickFix } from '../../../../engine/compile/types';
import { NODE_KINDS } from './node-kinds';
import type { AppEdge, AppNode, GraphDoc } from './document';
import { freeSpotNear, nodeSize } from './arrange';

enablePatches();

export const HISTORY_LIMIT = 500;
/** Edits with the same key within this window merge into one undo step (typing "128" is one edit). */
const COALESCE_MS = 1500;

interface HistoryStep {
  label: string;
  patches: Patch[];
  inverse: Patch[];
  coalesceKey?: string;
  at: number;
}

export interface GraphState {
  doc: GraphDoc;
  past: HistoryStep[];
  future: HistoryStep[];
  /** Bumped on every change, including transient ones (cheap change detection). */
  revision: number;
}

export interface GraphActions {
  /** A history step. */
  commit(label: string, recipe: (doc: Draft<GraphDoc>) => void, coalesceKey?: string): void;
  /** Not a history step (selection, positions during a drag). */
  transient(recipe: (doc: Draft<GraphDoc>) => void): void;
  undo(): void;
  redo(): void;
  replaceDoc(label: string, doc: GraphDoc): void;
  /** Moves nodes to new positions as one step (auto-layout); unknown ids are ignored. */
  setPositions(label: string, positions: Map<string, XYPosition>): void;
  /** A different document altogether (New, Open): history starts again. */
  resetDoc(doc: GraphDoc): void;
  addNode(kind: LayerKind, position: XYPosition): string;
  connect(edge: { source: string; target: string; targetHandle?: string | null }): void;
  removeElements(nodeIds: string[], edgeIds: string[]): void;
  /** Edits merge into one history step while they share a `coalesceKey` (one focus of a text box). */
  setParam(nodeId: string, param: string, value: unknown, coalesceKey?: string): void;
  /** Records a finished drag: `from` holds the positions at drag start. */
  commitMove(from: Record<string, XYPosition>): void;
  /** Applies a compiler quick fix (insert a flatten, set a parameter). */
  applyFix(fix: QuickFix): void;
  selectAll(): void;
  /** The selected nodes and the edges between them, as a fragment to paste later. */
  copySelection(): GraphDoc | null;
  /** Pastes a fragment with fresh ids, offset so it does not hide the original; selects it. */
  paste(fragment: GraphDoc, offset?: XYPosition): void;
}

export type GraphStore = ReturnType<typeof createGraphStore>;

/** Output activation and loss go together in the course; choosing one picks the other. */
const LOSS_FOR_OUTPUT: Record<string, string> = { sigmoid: 'bce', softmax: 'cross_entropy', linear: 'mse' };

export function nextNodeId(doc: GraphDoc, kind: LayerKind): string {
  let n = 1;
  const taken = new Set(doc.nodes.map((node) => node.id));
  while (taken.has(`${kind}-${n}`)) n += 1;
  return `${kind}-${n}`;
}

export function edgeId(source: string, target: string, targetHandle?: string | null): string {
  return `e-${source}-${target}${targetHandle && targetHandle !== 'in' ? `-${targetHandle}` : ''}`;
}

export function createGraphStore(initial: GraphDoc) {
  return createStore<GraphState & GraphActions>()((set, get) => {
    const commit: GraphActions['commit'] = (label, recipe, coalesceKey) => {
      const { doc, past } = get();
      const [next, patches, inverse] = produceWithPatches(doc, recipe);
      if (patches.length === 0) return;
      const now = Date.now();
      const last = past[past.length - 1];
      let history: HistoryStep[];
      if (coalesceKey && last?.coalesceKey === coalesceKey && now - last.at < COALESCE_MS) {
        const merged: HistoryStep = {
          ...last,
          patches: [...last.patches, ...patches],
          inverse: [...inverse, ...last.inverse],
          at: now,
        };
        history = [...past.slice(0, -1), merged];
      } else {
        history = [...past, { label, patches, inverse, coalesceKey, at: now }].slice(-HISTORY_LIMIT);
      }
      set({ doc: next, past: history, future: [], revision: get().revision + 1 });
    };

    return {
      doc: initial,
      past: [],
      future: [],
      revision: 0,
      commit,
      transient(recipe) {
        set({ doc: produce(get().doc, recipe), revision: get().revision + 1 });
      },
      undo() {
        const { past, future, doc, revision } = get();
        const step = past[past.length - 1];
        if (!step) return;
        set({
          doc: applyPatches(doc, step.inverse),
          past: past.slice(0, -1),
          future: [...future, { ...step, coalesceKey: undefined }],
          revision: revision + 1,
        });
      },
      redo() {
        const { past, future, doc, revision } = get();
        const step = future[future.length - 1];
        if (!step) return;
        set({
          doc: applyPatches(doc, step.patches),
          past: [...past, step],
          future: future.slice(0, -1),
          revision: revision + 1,
        });
      },
      replaceDoc(label, doc) {
        commit(label, (draft) => {
          draft.nodes = doc.nodes as Draft<AppNode>[];
          draft.edges = doc.edges as Draft<AppEdge>[];
        });
      },
      setPositions(label, positions) {
        commit(label, (doc) => {
          for (const node of doc.nodes) {
            const position = positions.get(node.id);
            if (position) node.position = { ...position };
          }
        });
      },
      resetDoc(doc) {
        set({ doc, past: [], future: [], revision: get().revision + 1 });
      },
      addNode(kind, position) {
        const id = nextNodeId(get().doc, kind);
        const info = NODE_KINDS[kind];
        commit(`Add ${info.title}`, (doc) => {
          for (const node of doc.nodes) node.selected = false;
          doc.nodes.push({
            id,
            type: kind,
            position,
            data: structuredClone(info.defaults),
            selected: true,
          } as Draft<AppNode>);
        });
        return id;
      },
      connect({ source, target, targetHandle }) {
        const handle = targetHandle ?? 'in';
        commit('Connect', (doc) => {
          // A target handle takes one incoming edge: a new wire replaces the old one.
          doc.edges = doc.edges.filter((e) => !(e.target === target && (e.targetHandle ?? 'in') === handle));
          doc.edges.push({ id: edgeId(source, target, handle), source, target, targetHandle: handle });
        });
      },
      removeElements(nodeIds, edgeIds) {
        if (nodeIds.length === 0 && edgeIds.length === 0) return;
        const nodes = new Set(nodeIds);
        const edges = new Set(edgeIds);
        commit('Delete', (doc) => {
          doc.nodes = doc.nodes.filter((n) => !nodes.has(n.id));
          doc.edges = doc.edges.filter((e) => !edges.has(e.id) && !nodes.has(e.source) && !nodes.has(e.target));
        });
      },
      setParam(nodeId, param, value, coalesceKey) {
        commit(
          `Set ${param}`,
          (doc) => {
            const node = doc.nodes.find((n) => n.id === nodeId);
            if (!node) return;
            node.data[param] = value as never;
            if (node.type === 'output' && param === 'activation' && typeof value === 'string') {
              node.data.loss = LOSS_FOR_OUTPUT[value] ?? node.data.loss;
            }
          },
          coalesceKey && `${nodeId}.${param}.${coalesceKey}`,
        );
      },
      applyFix(fix) {
        if (fix.kind === 'set-param') {
          get().setParam(fix.nodeId, fix.param, fix.value);
          return;
        }
        const { doc } = get();
        const edge = doc.edges.find((e) => e.id === fix.edgeId);
        const source = edge && doc.nodes.find((n) => n.id === edge.source);
        const target = edge && doc.nodes.find((n) => n.id === edge.target);
        if (!edge || !source || !target) return;
        const id = nextNodeId(doc, 'flatten');
        const handle = edge.targetHandle ?? 'in';
        // Between the two it joins, or the nearest free place to that: never on top of a layer.
        const from = nodeSize(source);
        const to = nodeSize(target);
        const between = {
          x: (source.position.x + from.width + target.position.x) / 2,
          y: (source.position.y + from.height / 2 + target.position.y + to.height / 2) / 2,
        };
        const position = freeSpotNear(doc, between, nodeSize({ id, type: 'flatten', position: between, data: {} }));
        commit('Insert flatten', (draft) => {
          draft.edges = draft.edges.filter((e) => e.id !== edge.id);
          draft.nodes.push({
            id,
            type: 'flatten',
            position,
            data: {},
          } as Draft<AppNode>);
          draft.edges.push({ id: edgeId(source.id, id, 'in'), source: source.id, target: id, targetHandle: 'in' });
          draft.edges.push({ id: edgeId(id, target.id, handle), source: id, target: target.id, targetHandle: handle });
        });
      },
      selectAll() {
        get().transient((doc) => {
          for (const node of doc.nodes) node.selected = true;
        });
      },
      copySelection() {
        const { doc } = get();
        const nodes = doc.nodes.filter((n) => n.selected);
        if (nodes.length === 0) return null;
        const ids = new Set(nodes.map((n) => n.id));
        const edges = doc.edges.filter((e) => ids.has(e.source) && ids.has(e.target));
        return structuredClone({ nodes, edges }) as GraphDoc;
      },
      paste(fragment, offset = { x: 40, y: 40 }) {
        if (fragment.nodes.length === 0) return;
        commit('Paste', (draft) => {
          const rename = new Map<string, string>();
          for (const node of draft.nodes) node.selected = false;
          for (const node of fragment.nodes) {
            const id = nextNodeId(draft as GraphDoc, node.type!);
            rename.set(node.id, id);
            draft.nodes.push({
              id,
              type: node.type,
              position: { x: node.position.x + offset.x, y: node.position.y + offset.y },
              data: structuredClone(node.data),
              selected: true,
            } as Draft<AppNode>);
          }
          for (const edge of fragment.edges) {
            const source = rename.get(edge.source)!;
            const target = rename.get(edge.target)!;
            draft.edges.push({ id: edgeId(source, target, edge.targetHandle), source, target, targetHandle: edge.targetHandle ?? 'in' });
          }
        });
      },
      commitMove(from) {
        const to: Record<string, XYPosition> = {};
        for (const node of get().doc.nodes) if (from[node.id]) to[node.id] = { ...node.position };
        const moved = Object.keys(to).some((id) => to[id]!.x !== from[id]!.x || to[id]!.y !== from[id]!.y);
        if (!moved) return;
        // Put the start positions back without history, then record the whole move as one step.
        get().transient((doc) => {
          for (const node of doc.nodes) if (from[node.id]) node.position = { ...from[node.id]! };
        });
        commit('Move', (doc) => {
          for (const node of doc.nodes) if (to[node.id]) node.position = to[node.id]!;
        });
      },
    };
  });
}
