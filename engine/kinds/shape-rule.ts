/**
 * What a kind's shape rule is given and returns. Given the example shapes flowing in, a rule
 * returns the example shape flowing out, the course-notation table (W, b, Z, A, dW, db, …) and
 * the parameter count, or one diagnostic with the formula filled in with the user's numbers.
 */
import type { Diagnostic } from '../compile/types';
import { activationDims, formatActivation, type Dim } from '../spec/notation';

/** `multiplies`: multiplications in one example's forward pass (conv: n_H·n_W·n_C · f·f·n_C_prev), where a kind has a count worth showing. */
export type ShapeOk = { ok: true; outShape: number[]; shapes: Record<string, Dim[]>; params: number; multiplies?: number };
export type ShapeError = { ok: false; diagnostic: Diagnostic };
export type ShapeResult = ShapeOk | ShapeError;

/** An input's example shape, and the edge it came by (so a fix can point at it). */
export type InputInfo = { shape: number[]; edgeId: string };

export const isImage = (shape: readonly number[]): boolean => shape.length === 3;

export interface ShapeRule {
  /** The node (layer id) being checked, for fixes that point at it. */
  readonly nodeId: string;
  /** The example shapes flowing in, one per input handle. */
  readonly inputs: readonly InputInfo[];
  /** The first input's example shape. */
  readonly input: number[];
  fail(message: string, hint: string, extra?: Partial<Diagnostic>): ShapeError;
  /** The input's shape passes through (elementwise kinds); `extra` shapes are listed before A. */
  same(extra?: Record<string, Dim[]>): ShapeOk;
  /** An error (with the insert-flatten fix) when `what` receives images instead of a feature vector. */
  needVector(what: string): ShapeError | null;
  /** An error when `what` receives a feature vector instead of images. */
  needImages(what: string, hint: string): ShapeError | null;
}

export function shapeRule(nodeId: string, inputs: InputInfo[]): ShapeRule {
  const input = inputs[0]?.shape ?? [];
  const fail = (message: string, hint: string, extra: Partial<Diagnostic> = {}): ShapeError => ({
    ok: false,
    diagnostic: { nodeId, severity: 'error', message, hint, ...extra },
  });
  return {
    nodeId,
    inputs,
    input,
    fail,
    same: (extra = {}) => ({ ok: true, outShape: [...input], shapes: { ...extra, A: activationDims(input) }, params: 0 }),
    needVector(what) {
      if (!isImage(input)) return null;
      const [h, w, c] = input;
      return fail(
        `${what} needs a feature vector (n, m) but receives images ${formatActivation(input)}`,
        `Insert a flatten layer before it: ${h}×${w}×${c} → (${h * w * c}, m).`,
        { fix: { kind: 'insert-flatten', beforeNodeId: nodeId, edgeId: inputs[0].edgeId } },
      );
    },
    needImages(what, hint) {
      return isImage(input) ? null : fail(`${what} needs images (m, n_H, n_W, n_C) but receives ${formatActivation(input)}`, hint);
    },
  };
}
