/**
 * Input and output of the graph compiler (graph → model spec + shape table +
 * diagnostics). Pure data, so the renderer can re-run it on every edit.
 */
import type { Dim } from '../spec/notation';
import type { LayerKind, ModelSpec } from '../spec/types';
import type { Bottleneck } from './bottleneck';

export type { Dim };

/** One canvas node: its kind and the spec fields of that kind (minus id/inputs). */
export interface GraphNode {
  id: string;
  kind: LayerKind;
  params: Record<string, unknown>;
}

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  /** For kinds with several input handles (add: 'a', 'b'; concatenate: 'a' to 'd'), which one; otherwise absent. */
  targetHandle?: string | null;
}

/** What the chosen dataset implies for the input and output layers. */
export interface DatasetShape {
  exampleShape: number[];
  /** Number of classes (2 for binary), or 0 for regression. */
  numClasses: number;
  /** Multi-task data: k ≥ 2 yes/no labels per example (numClasses is 2). */
  tasks?: number;
}

export interface GraphInput {
  nodes: GraphNode[];
  edges: GraphEdge[];
  dataset?: DatasetShape;
}

export interface LayerShapeInfo {
  id: string;
  kind: LayerKind;
  /** Course layer index l for layers with parameters (input is layer 0); null otherwise. */
  l: number | null;
  /** Shape of one example's activation: [n] or [n_H, n_W, n_C]. */
  outShape: number[];
  /** Course-notation shapes: W, b, Z, A, dW, db (only those the layer has). */
  shapes: Record<string, Dim[]>;
  /** Parameter count (trainable, or frozen when the layer is). */
  params: number;
  /** Multiplications in one example's forward pass, for kinds that count them (dense, conv, output). */
  multiplies?: number;
  /** Its parameters are frozen (not trained): transfer learning. */
  frozen?: boolean;
}

export type QuickFix =
  { kind: 'insert-flatten'; beforeNodeId: string; edgeId: string } | { kind: 'set-param'; nodeId: string; param: string; value: unknown; label: string };

export interface Diagnostic {
  nodeId?: string;
  edgeId?: string;
  severity: 'error' | 'warning';
  /** What is wrong, with the formula filled in with the user's numbers where there is one. */
  message: string;
  /** What to do about it. */
  hint?: string;
  fix?: QuickFix;
}

export interface CompileResult {
  /** Null when any error diagnostic exists. */
  spec: ModelSpec | null;
  /** Layers reachable from the input, in topological order. */
  layers: LayerShapeInfo[];
  /** Edge id → the shape flowing through it, in course notation ("(4, m)", "28×28×6"). */
  edgeShapes: Record<string, string>;
  diagnostics: Diagnostic[];
  /** 1×1 convolutions that shrink n_C before an f×f one, with both costs (the course's Inception example). */
  bottlenecks: Bottleneck[];
}
