/**
 * The network of a project file (`*.dendrite.json`), for `dendrite verify`: only its graph is
 * read (the app validates the whole project with src/shared/project.ts when it opens one).
 */
import { z } from 'zod';
import type { GraphInput } from '../compile/types';
import { LAYER_KINDS } from '../kinds/lookup';
import type { LayerKind } from '../spec/types';
import { formatZodError } from '../spec/zod-format';

/** The app refuses larger project files too. */
const MAX_PROJECT_BYTES = 20 * 1024 * 1024;

const id = z.string().min(1).max(200);
const graphSchema = z.object({
  format: z.literal('dendrite.project'),
  graph: z.object({
    nodes: z.array(z.object({ id, kind: z.enum(LAYER_KINDS as [LayerKind, ...LayerKind[]]), params: z.record(z.string(), z.unknown()) })).max(5000),
    edges: z.array(z.object({ id, source: id, target: id, targetHandle: z.string().max(20).nullable().optional() })).max(20000),
  }),
});

export function readProjectGraph(text: string): { ok: true; graph: GraphInput } | { ok: false; error: string } {
  if (text.length > MAX_PROJECT_BYTES) return { ok: false, error: 'The project file is too large to be a Dendrite project.' };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, error: 'The project file is not valid JSON.' };
  }
  if ((json as { format?: unknown } | null)?.format !== 'dendrite.project') {
    return { ok: false, error: 'The second file is not a Dendrite project (format should be "dendrite.project").' };
  }
  const parsed = graphSchema.safeParse(json);
  if (!parsed.success) return { ok: false, error: `The project file is malformed: ${formatZodError(parsed.error)}.` };
  const { nodes, edges } = parsed.data.graph;
  return {
    ok: true,
    graph: {
      nodes: nodes.map((n) => ({ id: n.id, kind: n.kind, params: n.params })),
      edges: edges.map((e) => ({ id: e.id, source: e.source, target: e.target, targetHandle: e.targetHandle ?? null })),
    },
  };
}
