/**
 * Full-batch training without per-step JavaScript: the first step is recorded as a step
 * program (Kernels.recordProgram — every kernel call of forward, cost, backward and the
 * optimizer step, with its buffers), and the following steps replay it, many per boundary
 * crossing (W1: 2-4-1 on 400 points, ~2 µs a step; its JavaScript took as long again).
 *
 * Also here: when the training forward pass of a full-batch step *is* the evaluation of the
 * weights it starts from (every layer computes the same in training and test mode), so the
 * epoch's train cost and error come from it instead of another pass.
 */
import type { Kernels, StepProgram } from '../kernels/kernels';
import type { Network } from '../model/network';
import type { OutputLayer } from '../spec/types';

/**
 * Kinds whose training step is kernel calls only, on buffers planned once, with arguments that
 * are the same every full-batch step — so a recorded step replays exactly. Dropout draws its
 * masks in JavaScript; a kind not listed here (a new one) trains step by step until it is
 * checked and added (tests/native/step-program.test.ts replays every listed kind).
 */
const REPLAYABLE: ReadonlySet<string> = new Set(['input', 'dense', 'output', 'activation', 'softmax', 'flatten', 'add', 'conv2d', 'pool', 'batchnorm']);
/** Of those, the kinds whose forward pass is the same in training and test mode (batch norm's is not). */
const SAME_IN_TEST: ReadonlySet<string> = new Set([...REPLAYABLE].filter((kind) => kind !== 'batchnorm'));

const everyLayer = (net: Network, kinds: ReadonlySet<string>): boolean => net.layers.every((l) => kinds.has(l.spec.kind));

/** What a full-batch step gives besides the update: the cost terms and the classification errors. */
export interface StepValues {
  /** J without L2 = Σ𝓛 / m. */
  base: number;
  /** Σ‖W‖² of the regularised tensors (0 without L2). */
  weightSquares: number;
  /** Misclassified examples (0 when not classifying). */
  wrong: number;
}

/**
 * Whether the forward pass of a full-batch step equals a test-mode evaluation of the training
 * set: no augmentation, every layer the same in both modes, and an output whose classes are
 * read as evaluate() reads them (one sigmoid unit, or softmax) or a regression, one task.
 */
export function forwardIsEvaluation(net: Network, fullBatch: boolean, augmented: boolean, classify: boolean): boolean {
  // Multi-task outputs count errors per present label (evaluate.ts), not per example as classErrors.
  if (!fullBatch || augmented || net.output.multiTask || !everyLayer(net, SAME_IN_TEST)) return false;
  const activation = (net.output.spec as OutputLayer).activation;
  return !classify || activation === 'softmax' || (activation === 'sigmoid' && net.output.units === 1);
}

/** Whether a full-batch run can replay its steps as a program on this backend. */
export function canReplaySteps(net: Network, kernels: Kernels, fullBatch: boolean, augmented: boolean): boolean {
  return fullBatch && !augmented && typeof kernels.recordProgram === 'function' && everyLayer(net, REPLAYABLE);
}

/**
 * The values a recorded step returns, in the order the loop's step makes them: Σ𝓛 (the output
 * layer's lossGradient), then one sumSquares per regularised tensor when there is L2, then
 * classErrors when the epoch's error comes from the step. Null when the program made other
 * calls that return values (the loop then keeps stepping in JavaScript).
 */
export interface StepReader {
  /** Step `step`'s values, from a program's output. */
  values(out: Float64Array, step: number, m: number, into: StepValues): void;
  /** Steps 0…count − 1's costs J (the loop's: base, + L2's λ/(2m)·Σ‖W‖²) into `into`, in one loop. */
  costs(out: Float64Array, count: number, m: number, l2: number, into: Float64Array): void;
}

export function stepReader(program: StepProgram, regularised: number, withErrors: boolean): StepReader | null {
  const expected = ['lossGradient', ...Array<string>(regularised).fill('sumSquares'), ...(withErrors ? ['classErrors'] : [])];
  if (program.returns.length !== expected.length || program.returns.some((name, i) => name !== expected[i])) return null;
  const R = expected.length;
  const weightSquares = (out: Float64Array, at: number) => {
    let sum = 0;
    for (let i = 1; i <= regularised; i++) sum += out[at + i];
    return sum;
  };
  return {
    values(out, step, m, into) {
      const at = step * R;
      into.base = out[at] / m;
      into.weightSquares = weightSquares(out, at);
      into.wrong = withErrors ? out[at + R - 1] : 0;
    },
    costs(out, count, m, l2, into) {
      if (l2 > 0) for (let j = 0; j < count; j++) into[j] = out[j * R] / m + (l2 / (2 * m)) * weightSquares(out, j * R);
      else for (let j = 0; j < count; j++) into[j] = out[j * R] / m;
    },
  };
}
