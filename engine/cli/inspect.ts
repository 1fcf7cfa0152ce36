/**
 * dendrite inspect: the per-layer dimension table (W, b, Z, A, dW, db), parameter counts,
 * multiplications per example and each layer's summary; then the bottleneck costs, if any.
 */
import { compileSpec, formatShape } from '../compile';
import { countParams } from '../compile/param-counts';
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
  const header = ['l', 'layer', 'kind', ...COLUMNS, 'params', 'mults', 'summary'];
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
      `${layer.params.toLocaleString('en')}${layer.frozen ? ' frozen' : ''}`,
      layer.multiplies === undefined ? '' : layer.multiplies.toLocaleString('en'),
      kind.summary(specById.get(layer.id) ?? {}),
    ];
  });
  const counts = countParams(compiled.layers);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const numeric = new Set([header.indexOf('params'), header.indexOf('mults')]);
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (numeric.has(i) ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  const out = [
    spec.name ? `${spec.name}` : null,
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    '',
    `total parameters: ${counts.total.toLocaleString('en')}  (L = ${compiled.layers.filter((l) => l.l !== null && l.l > 0).length} layers with weights)`,
    `trainable: ${counts.trainable.toLocaleString('en')}  frozen: ${counts.frozen.toLocaleString('en')}`,
    ...compiled.bottlenecks.map(
      (b) =>
        `bottleneck ${b.bottleneckId} → ${b.convId}: ${b.multiplies.toLocaleString('en')} multiplications per example, against ${b.plainMultiplies.toLocaleString('en')} for the ${b.f}×${b.f} conv on all ${b.channelsIn} channels (${(b.plainMultiplies / b.multiplies).toFixed(1)}× fewer)`,
    ),
  ].filter((x): x is string => x !== null);
  io.stdout(`${out.join('\n')}\n`);
  return 0;
}
