/**
 * A canvas node's params read through its kind's schema: the layer's fields with every default
 * filled in, or one diagnostic per wrong field, with a hint and a fix made from the field's
 * own range (spec/fields.ts), then the kind's rules between fields.
 */
import type { z } from 'zod';
import { allKinds, kindOf } from '../kinds/lookup';
import type { KindDescriptor } from '../kinds/kind';
import { fieldsOf, type Field } from '../spec/fields';
import { formatPath } from '../spec/zod-format';
import type { LayerFields } from '../spec/types';
import type { Diagnostic, GraphNode } from './types';
import { quote } from '../text';

export type { LayerFields } from '../spec/types';

export function readLayer(node: GraphNode): { layer: LayerFields | null; diagnostics: Diagnostic[] } {
  const kind = kindOf(node.kind);
  if (!kind) {
    const message = `unknown layer kind ${quote(String(node.kind))}`;
    return {
      layer: null,
      diagnostics: [
        {
          nodeId: node.id,
          severity: 'error',
          message,
          hint: `Use one of: ${allKinds()
            .map((k) => k.kind)
            .join(', ')}.`,
        },
      ],
    };
  }
  const parsed = kind.params.safeParse(node.params);
  if (!parsed.success) return { layer: null, diagnostics: fieldProblems(node, kind, parsed.error) };
  const layer = { id: node.id, kind: node.kind, ...parsed.data };
  const diagnostics = kind.check?.(layer) ?? [];
  // The kind's own schema has just read these fields, so they are that kind's layer fields.
  return { layer: diagnostics.some((d) => d.severity === 'error') ? null : (layer as LayerFields), diagnostics };
}

/** One diagnostic per wrong field (its first issue), in the order of the kind's fields. */
function fieldProblems(node: GraphNode, kind: KindDescriptor, error: z.ZodError): Diagnostic[] {
  const fields = new Map(fieldsOf(kind.params).map((field) => [field.param, field]));
  const seen = new Set<string>();
  return error.issues.flatMap((issue) => {
    const param = String(issue.path[0]);
    if (seen.has(param)) return [];
    seen.add(param);
    const { hint, fix } = advice(fields.get(param)!, node.params[param], (kind.defaults as Record<string, unknown>)[param]);
    const diagnostic: Diagnostic = { nodeId: node.id, severity: 'error', message: `${formatPath(issue.path)}: ${issue.message}`, hint };
    if (fix !== undefined) diagnostic.fix = { kind: 'set-param', nodeId: node.id, param, value: fix, label: `Set ${param} to ${String(fix)}` };
    return [diagnostic];
  });
}

/** What to do about a wrong value, from the field's range: the hint, and the value a fix sets. */
function advice(field: Field, value: unknown, startValue: unknown): { hint: string; fix?: unknown } {
  switch (field.type) {
    case 'int': {
      const range = `an integer from ${field.min} to ${field.max}`;
      if (value === undefined) return { hint: `Give ${field.param} ${range}.` };
      const fix = typeof value === 'number' && Number.isFinite(value) ? Math.min(field.max, Math.max(field.min, Math.round(value))) : field.min;
      return { hint: `Use ${range}.`, fix };
    }
    case 'number':
      return { hint: `Use a value in ${field.exclusiveMin ? '(' : '['}${field.min}, ${field.max}].`, fix: field.default ?? startValue };
    case 'choice':
      return { hint: `Pick one of: ${field.choices.map((c) => c.value).join(', ')}.`, fix: field.default ?? startValue ?? field.choices[0]?.value };
    case 'toggle':
      return { hint: 'Use true or false.', fix: false };
    default:
      return { hint: field.hint };
  }
}
