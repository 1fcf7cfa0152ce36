/** The course's notation for shapes, shared by the kinds' shape rules, the compiler and the canvas. */

/** A dimension: a number, or the symbolic batch size m. */
export type Dim = number | 'm';

/** Course notation for a shape: "(4, m)", "(4, 2)", "(m, 28, 28, 6)". */
export function formatShape(dims: readonly Dim[]): string {
  return `(${dims.join(', ')})`;
}

/** The label on an edge: "(4, m)" for feature vectors, "28×28×6" for images. */
export function formatActivation(exampleShape: readonly number[]): string {
  if (exampleShape.length === 3) return exampleShape.join('×');
  return formatShape([...exampleShape, 'm']);
}

/** Course-notation layout of a batch of activations: (n, m) or (m, n_H, n_W, n_C). */
export function activationDims(exampleShape: readonly number[]): Dim[] {
  return exampleShape.length === 3 ? ['m', ...exampleShape] : [...exampleShape, 'm'];
}
