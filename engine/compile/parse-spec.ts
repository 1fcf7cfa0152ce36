/**
 * A spec from outside (a file, the CLI, an imported model) made trustworthy: its structure and
 * every field through the spec schema, its ids and wiring, then the compiler's graph checks
 * (shapes, sizes) reported against the same layer paths. One line per problem.
 */
import { MAX_TOTAL_PARAMS } from '../spec/limits';
import { modelSpecSchema } from '../kinds/spec-schema';
import type { ModelSpec } from '../spec/types';
import { formatZodError } from '../spec/zod-format';
import { compileSpec } from './compile-graph';
import { quote } from '../text';

export type ParseResult = { ok: true; spec: ModelSpec } | { ok: false; error: string };

export function parseModelSpec(json: unknown): ParseResult {
  const parsed = modelSpecSchema.safeParse(json);
  if (!parsed.success) return { ok: false, error: formatZodError(parsed.error) };
  const spec = parsed.data;

  const index = new Map<string, number>();
  for (const [i, layer] of spec.layers.entries()) {
    if (index.has(layer.id)) return { ok: false, error: `layers[${i}].id: duplicate id ${quote(layer.id)} (also layers[${index.get(layer.id)}])` };
    index.set(layer.id, i);
  }
  for (const [i, layer] of spec.layers.entries()) {
    for (const [j, source] of layer.inputs.entries()) {
      const at = index.get(source);
      if (at === undefined) return { ok: false, error: `layers[${i}].inputs[${j}]: no layer has id ${quote(source)}` };
      if (at >= i) return { ok: false, error: `layers[${i}].inputs[${j}]: ${quote(source)} comes later; layers must be in topological order` };
    }
  }

  const compiled = compileSpec(spec);
  const error = compiled.diagnostics.find((d) => d.severity === 'error');
  if (error) {
    const where = error.nodeId !== undefined && index.has(error.nodeId) ? `layers[${index.get(error.nodeId)}]` : 'layers';
    // Parameter messages start with the field name ("units: …"): join it to the path.
    const field = /^([A-Za-z_][\w.]*): (.*)$/.exec(error.message);
    return { ok: false, error: field && where !== 'layers' ? `${where}.${field[1]}: ${field[2]}` : `${where}: ${error.message}` };
  }
  const totalParams = compiled.layers.reduce((sum, l) => sum + l.params, 0);
  if (totalParams > MAX_TOTAL_PARAMS) {
    return { ok: false, error: `layers: the model has ${totalParams.toLocaleString('en')} parameters; the limit is ${MAX_TOTAL_PARAMS.toLocaleString('en')}` };
  }
  return { ok: true, spec };
}
