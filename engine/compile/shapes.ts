/**
 * Shape inference per kind, in the course's notation. Given the example shapes
 * flowing in, returns the example shape flowing out, the W/b/Z/A/dW/db table and the
 * parameter count — or a diagnostic with the formula filled in with the user's numbers.
 */
import { convOutputSize, paddingAmount } from '../spec/geometry';
import { activationDims, formatActivation } from './format';
import type { LayerFields } from './params';
import type { Diagnostic, Dim } from './types';

export interface ShapeOk {
  ok: true;
  outShape: number[];
  shapes: Record<string, Dim[]>;
  params: number;
}
export interface ShapeError {
  ok: false;
  diagnostic: Diagnostic;
}

/** Where the input came from, so fixes can point at the incoming edge. */
export interface InputInfo {
  shape: number[];
  edgeId: string;
}

const isImage = (shape: readonly number[]): boolean => shape.length === 3;

export function inferShape(layer: LayerFields, inputs: InputInfo[]): ShapeOk | ShapeError {
  const id = layer.id;
  const fail = (message: string, hint: string, extra: Partial<Diagnostic> = {}): ShapeError => ({
    ok: false,
    diagnostic: { nodeId: id, severity: 'error', message, hint, ...extra },
  });
  const needVector = (what: string): ShapeError | null => {
    const input = inputs[0];
    if (!isImage(input.shape)) return null;
    const [h, w, c] = input.shape;
    return fail(
      `${what} needs a feature vector (n, m) but receives images ${formatActivation(input.shape)}`,
      `Insert a flatten layer before it: ${h}×${w}×${c} → (${h * w * c}, m).`,
      { fix: { kind: 'insert-flatten', beforeNodeId: id, edgeId: input.edgeId } },
    );
  };
  const same = (extra: Record<string, Dim[]> = {}): ShapeOk => {
    const outShape = [...inputs[0].shape];
    return { ok: true, outShape, shapes: { ...extra, A: activationDims(outShape) }, params: 0 };
  };

  switch (layer.kind) {
    case 'input':
      return { ok: true, outShape: [...layer.shape], shapes: { A: activationDims(layer.shape) }, params: 0 };

    case 'dense':
    case 'output': {
      const bad = needVector(layer.kind === 'dense' ? 'A dense layer' : 'The output layer');
      if (bad) return bad;
      const n = layer.units;
      const nPrev = inputs[0].shape[0];
      return {
        ok: true,
        outShape: [n],
        shapes: { W: [n, nPrev], b: [n, 1], Z: [n, 'm'], A: [n, 'm'], dW: [n, nPrev], db: [n, 1] },
        params: n * nPrev + n,
      };
    }

    case 'conv2d': {
      const input = inputs[0].shape;
      if (!isImage(input)) {
        return fail(
          `conv2d needs images (m, n_H, n_W, n_C) but receives ${formatActivation(input)}`,
          'Feed it from an image input, a conv or a pool layer (choose an image dataset).',
        );
      }
      const [hPrev, wPrev, cPrev] = input;
      const { f, s, filters } = layer;
      const p = paddingAmount(layer.padding, f);
      const h = convOutputSize(hPrev, f, s, p);
      const w = convOutputSize(wPrev, f, s, p);
      if (h < 1 || w < 1) {
        const side = h < 1 ? hPrev : wPrev;
        const name = h < 1 ? 'n_H' : 'n_W';
        return fail(
          `${name} = ⌊(${name}_prev + 2p − f)/s⌋ + 1 = ⌊(${side} + 2·${p} − ${f})/${s}⌋ + 1 = ${Math.min(h, w)} < 1: the ${f}×${f} filter does not fit the ${hPrev}×${wPrev} input`,
          `Use f ≤ ${side + 2 * p}, or padding 'same'.`,
          { fix: { kind: 'set-param', nodeId: id, param: 'padding', value: 'same', label: "Set padding to 'same'" } },
        );
      }
      return {
        ok: true,
        outShape: [h, w, filters],
        shapes: {
          W: [f, f, cPrev, filters],
          b: [1, 1, 1, filters],
          Z: ['m', h, w, filters],
          A: ['m', h, w, filters],
          dW: [f, f, cPrev, filters],
          db: [1, 1, 1, filters],
        },
        params: (f * f * cPrev + 1) * filters,
      };
    }

    case 'pool': {
      const input = inputs[0].shape;
      if (!isImage(input)) {
        return fail(`pool needs images (m, n_H, n_W, n_C) but receives ${formatActivation(input)}`, 'Put pooling after a conv layer.');
      }
      const [hPrev, wPrev, c] = input;
      const { f, s } = layer;
      const h = convOutputSize(hPrev, f, s, 0);
      const w = convOutputSize(wPrev, f, s, 0);
      if (h < 1 || w < 1) {
        const side = h < 1 ? hPrev : wPrev;
        const name = h < 1 ? 'n_H' : 'n_W';
        return fail(
          `${name} = ⌊(${name}_prev − f)/s⌋ + 1 = ⌊(${side} − ${f})/${s}⌋ + 1 = ${Math.min(h, w)} < 1: the ${f}×${f} window does not fit the ${hPrev}×${wPrev} input`,
          `Use f ≤ ${Math.min(hPrev, wPrev)}.`,
          { fix: { kind: 'set-param', nodeId: id, param: 'f', value: Math.min(hPrev, wPrev), label: `Set f to ${Math.min(hPrev, wPrev)}` } },
        );
      }
      return { ok: true, outShape: [h, w, c], shapes: { A: ['m', h, w, c] }, params: 0 };
    }

    case 'batchnorm': {
      const input = inputs[0].shape;
      const features = isImage(input) ? input[2] : input[0];
      const paramDims: Dim[] = isImage(input) ? [1, 1, 1, features] : [features, 1];
      return {
        ...same({ gamma: paramDims, beta: paramDims, dgamma: paramDims, dbeta: paramDims }),
        params: 2 * features,
      };
    }

    case 'dropout':
      return same({ D: activationDims(inputs[0].shape) });

    case 'activation':
      return same({ Z: activationDims(inputs[0].shape) });

    case 'softmax': {
      const bad = needVector('softmax');
      return bad ?? same({ Z: activationDims(inputs[0].shape) });
    }

    case 'flatten': {
      const input = inputs[0].shape;
      const n = input.reduce((a, b) => a * b, 1);
      return { ok: true, outShape: [n], shapes: { A: [n, 'm'] }, params: 0 };
    }

    case 'add': {
      const [a, b] = inputs;
      if (a.shape.join(',') !== b.shape.join(',')) {
        return fail(
          `add needs two equal shapes, got ${formatActivation(a.shape)} and ${formatActivation(b.shape)}`,
          'Make both branches produce the same shape (same units, or same n_H, n_W, n_C).',
        );
      }
      return same();
    }
  }
}
