/** Class indices → one-hot columns (k, m), the course's convert_to_one_hot. */
export function oneHot(labels: ArrayLike<number>, k: number): Float32Array {
  const m = labels.length;
  const Y = new Float32Array(k * m);
  for (let i = 0; i < m; i++) {
    const label = labels[i];
    if (Number.isInteger(label) && label >= 0 && label < k) Y[label * m + i] = 1;
  }
  return Y;
}
