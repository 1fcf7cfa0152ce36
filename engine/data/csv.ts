/**
 * CSV → Dataset (pure; file reading lives in the CLI). One example per row, the
 * label in the last column; a first row with non-numeric features is a header.
 * Labels: non-negative integers → class indices; other text → classes named by first
 * appearance; non-integer numbers → regression targets.
 */
import type { Dataset } from './dataset';

export function parseCsv(text: string, source = 'csv'): Dataset {
  const rows = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0 && !line.startsWith('#'))
    .map((line) => line.split(',').map((cell) => cell.trim()));
  if (rows.length === 0) throw new Error(`${source}: no rows`);
  const width = rows[0].length;
  if (width < 2) throw new Error(`${source}: expected at least one feature column and a label column`);
  const isNumber = (cell: string) => cell !== '' && Number.isFinite(Number(cell));
  const header = rows[0].slice(0, -1).some((cell) => !isNumber(cell));
  const body = header ? rows.slice(1) : rows;
  if (body.length === 0) throw new Error(`${source}: no examples after the header`);
  const n = width - 1;
  const m = body.length;
  const x = new Float32Array(m * n);
  const labels: string[] = [];
  body.forEach((row, i) => {
    const line = i + (header ? 2 : 1);
    if (row.length !== width) throw new Error(`${source}: line ${line} has ${row.length} columns, expected ${width}`);
    for (let f = 0; f < n; f++) {
      if (!isNumber(row[f])) throw new Error(`${source}: line ${line}, column ${f + 1}: expected a number, got ${JSON.stringify(row[f])}`);
      x[i * n + f] = Number(row[f]);
    }
    labels.push(row[n]);
  });

  const y = new Float32Array(m);
  if (labels.every((label) => /^\d+$/.test(label))) {
    labels.forEach((label, i) => (y[i] = Number(label)));
    const numClasses = Math.max(2, ...Array.from(y, (v) => v + 1));
    if (numClasses > 10_000) throw new Error(`${source}: labels go up to ${numClasses - 1}; expected class indices`);
    return { x, y, m, exampleShape: [n], numClasses, targetWidth: 1 };
  }
  if (labels.every(isNumber)) {
    labels.forEach((label, i) => (y[i] = Number(label)));
    return { x, y, m, exampleShape: [n], numClasses: 0, targetWidth: 1 };
  }
  const classNames: string[] = [];
  const index = new Map<string, number>();
  labels.forEach((label, i) => {
    if (!index.has(label)) {
      index.set(label, classNames.length);
      classNames.push(label);
    }
    y[i] = index.get(label)!;
  });
  return { x, y, m, exampleShape: [n], numClasses: Math.max(2, classNames.length), targetWidth: 1, classNames };
}
