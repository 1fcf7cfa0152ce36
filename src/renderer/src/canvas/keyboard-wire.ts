/**
 * Wires made other than handle to handle: with two layers selected, W wires the left one into the
 * right one; a wire dropped on a layer's body goes into its first free input. Both follow the rules
 * of a wire drawn by hand (connection-rules.ts) and say why when they refuse.
 */
import { checkConnection, type ConnectionVerdict } from '../graph/connection-rules';
import type { GraphDoc } from '../graph/document';
import { NODE_KINDS } from '../graph/node-kinds';

export const WIRE_KEY = 'w';

export type KeyboardWire = { ok: true; source: string; target: string; targetHandle: string } | Extract<ConnectionVerdict, { ok: false }>;

/** The target's first input with no wire yet (its first input when all are taken: the new wire replaces that one). */
export function freeInput(doc: GraphDoc, targetId: string): string {
  const target = doc.nodes.find((n) => n.id === targetId);
  const inputs = target ? NODE_KINDS[target.type!].inputs : [];
  const taken = (handle: string) => doc.edges.some((e) => e.target === targetId && (e.targetHandle ?? 'in') === handle);
  return inputs.find((h) => !taken(h)) ?? inputs[0] ?? 'in';
}

/** A wire from `source` into `target`'s input `handle` (its first free one if not given), under the rules of a drawn wire. */
export function wireInto(doc: GraphDoc, source: string, target: string, handle?: string): KeyboardWire {
  const targetHandle = handle ?? freeInput(doc, target);
  if (doc.edges.some((e) => e.source === source && e.target === target)) return { ok: false, reason: 'Those two layers are already wired.' };
  const verdict = checkConnection(doc, { source, target, targetHandle });
  return verdict.ok ? { ok: true, source, target, targetHandle } : verdict;
}

export function wireBetweenSelected(doc: GraphDoc): KeyboardWire {
  const selected = doc.nodes.filter((n) => n.selected);
  if (selected.length !== 2) {
    return { ok: false, reason: 'Select two layers to wire (Shift+click them, or Tab to each and press Ctrl/Cmd+Enter), then press W.' };
  }
  const [from, to] = [...selected].sort((a, b) => a.position.x - b.position.x || a.position.y - b.position.y) as [(typeof selected)[0], (typeof selected)[0]];
  return wireInto(doc, from.id, to.id);
}
