/**
 * Graph structure: unique ids, known endpoints, a topological order (Kahn's
 * algorithm) with cycle detection, and reachability from the input / to the output.
 */
import type { Diagnostic, GraphEdge, GraphInput } from './types';

export interface GraphStructure {
  /** Node ids in topological order (nodes on cycles are left out). */
  order: string[];
  /** Incoming edges per node, ordered by handle (add: a then b; concatenate: a to d). */
  incoming: Map<string, GraphEdge[]>;
  outgoing: Map<string, GraphEdge[]>;
  diagnostics: Diagnostic[];
}

export function analyseGraph(graph: GraphInput): GraphStructure {
  const diagnostics: Diagnostic[] = [];
  const ids = new Set<string>();
  for (const node of graph.nodes) {
    if (ids.has(node.id))
      diagnostics.push({ nodeId: node.id, severity: 'error', message: `Two layers share the id ${node.id}.`, hint: 'Give every layer its own id.' });
    ids.add(node.id);
  }
  const incoming = new Map<string, GraphEdge[]>(graph.nodes.map((n) => [n.id, []]));
  const outgoing = new Map<string, GraphEdge[]>(graph.nodes.map((n) => [n.id, []]));
  for (const edge of graph.edges) {
    if (!ids.has(edge.source) || !ids.has(edge.target)) {
      diagnostics.push({ edgeId: edge.id, severity: 'error', message: `Connection ${edge.id} points at a missing layer.`, hint: 'Delete the connection.' });
      continue;
    }
    if (edge.source === edge.target) {
      diagnostics.push({
        nodeId: edge.source,
        edgeId: edge.id,
        severity: 'error',
        message: 'This layer feeds itself (a cycle).',
        hint: 'Networks here are feed-forward: delete the loop.',
      });
      continue;
    }
    incoming.get(edge.target)!.push(edge);
    outgoing.get(edge.source)!.push(edge);
  }
  for (const list of incoming.values()) list.sort((a, b) => handleRank(a.targetHandle) - handleRank(b.targetHandle));

  // Kahn's algorithm, visiting nodes in document order for a stable result.
  const indegree = new Map<string, number>();
  for (const [id, list] of incoming) indegree.set(id, list.length);
  const queue = graph.nodes.filter((n) => indegree.get(n.id) === 0).map((n) => n.id);
  const order: string[] = [];
  const seen = new Set<string>();
  while (queue.length > 0) {
    const id = queue.shift()!;
    if (seen.has(id)) continue;
    seen.add(id);
    order.push(id);
    for (const edge of outgoing.get(id) ?? []) {
      const left = indegree.get(edge.target)! - 1;
      indegree.set(edge.target, left);
      if (left === 0) queue.push(edge.target);
    }
  }
  const onCycle = graph.nodes.filter((n) => !seen.has(n.id)).map((n) => n.id);
  if (onCycle.length > 0) {
    for (const id of onCycle) {
      diagnostics.push({
        nodeId: id,
        severity: 'error',
        message: `This layer is on a cycle (${onCycle.join(' → ')}); data must flow one way from input to output.`,
        hint: 'Delete one of the connections that loops back.',
      });
    }
  }
  return { order, incoming, outgoing, diagnostics };
}

/** Handles are ordered by name ('a' before 'b' before 'c'…); a single handle ('in' or none) ranks first. */
function handleRank(handle: string | null | undefined): number {
  return handle && handle.length === 1 ? handle.charCodeAt(0) - 96 : 0;
}

/** Ids reachable from `start` following `next`. */
export function reachable(start: string[], next: (id: string) => string[]): Set<string> {
  const seen = new Set<string>(start);
  const stack = [...start];
  while (stack.length > 0) {
    const id = stack.pop()!;
    for (const n of next(id)) {
      if (!seen.has(n)) {
        seen.add(n);
        stack.push(n);
      }
    }
  }
  return seen;
}
