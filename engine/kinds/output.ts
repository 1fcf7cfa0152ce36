/**
 * output: ŷ = A[L], a dense layer whose activation is fused with its loss (sigmoid + BCE,
 * softmax + cross-entropy, linear + ½·MSE), so backward starts from dZ[L] = A[L] − Y.
 * Sigmoid with k > 1 units is multi-task learning: k yes/no labels per example, the cost
 * summed over the tasks, and a missing label (NaN) skipped in the cost and the gradient.
 * That first step also returns Σ 𝓛 from the same pass (lossGradient), kept as `lossSum`
 * so the network reads the iteration's cost without another walk over Z and Y.
 */
import { z } from 'zod';
import { ACT, LOSS } from '../kernels/kernels';
import { assertGradSize, layerBase, param } from '../layers/common';
import type { Layer } from '../layers/types';
import { choice } from '../spec/fields';
import { FUSED_LOSS, initField, frozenField, LOSS_LABELS, LOSSES, OUTPUT_ACTIVATIONS } from '../spec/vocabulary';
import { allocate } from '../tensor/buffers';
import { fullyConnected, unitsField } from './dense';
import { show, type KindDescriptor } from './kind';

export interface OutputLayerInstance extends Layer {
  /** Z[L], kept for numerically stable costs (log-sum-exp, log(1 + e^−z)). */
  readonly Z: Float32Array | Float64Array;
  readonly units: number;
  /** Σ 𝓛 over the batch, computed by the last backward (with dZ = A − Y). */
  readonly lossSum: number;
  /** Σ 𝓛 of the last forward against targets Y (without a backward). */
  lossOf(Y: Float32Array | Float64Array, m: number): number;
  /** k sigmoid units for k yes/no labels (multi-task): a label may be missing (NaN) and is then skipped. */
  readonly multiTask: boolean;
}

const params = z.object({
  units: unitsField('1 for yes/no (sigmoid); one per class for softmax; k sigmoid units for k yes/no tasks (multi-task).'),
  activation: choice(OUTPUT_ACTIVATIONS, { label: 'Output activation' }),
  loss: choice(LOSSES, { label: 'Loss', labels: LOSS_LABELS }),
  init: initField(),
  frozen: frozenField(),
});

export const output: KindDescriptor<'output', typeof params> = {
  kind: 'output',
  title: 'Output',
  category: 'Output',
  description: 'The last layer ŷ = A[L] and the cost J that training minimises.',
  params,
  defaults: { units: 1, activation: 'sigmoid', loss: 'bce' },
  inputs: ['in'],
  hasOutput: false,
  numbered: true,
  check: ({ id, activation, loss }) => {
    const fused = FUSED_LOSS[activation];
    if (fused === loss) return [];
    const message = `loss: ${activation} output is paired with ${fused} (so dZ[L] = A[L] − Y), not ${loss}`;
    const fix = { kind: 'set-param', nodeId: id, param: 'loss', value: fused, label: `Set loss to ${fused}` } as const;
    return [{ nodeId: id, severity: 'error', message, hint: `Use loss ${fused} with a ${activation} output.`, fix }];
  },
  shape: (layer, rule) => fullyConnected('The output layer', layer.units, rule),
  summary: (p) => `${show(p.units)} · ${show(p.activation)} · ${LOSS_LABELS[p.loss as keyof typeof LOSS_LABELS] ?? '?'}`,
  create: (spec, [inputShape], ctx): OutputLayerInstance => {
    const k = ctx.kernels;
    const n = spec.units;
    const nPrev = inputShape[0];
    const W = param(ctx, spec.id, 'W', [n, nPrev], true, { kind: 'weights', fanIn: nPrev });
    const b = param(ctx, spec.id, 'b', [n, 1], false, { kind: 'constant', value: 0 });
    const Z = allocate(ctx, n * ctx.capacity);
    const A = spec.activation === 'linear' ? Z : allocate(ctx, n * ctx.capacity);
    const dZ = allocate(ctx, n * ctx.capacity);
    const lossCode = LOSS[spec.loss];
    const multiTask = spec.activation === 'sigmoid' && n > 1;
    let lossSum = NaN;

    return {
      ...layerBase(spec, [n], A, [W, b]),
      internals: { Z, dZ },
      units: n,
      Z,
      forward([X], m) {
        k.denseForward(spec.activation === 'sigmoid' ? ACT.sigmoid : ACT.linear, W.value, X, b.value, Z, A, n, nPrev, m, 0);
        if (spec.activation === 'softmax') k.softmaxCols(Z, A, n, m);
      },
      backward([X], Y, [dX], m) {
        assertGradSize(spec.id, 'output', 'Y', Y.length, n * m);
        // dZ[L] = A[L] − Y, and Σ 𝓛 from the same pass.
        lossSum = multiTask ? k.taskLossGradient(Z, A, Y, dZ, n, m) : k.lossGradient(lossCode, Z, A, Y, dZ, n, m);
        if (dX) assertGradSize(spec.id, 'output', 'dA_prev', dX.length, nPrev * m);
        // dW, db and dX from dZ[L] in one call (linear: dZ is already the gradient).
        k.denseBackward(ACT.linear, W.value, X, Z, A, dZ, dZ, W.grad, b.grad, dX, n, nPrev, m, 0, 1 / m);
      },
      shapes: (m) => ({ W: [n, nPrev], b: [n, 1], Z: [n, m], A: [n, m], dW: [n, nPrev], db: [n, 1] }),
      get lossSum() {
        return lossSum;
      },
      multiTask,
      lossOf: (Y, m) => (multiTask ? k.taskLossSum(Z, Y, n, m) : k.lossSum(lossCode, Z, A, Y, n, m)),
    };
  },
};
