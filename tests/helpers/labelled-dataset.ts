import type { Dataset } from '../../engine/data/dataset';

/** `counts[k]` examples of class k, in class order. Example i has features (i, 10·class): its id and its label travel together. */
export function labelled(counts: number[]): Dataset {
  const m = counts.reduce((a, b) => a + b, 0);
  const x = new Float32Array(m * 2);
  const y = new Float32Array(m);
  let i = 0;
  counts.forEach((c, k) => {
    for (let j = 0; j < c; j++, i++) {
      y[i] = k;
      x[2 * i] = i;
      x[2 * i + 1] = k * 10;
    }
  });
  return { x, y, m, exampleShape: [2], numClasses: counts.length, targetWidth: 1 };
}
