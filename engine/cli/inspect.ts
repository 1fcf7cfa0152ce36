/** dendrite inspect: the per-layer dimension table (W, b, Z, A, dW, db) with parameter counts. */
import { compileSpec, formatShape } from '../compile';
import type { ParsedArgs } from './args';
import type { CliIo } from './io';
import { readSpec } from './spec-file';

export const INSPECT_OPTIONS = ['spec'];
const COLUMNS = ['W', 'b', 'Z', 'A', 'dW', 'db'] as const;

export async function inspectCommand(args: ParsedArgs, io: CliIo): Promise<number> {
  const spec = readSpec(args.options.get('spec'), io);
  const compiled = compileSpec(spec);
  const header = ['l', 'layer', 'kind', ...COLUMNS, 'params'];
  const rows = compiled.layers.map((layer) => [
    layer.l === null ? '' : String(layer.l),
    layer.id,
    layer.kind,
    ...COLUMNS.map((key) => (layer.shapes[key] ? formatShape(layer.shapes[key]) : layer.kind === 'batchnorm' && (key === 'W' || key === 'b') ? formatShape(layer.shapes[key === 'W' ? 'gamma' : 'beta']) + (key === 'W' ? ' γ' : ' β') : '')),
    layer.params.toLocaleString('en'),
  ]);
  const total = compiled.layers.reduce((sum, l) => sum + l.params, 0);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  const out = [
    spec.name ? `${spec.name}` : null,
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    '',
    `total parameters: ${total.toLocaleString('en')}  (L = ${compiled.layers.filter((l) => l.l !== null && l.l > 0).length} layers with weights)`,
  ].filter((x): x is string => x !== null);
  io.stdout(`${out.join('\n')}\n`);
  return 0;
}
