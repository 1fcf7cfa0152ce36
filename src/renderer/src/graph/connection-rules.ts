/**
 * Whether a wire may be drawn, and why not: pure, so React Flow can ask while the
 * user drags and tests can ask directly.
 */
import type { GraphDoc } from './document';
import { NODE_KINDS } from './node-kinds';

export interface ProposedConnection {
  source: string | null;
  target: string | null;
  targetHandle?: string | null;
}

export type ConnectionVerdict = { ok: true } | { ok: false; reason: string };

export function checkConnection(doc: GraphDoc, connection: ProposedConnection): ConnectionVerdict {
  const { source, target } = connection;
  if (!source || !target) return { ok: false, reason: 'Connect an output handle to an input handle.' };
  if (source === target) return { ok: false, reason: 'A layer cannot feed itself.' };
  const sourceNode = doc.nodes.find((n) => n.id === source);
  const targetNode = doc.nodes.find((n) => n.id === target);
  if (!sourceNode || !targetNode) return { ok: false, reason: 'That node no longer exists.' };
  if (!NODE_KINDS[sourceNode.type!].hasOutput) return { ok: false, reason: 'The output layer is the end of the network.' };
  if (NODE_KINDS[targetNode.type!].inputs.length === 0) return { ok: false, reason: 'The input layer has no inputs.' };
  if (reaches(doc, target, source)) {
    return { ok: false, reason: 'That wire would make a cycle: activations must flow forward.' };
  }
  return { ok: true };
}

/** True if `to` can be reached from `from` along existing edges. */
function reaches(doc: GraphDoc, from: string, to: string): boolean {
  const next = new Map<string, string[]>();
  for (const edge of doc.edges) next.set(edge.source, [...(next.get(edge.source) ?? []), edge.target]);
  const seen = new Set<string>();
  const stack = [from];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (id === to) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...(next.get(id) ?? []));
  }
  return false;
}
