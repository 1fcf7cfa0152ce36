/**
 * A CSV with several label columns as multi-task data: each chosen column is one yes/no task
 * (1/0, yes/no, true/false, y/n), and an empty cell, NA or ? is a missing label — kept as NaN,
 * so that task's cost skips that example. Every other column is a numeric feature.
 */
import type { Dataset } from '../dataset';
import { analyseColumns, type CsvTable } from '../readers/csv';
import { DataReadError, type ReadResult } from '../readers/errors';

const YES = new Set(['1', 'yes', 'y', 'true', 't']);
const NO = new Set(['0', 'no', 'n', 'false', 'f']);
const MISSING = new Set(['', 'na', 'n/a', 'nan', '?', '-']);

/** A label cell: 1, 0, NaN (missing), or undefined when it is none of those. */
export function readLabel(cell: string): number | undefined {
  const v = cell.trim().toLowerCase();
  if (YES.has(v)) return 1;
  if (NO.has(v)) return 0;
  if (MISSING.has(v)) return NaN;
  return undefined;
}

/** Label columns by name or 1-based number ("pedestrian,car" or "5,6"). */
export function labelColumns(table: CsvTable, names: readonly string[]): number[] {
  const columns = names.map((name) => {
    const byName = table.header.findIndex((h) => h === name.trim());
    if (byName !== -1) return byName;
    const number = Number(name);
    if (Number.isInteger(number) && number >= 1 && number <= table.width) return number - 1;
    throw new DataReadError(table.file, `has no column "${name.trim()}" (columns: ${table.header.join(', ')})`);
  });
  if (new Set(columns).size !== columns.length) throw new DataReadError(table.file, 'names a label column twice');
  if (columns.length < 2) throw new DataReadError(table.file, 'multi-task data needs at least two label columns');
  return columns;
}

export function buildTaskDataset(table: CsvTable, labels: readonly number[]): ReadResult {
  const file = table.file;
  const infos = analyseColumns(table);
  const features = infos.filter((c) => !labels.includes(c.index));
  if (features.length === 0) throw new DataReadError(file, 'has no feature columns besides the labels');
  const text = features.find((c) => c.kind !== 'numeric');
  if (text) throw new DataReadError(file, `column "${text.name}" is text; the features of multi-task data must be numbers`);
  const k = labels.length;
  const n = features.length;
  const rows: number[] = [];
  const warnings: string[] = [];
  let unlabelled = 0;
  table.rows.forEach((row, r) => {
    const line = table.lines[r];
    if (row.length !== table.width) throw new DataReadError(file, `line ${line} has ${row.length} columns, expected ${table.width}`);
    let present = 0;
    for (const c of labels) {
      const label = readLabel(row[c]);
      if (label === undefined)
        throw new DataReadError(
          file,
          `line ${line}: the label "${table.header[c]}" is ${JSON.stringify(row[c])}; expected 1/0, yes/no, true/false, or empty when missing`,
        );
      if (!Number.isNaN(label)) present++;
    }
    for (const c of features) {
      if (!Number.isFinite(Number(row[c.index])) || row[c.index].trim() === '')
        throw new DataReadError(file, `line ${line}: "${c.name}" is ${JSON.stringify(row[c.index])}, not a number`);
    }
    // An example with no label at all teaches nothing: left out, and said so.
    if (present === 0) unlabelled++;
    else rows.push(r);
  });
  if (unlabelled > 0) warnings.push(`left out ${unlabelled} row${unlabelled === 1 ? '' : 's'} with no label at all`);
  if (rows.length === 0) throw new DataReadError(file, 'no row has any label');
  const m = rows.length;
  const x = new Float32Array(m * n);
  const y = new Float32Array(m * k);
  rows.forEach((r, i) => {
    const row = table.rows[r];
    features.forEach((c, f) => (x[i * n + f] = Number(row[c.index])));
    labels.forEach((c, j) => (y[i * k + j] = readLabel(row[c])!));
  });
  const missing = y.reduce((count, v) => count + (Number.isNaN(v) ? 1 : 0), 0);
  if (missing > 0) warnings.push(`${missing} of ${m * k} labels are missing; each task's cost skips its missing labels`);
  const dataset: Dataset = { x, y, m, exampleShape: [n], numClasses: 2, targetWidth: k, taskNames: labels.map((c) => table.header[c]) };
  return { dataset, warnings };
}
