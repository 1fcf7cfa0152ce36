/**
 * Wiring without a mouse: with two layers selected, W wires the left one into the right one (its
 * first free input), under the same rules as a wire drawn by hand (connection-rules.ts).
 */
import { checkConnection, type ConnectionVerdict } from '../graph/connection-rules';
import type { GraphDoc } from '../graph/document';
import { NODE_KINDS } from '../graph/node-kinds';

export const WIRE_KEY = 'w';

export type KeyboardWire = { ok: true; source: string; target: string; targetHandle: string } | Extract<ConnectionVerdict, { ok: false }>;

export function wireBetweenSelected(doc: GraphDoc): KeyboardWire {
  const selected = doc.nodes.filter((n) => n.selected);
  if (selected.length !== 2) {
    return { ok: false, reason: 'Select two layers to wire (Shift+click them, or Tab to each and press Ctrl/Cmd+Enter), then press W.' };
  }
  const [from, to] = [...selected].sort((a, b) => a.position.x - b.position.x || a.position.y - b.position.y) as [typeof selected[0], typeof selected[0]];
  const inputs = NODE_KINDS[to.type!].inputs;
  const taken = (handle: string) => doc.edges.some((e) => e.target === to.id && (e.targetHandle ?? 'in') === handle);
  const targetHandle = inputs.find((h) => !taken(h)) ?? inputs[0] ?? 'in';
  if (doc.edges.some((e) => e.source === from.id && e.target === to.id)) return { ok: false, reason: 'Those two layers are already wired.' };
  const verdict = checkConnection(doc, { source: from.id, target: to.id, targetHandle });
  return verdict.ok ? { ok: true, source: from.id, target: to.id, targetHandle } : verdict;
}
