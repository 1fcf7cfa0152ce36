/**
 * Some classes of a labelled dataset as a dataset of their own (the transfer-learning example:
 * digits 0–4, then 5–9): the examples of those classes, in order, relabelled 0…k−1, with
 * their class names kept.
 */
import type { InlineSource } from './source';

export function selectClasses(source: InlineSource, classes: readonly number[]): InlineSource {
  if (source.numClasses < 2) throw new Error('selecting classes needs a classification dataset');
  const unique = [...new Set(classes)];
  const bad = unique.find((c) => !Number.isInteger(c) || c < 0 || c >= source.numClasses);
  if (bad !== undefined) throw new Error(`class ${bad} does not exist (the dataset has classes 0 to ${source.numClasses - 1})`);
  if (unique.length < 2) throw new Error('select at least two classes');
  const relabel = new Map(unique.map((c, i) => [c, i]));
  const n = source.exampleShape.reduce((a, b) => a * b, 1);
  const m = source.y.length;
  const kept: number[] = [];
  for (let i = 0; i < m; i++) if (relabel.has(source.y[i])) kept.push(i);
  const x = new Float32Array(kept.length * n);
  const y = new Float32Array(kept.length);
  kept.forEach((from, i) => {
    x.set(source.x.subarray(from * n, from * n + n), i * n);
    y[i] = relabel.get(source.y[from])!;
  });
  const names = source.classNames ?? Array.from({ length: source.numClasses }, (_, c) => String(c));
  return { kind: 'inline', x, y, exampleShape: [...source.exampleShape], numClasses: unique.length, classNames: unique.map((c) => names[c]) };
}

/** "0-4", "5,7,9", "0-2,8": class indices in the order written. */
export function parseClassList(text: string): number[] {
  const out: number[] = [];
  for (const part of text.split(',')) {
    const range = /^\s*(\d+)\s*(?:-\s*(\d+))?\s*$/.exec(part);
    if (!range) throw new Error(`expected class numbers like 0-4 or 5,7,9, got "${text}"`);
    const from = Number(range[1]);
    const to = range[2] === undefined ? from : Number(range[2]);
    if (to < from) throw new Error(`the range ${part.trim()} runs backwards`);
    for (let c = from; c <= to; c++) out.push(c);
  }
  return out;
}
