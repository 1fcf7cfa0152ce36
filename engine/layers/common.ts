/** Helpers shared by layers: what every layer has, parameter allocation and the backward shape assertion. */
import { ACT, type ActCode, type FloatArray } from '../kernels/kernels';
import type { LayerSpec } from '../spec/types';
import type { ActivationFn } from '../spec/vocabulary';
import { allocate, product } from '../tensor/buffers';
import type { LayerContext, ParamTensor, StateTensor } from './types';

/** What every layer has: its id and spec, one example's output shape and size, A, and its parameters and state. */
export function layerBase(spec: LayerSpec, exampleShape: number[], A: FloatArray, params: ParamTensor[] = [], state: StateTensor[] = []) {
  return { id: spec.id, spec, exampleShape, exampleSize: product(exampleShape), A, params, state };
}

export function param(ctx: LayerContext, layerId: string, name: string, shape: number[], regularise: boolean, init: ParamTensor['init']): ParamTensor {
  const size = product(shape);
  return { name, layerId, shape, size, value: allocate(ctx, size), grad: allocate(ctx, size), regularise, init };
}

export function state(ctx: LayerContext, layerId: string, name: string, shape: number[], initial: number): StateTensor {
  const size = product(shape);
  const value = allocate(ctx, size);
  value.fill(initial);
  return { name, layerId, shape, size, value, initial };
}

export function actCode(fn: ActivationFn | undefined): ActCode {
  return ACT[fn ?? 'linear'];
}

/**
 * Backward's shape assertion (as tinygrad's): a gradient buffer must hold what its
 * forward value held. Integer comparisons only, so it costs nothing per step.
 */
export function assertGradSize(layerId: string, kind: string, what: string, have: number, need: number): void {
  if (have < need) {
    throw new Error(`${kind} layer "${layerId}": ${what} holds ${have} values but the forward value has ${need}`);
  }
}
