/** dendrite inspect: the per-layer dimension table (W, b, Z, A, dW, db), parameter counts and each layer's summary. */
import { compileSpec, formatShape } from '../compile';
import { kindOf } from '../kinds/lookup';
import type { ParsedArgs } from './args';
import type { CliIo } from './io';
import { readSpec } from './spec-file';

export const INSPECT_OPTIONS = ['spec'];
const COLUMNS = ['W', 'b', 'Z', 'A', 'dW', 'db'] as const;

export async function inspectCommand(args: ParsedArgs, io: CliIo): Promise<number> {
  const spec = readSpec(args.options.get('spec'), io);
  const compiled = compileSpec(spec);
  const specById = new Map(compiled.spec?.layers.map((layer) => [layer.id, layer]));
  const header = ['l', 'layer', 'kind', ...COLUMNS, 'params', 'summary'];
  const rows = compiled.layers.map((layer) => {
    const kind = kindOf(layer.kind)!;
    const cell = (column: (typeof COLUMNS)[number]) => {
      // A kind whose parameters are not W and b (batch norm's γ, β) shows them in those columns.
      const [key, symbol] = (column === 'W' || column === 'b' ? kind.weightColumns?.[column] : undefined) ?? [column, ''];
      return layer.shapes[key] ? `${formatShape(layer.shapes[key])} ${symbol}`.trimEnd() : '';
    };
    return [
      layer.l === null ? '' : String(layer.l),
      layer.id,
      layer.kind,
      ...COLUMNS.map(cell),
      layer.params.toLocaleString('en'),
      kind.summary(specById.get(layer.id) ?? {}),
    ];
  });
  const total = compiled.layers.reduce((sum, l) => sum + l.params, 0);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const params = header.indexOf('params');
  const line = (cells: string[]) => cells.map((c, i) => (i === params ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
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
