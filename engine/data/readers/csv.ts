/**
 * CSV/TSV import (papaparse does the quoting and delimiter detection):
 *   1. `parseTable` — cells, a detected header, one row per line (line numbers kept);
 *   2. `analyseColumns` — numeric or categorical (with its categories), and how many cells are bad;
 *   3. `buildCsvDataset` — the chosen label column becomes y (class indices, or regression
 *      targets), numeric columns features as they are, categorical columns one-hot encoded.
 * Rows with a missing or non-numeric value are listed with their line numbers and either
 * dropped or fatal, as the caller chooses.
 */
import Papa from 'papaparse';
import type { Dataset } from '../dataset';
import { FLOAT32_MAX, MAX_CLASSES, MAX_DATASET_VALUES, datasetSizeProblem } from '../../limits';
import { clip, quote } from '../../text';
import { DataReadError, type ReadResult } from './errors';
import { checkText } from './text-encoding';

export interface CsvTable {
  file: string;
  header: string[];
  hasHeader: boolean;
  delimiter: string;
  /** Data rows (header excluded), with their 1-based line numbers in the file. */
  rows: string[][];
  lines: number[];
  width: number;
}

export type ColumnKind = 'numeric' | 'categorical';

export interface ColumnInfo {
  index: number;
  name: string;
  kind: ColumnKind;
  /** Distinct values in order of first appearance (categorical columns). */
  categories: string[];
  /** Cells that are empty, or non-numeric in a numeric column. */
  bad: number;
  /** Numeric columns whose values are all whole numbers (candidate class labels). */
  integer: boolean;
  distinct: number;
}

export const MAX_CATEGORIES = 100;

const isNumber = (cell: string) => cell.trim() !== '' && Number.isFinite(Number(cell));
/** Numbers are stored as float32: 1e39 is a number, but would become Infinity. */
const beyondFloat32 = (cell: string) => Math.abs(Number(cell)) > FLOAT32_MAX;

export function parseTable(text: string, file = 'csv'): CsvTable {
  checkText(text, file);
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: false, delimitersToGuess: [',', '\t', ';', '|'] });
  const all: { cells: string[]; line: number }[] = [];
  parsed.data.forEach((cells, i) => {
    const trimmed = cells.map((c) => c.trim());
    if (trimmed.length === 1 && trimmed[0] === '') return;
    if (trimmed[0]?.startsWith('#')) return;
    all.push({ cells: trimmed, line: i + 1 });
  });
  if (all.length === 0) throw new DataReadError(file, 'is empty: no rows');
  const width = all[0].cells.length;
  if (width < 2) {
    throw new DataReadError(
      file,
      'has only one column; a dataset needs at least one feature column and a label column (is the delimiter a comma, tab or semicolon?)',
    );
  }
  const first = all[0].cells;
  const below = all.slice(1, 201);
  // A header: no numeric cell in the first row, and either a column that is numeric below
  // it, or first-row values that never appear again in their column.
  const firstNumeric = first.some(isNumber);
  const hasHeader =
    !firstNumeric &&
    (below.length === 0 ||
      first.some((cell, c) => {
        const col = below.map((r) => r.cells[c] ?? '');
        return col.filter(isNumber).length > col.length / 2 || !col.includes(cell);
      }));
  const header = hasHeader ? first.map((c, i) => clip(c, 200) || `column ${i + 1}`) : first.map((_, i) => `column ${i + 1}`);
  const body = hasHeader ? all.slice(1) : all;
  if (body.length === 0) throw new DataReadError(file, 'has a header but no data rows');
  return { file, header, hasHeader, delimiter: parsed.meta.delimiter, rows: body.map((r) => r.cells), lines: body.map((r) => r.line), width };
}

