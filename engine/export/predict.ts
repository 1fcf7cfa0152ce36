/**
 * predict(model, x): normalise with the training set's μ/σ², run test-mode forward
 * passes in chunks of the network's capacity, and return each example's output
 * activations ŷ and (for classification) its class.
 */
import { exampleSize } from '../data/dataset';
import type { OutputLayer } from '../spec/types';
import type { TrainedModel } from './model';

export interface Prediction {
  /** A[L] for the example: probabilities for sigmoid/softmax, values for linear. */
  output: number[];
  /** Predicted class index (classification only). */
  class?: number;
  /** Its name, when the model has class names. */
  label?: string;
  /** Multi-task output (k sigmoid units): each task's yes (1) or no (0). */
  tasks?: number[];
}

/** x is examples-major: m × prod(input shape) values. */
export function predict(model: TrainedModel, x: Float32Array | number[]): Prediction[] {
  const { net, normalisation } = model;
  const n = exampleSize(net.input);
  if (x.length % n !== 0) throw new Error(`x has ${x.length} values, not a whole number of ${n}-value examples`);
  const m = x.length / n;
  const image = net.input.exampleShape.length === 3;
  const units = net.output.units;
  const activation = (net.output.spec as OutputLayer).activation;
  const X = net.input.A;
  const A = net.output.A;
  const out: Prediction[] = [];
  for (let start = 0; start < m; start += net.capacity) {
    const size = Math.min(net.capacity, m - start);
    for (let i = 0; i < size; i++) {
      for (let f = 0; f < n; f++) {
        const raw = x[(start + i) * n + f];
        const value = normalisation.kind === 'none' ? raw : (raw - normalisation.shift[f]) * normalisation.scale[f];
        X[image ? i * n + f : f * size + i] = value;
      }
    }
    net.forward(size, 'test');
    for (let i = 0; i < size; i++) {
      const output = Array.from({ length: units }, (_, r) => A[r * size + i]);
      const prediction: Prediction = { output };
      if (activation === 'sigmoid' && units > 1) prediction.tasks = output.map((p) => (p > 0.5 ? 1 : 0));
      else if (model.numClasses >= 2) {
        const cls = activation === 'sigmoid' && units === 1 ? (output[0] > 0.5 ? 1 : 0) : output.indexOf(Math.max(...output));
        prediction.class = cls;
        if (model.classNames) prediction.label = model.classNames[cls];
      }
      out.push(prediction);
    }
  }
  return out;
}