export function analyseColumns(table: CsvTable): ColumnInfo[] {
  return table.header.map((name, index) => {
    let numeric = 0;
    let nonEmpty = 0;
    let integer = true;
    const seen = new Map<string, number>();
    for (const row of table.rows) {
      const cell = row[index] ?? '';
      if (cell === '') continue;
      nonEmpty++;
      if (isNumber(cell)) {
        numeric++;
        if (!Number.isInteger(Number(cell))) integer = false;
      }
      if (!seen.has(cell) && seen.size <= MAX_CATEGORIES * 10) seen.set(cell, seen.size);
    }
    const kind: ColumnKind = nonEmpty > 0 && numeric >= nonEmpty / 2 ? 'numeric' : 'categorical';
    const empty = table.rows.length - nonEmpty;
    const bad = kind === 'numeric' ? table.rows.length - numeric : empty;
    return { index, name, kind, categories: kind === 'categorical' ? [...seen.keys()] : [], bad, integer: kind === 'numeric' && integer, distinct: seen.size };
  });
}

export type CsvTask = 'auto' | 'classification' | 'regression';

export interface CsvOptions {
  /** Index of the label column (default: the last). */
  label?: number;
  task?: CsvTask;
  /** Rows with a missing or non-numeric value: drop them (listed in warnings) or stop with an error. */
  onBadRow?: 'drop' | 'stop';
  /** Columns to leave out of the features. */
  exclude?: number[];
}

export interface CsvFeature {
  /** Feature name: the column, or `column=category` for one-hot columns. */
  name: string;
  column: number;
}

export interface BadRow {
  line: number;
  reason: string;
}

export interface CsvResult extends ReadResult {
  task: 'classification' | 'regression';
  features: CsvFeature[];
  /** Categorical feature columns and their one-hot categories. */
  oneHot: { column: string; categories: string[] }[];
  badRows: BadRow[];
}

/** Numeric labels with at most this many distinct whole values are classes under `auto`. */
const MAX_AUTO_CLASSES = 20;

export function buildCsvDataset(table: CsvTable, options: CsvOptions = {}): CsvResult {
  const file = table.file;
  const columns = analyseColumns(table);
  const label = options.label ?? table.width - 1;
  if (!Number.isInteger(label) || label < 0 || label >= table.width) {
    throw new DataReadError(file, `label column ${label + 1} does not exist (the file has ${table.width} columns)`);
  }
  const labelCol = columns[label];
  const exclude = new Set(options.exclude ?? []);
  const warnings: string[] = [];

  let task: 'classification' | 'regression';
  if (options.task === 'regression') {
    if (labelCol.kind !== 'numeric') throw new DataReadError(file, `column ${quote(labelCol.name)} is text; a regression target must be numeric`);
    task = 'regression';
  } else if (options.task === 'classification') task = 'classification';
  else task = labelCol.kind === 'categorical' || (labelCol.integer && labelCol.distinct <= MAX_AUTO_CLASSES) ? 'classification' : 'regression';

  const featureCols = columns.filter((c) => c.index !== label && !exclude.has(c.index));
  const usable = featureCols.filter((c) => {
    if (c.kind === 'categorical' && c.categories.length > MAX_CATEGORIES) {
      warnings.push(`column ${quote(c.name)} has more than ${MAX_CATEGORIES} distinct text values and was left out of the features`);
      return false;
    }
    return true;
  });
  if (usable.length === 0) throw new DataReadError(file, 'has no feature columns besides the label');

  const features: CsvFeature[] = [];
  const oneHot: CsvResult['oneHot'] = [];
  for (const c of usable) {
    if (c.kind === 'numeric') features.push({ name: c.name, column: c.index });
    else {
      oneHot.push({ column: c.name, categories: c.categories });
      for (const cat of c.categories) features.push({ name: `${c.name}=${cat}`, column: c.index });
    }
  }

  // Find bad rows first, so nothing is built from a file we then reject.
  const badRows: BadRow[] = [];
  const good: number[] = [];
  table.rows.forEach((row, r) => {
    const line = table.lines[r];
    if (row.length !== table.width) return badRows.push({ line, reason: `has ${row.length} columns, expected ${table.width}` });
    const labelCell = row[label];
    if (labelCell === '') return badRows.push({ line, reason: `the label ${quote(labelCol.name)} is missing` });
    if (task === 'regression' && !isNumber(labelCell)) {
      return badRows.push({ line, reason: `the label ${quote(labelCol.name)} is ${quote(labelCell)}, not a number` });
    }
    if (task === 'regression' && beyondFloat32(labelCell)) {
      return badRows.push({ line, reason: `the label ${quote(labelCol.name)} is ${clip(labelCell)}, beyond float32's range (±3.4e38)` });
    }
    for (const c of usable) {
      const cell = row[c.index];
      if (cell === '') return badRows.push({ line, reason: `${quote(c.name)} is missing` });
      if (c.kind === 'numeric' && !isNumber(cell)) return badRows.push({ line, reason: `${quote(c.name)} is ${quote(cell)}, not a number` });
      if (c.kind === 'numeric' && beyondFloat32(cell))
        return badRows.push({ line, reason: `${quote(c.name)} is ${clip(cell)}, beyond float32's range (±3.4e38)` });
    }
    good.push(r);
  });
  if (badRows.length > 0 && options.onBadRow !== 'drop') {
    const list = badRows
      .slice(0, 5)
      .map((b) => `line ${b.line} ${b.reason}`)
      .join('; ');
    throw new DataReadError(
      file,
      `${badRows.length} row${badRows.length === 1 ? '' : 's'} with missing, non-numeric or out-of-range values (${list}${badRows.length > 5 ? '; …' : ''})`,
    );
  }
  if (badRows.length > 0)
    warnings.push(
      `dropped ${badRows.length} row${badRows.length === 1 ? '' : 's'} with missing, non-numeric or out-of-range values (lines ${badRows
        .slice(0, 20)
        .map((b) => b.line)
        .join(', ')}${badRows.length > 20 ? ', …' : ''})`,
    );
  if (good.length === 0) throw new DataReadError(file, 'no usable rows are left after dropping the bad ones');

  const n = features.length;
  const m = good.length;
  const tooLarge = datasetSizeProblem(m, n, MAX_DATASET_VALUES);
  if (tooLarge) throw new DataReadError(file, tooLarge);
  const x = new Float32Array(m * n);
  const y = new Float32Array(m);
  const catIndex = new Map(usable.filter((c) => c.kind === 'categorical').map((c) => [c.index, new Map(c.categories.map((v, i) => [v, i]))]));
  let classNames: string[] | undefined;
  let classOf: Map<string, number> | undefined;
  if (task === 'classification') {
    const values = [...new Set(good.map((r) => table.rows[r][label]))];
    if (labelCol.kind === 'numeric' && values.every(isNumber)) values.sort((a, b) => Number(a) - Number(b));
    if (values.length < 2) throw new DataReadError(file, `the label column ${quote(labelCol.name)} has only one class (${quote(values[0])})`);
    if (values.length > MAX_CLASSES)
      throw new DataReadError(
        file,
        `the label column ${quote(labelCol.name)} has ${values.length} distinct values (at most ${MAX_CLASSES} classes); choose regression or another column`,
      );
    classNames = values;
    classOf = new Map(values.map((v, i) => [v, i]));
  }
  good.forEach((r, i) => {
    const row = table.rows[r];
    let f = 0;
    for (const c of usable) {
      if (c.kind === 'numeric') x[i * n + f++] = Number(row[c.index]);
      else {
        const cats = catIndex.get(c.index)!;
        x[i * n + f + cats.get(row[c.index])!] = 1;
        f += cats.size;
      }
    }
    y[i] = classOf ? classOf.get(row[label])! : Number(row[label]);
  });
  const dataset: Dataset = { x, y, m, exampleShape: [n], numClasses: classNames ? classNames.length : 0, targetWidth: 1 };
  if (classNames) dataset.classNames = classNames;
  return { dataset, warnings, task, features, oneHot, badRows };
}

/** Parse and build in one step. */
export function readCsv(text: string, file: string, options: CsvOptions = {}): CsvResult {
  return buildCsvDataset(parseTable(text, file), options);
}
