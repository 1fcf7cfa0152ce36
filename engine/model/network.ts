/**
 * A network planned once from a spec: layers in topological order, every buffer
 * allocated for `capacity` examples, gradient routes precomputed. forward/backward
 * take the batch's m and allocate nothing.
 */
import type { Backend, FloatArray } from '../kernels/kernels';
import { createLayer } from '../kinds/registry';
import type { OutputLayerInstance } from '../kinds/output';
import type { Layer, Mode, ParamTensor, StateTensor } from '../layers/types';
import { defaultInit, initialiseParam } from '../init';
import type { LossKind, ModelSpec, OutputLayer } from '../spec/types';
import { isFrozen } from '../spec/vocabulary';
import { allocate } from '../tensor/buffers';
import { createRng, deriveSeed, RNG_STATE_LENGTH, type Rng } from '../tensor/rng';

/** Per-layer wiring: where its inputs live and where their gradients go. */
interface Route {
  layer: Layer;
  inputs: FloatArray[];
  /** Where this layer writes dA_prev for each input (null: the input X needs none). */
  dInputs: (FloatArray | null)[];
  /** This layer's dA; null for input and output. */
  dA: FloatArray | null;
  /** Private gradient buffers of consumers to add into dA (fan-out > 1). */
  gather: FloatArray[];
}

export interface Network {
  readonly spec: ModelSpec;
  readonly backend: Backend;
  readonly capacity: number;
  readonly layers: Layer[];
  readonly input: Layer;
  readonly output: OutputLayerInstance;
  readonly loss: LossKind;
  /** Targets Y (n[L], capacity), filled by the batcher. */
  readonly Y: FloatArray;
  readonly params: ParamTensor[];
  /** The parameters the optimizer updates: those of layers that are not frozen. */
  readonly trainable: ParamTensor[];
  readonly state: StateTensor[];
  forward(m: number, mode: Mode): void;
  backward(m: number): void;
  /**
   * J = 1/m Σ 𝓛 of the last forward (without L2). After backward(m) it is the Σ 𝓛 that
   * backward's first kernel computed with dZ[L] (the same value, no extra pass).
   */
  cost(m: number): number;
  /** Σ‖W‖²_F over weight tensors (for the L2 term λ/(2m) Σ‖W‖²). */
  weightSquares(): number;
  /**
   * dA of a layer after backward (∂𝓛/∂A per example), or null where none is kept: the output
   * (its loss is fused) and the input, unless planned with `inputGradient` (then dX).
   */
  gradientOf(layerId: string): FloatArray | null;
}

export interface NetworkOptions {
  capacity: number;
  seed: number;
  /** Skip initialisation (weights are about to be loaded). */
  skipInit?: boolean;
  /** Also compute dX, the gradient with respect to the input (saliency maps); training never needs it. */
  inputGradient?: boolean;
}

export const RNG_STREAM = { init: 1, shuffle: 2, dropout: 3 } as const;

export function createNetwork(spec: ModelSpec, backend: Backend, options: NetworkOptions): Network {
  const { capacity } = options;
  const dropoutRng: Rng = createRng(deriveSeed(options.seed, RNG_STREAM.dropout));
  const ctx = { kernels: backend.kernels, dtype: backend.dtype, memory: backend.memory, capacity, rng: dropoutRng };
  const byId = new Map<string, Layer>();
  const layers: Layer[] = [];
  for (const layerSpec of spec.layers) {
    const inputShapes = layerSpec.inputs.map((id) => {
      const producer = byId.get(id);
      if (!producer) throw new Error(`Layer ${layerSpec.id} reads ${id}, which is not defined before it.`);
      return producer.exampleShape;
    });
    const layer = createLayer(layerSpec, inputShapes, ctx);
    byId.set(layer.id, layer);
    layers.push(layer);
  }
  const input = layers.find((l) => l.spec.kind === 'input');
  const output = layers.find((l) => l.spec.kind === 'output') as OutputLayerInstance | undefined;
  if (!input || !output) throw new Error('A network needs one input and one output layer.');
  const outputSpec = output.spec as OutputLayer;

  // Backward reaches a layer only if it, or a layer before it, learns: behind a frozen base
  // (transfer learning) nothing is computed for the frozen layers but their forward pass. The
  // input "learns" when its gradient is wanted (saliency), so then backward reaches everything.
  const learns = new Map<string, boolean>();
  for (const layer of layers) {
    const own = layer === input ? !!options.inputGradient : layer.params.length > 0 && !isFrozen(layer.spec);
    learns.set(layer.id, own || layer.spec.inputs.some((id) => learns.get(id)));
  }
  // Gradient routes: a producer read by several consumers gets one private buffer per
  // reader and sums them before its own backward (so each backward can overwrite).
  const consumers = new Map<string, number>();
  for (const l of spec.layers) for (const id of l.inputs) consumers.set(id, (consumers.get(id) ?? 0) + 1);
  const routes = new Map<string, Route>();
  for (const layer of layers) {
    const noGradient = layer === output || !learns.get(layer.id);
    routes.set(layer.id, {
      layer,
      inputs: [],
      dInputs: [],
      dA: noGradient ? null : allocate(backend, layer.exampleSize * capacity),
      gather: [],
    });
  }
  for (const layer of layers) {
    const route = routes.get(layer.id)!;
    for (const id of layer.spec.inputs) {
      const producer = routes.get(id)!;
      route.inputs.push(producer.layer.A);
      if (!learns.get(id)) route.dInputs.push(null);
      else if ((consumers.get(id) ?? 0) === 1) route.dInputs.push(producer.dA);
      else {
        const own = allocate(backend, producer.layer.exampleSize * capacity);
        producer.gather.push(own);
        route.dInputs.push(own);
      }
    }
  }
  const ordered = layers.map((l) => routes.get(l.id)!);
  // The output always runs backward (it computes the cost); the rest only where something learns.
  const reversed = ordered.filter((route) => route.layer === output || learns.get(route.layer.id)).reverse();
  const Y = allocate(backend, output.exampleSize * capacity);
  const params = layers.flatMap((l) => l.params);
  const trainable = layers.flatMap((l) => (isFrozen(l.spec) ? [] : l.params));
  const state = layers.flatMap((l) => l.state);
  const k = backend.kernels;
  /** Batch size of the backward whose Σ 𝓛 is current (−1: a forward ran since). */
  let lossFromBackward = -1;

  if (!options.skipInit) {
    const initRng = createRng(deriveSeed(options.seed, RNG_STREAM.init));
    const rngState = backend.memory?.i32(RNG_STATE_LENGTH) ?? new Int32Array(RNG_STATE_LENGTH);
    for (const layer of layers) {
      const init = ('init' in layer.spec && layer.spec.init) || defaultInit(layer.spec);
      for (const p of layer.params) initialiseParam(p, init, initRng, backend.kernels, rngState);
    }
  }

  return {
    spec,
    backend,
    capacity,
    layers,
    input,
    output,
    loss: outputSpec.loss,
    Y,
    params,
    trainable,
    state,
    // Indexed loops, not for…of: an unoptimised for…of allocates an iterator and a result per
    // layer, and a short run (W1: 10,000 steps of ~5 µs) spends its first thousands of steps
    // unoptimised — those allocations became garbage collections inside the timed steps.
    forward(m, mode) {
      lossFromBackward = -1;
      for (let i = 0; i < ordered.length; i++) ordered[i].layer.forward(ordered[i].inputs, m, mode);
    },
    backward(m) {
      for (let r = 0; r < reversed.length; r++) {
        const route = reversed[r];
        if (route.layer === output) {
          route.layer.backward(route.inputs, Y, route.dInputs, m);
          lossFromBackward = m;
          continue;
        }
        const n = route.layer.exampleSize * m;
        if (route.gather.length > 0) {
          k.axpby(1, route.gather[0], 0, route.dA!, n);
          for (let i = 1; i < route.gather.length; i++) k.axpby(1, route.gather[i], 1, route.dA!, n);
        }
        if (route.layer === input) continue;
        route.layer.backward(route.inputs, route.dA!, route.dInputs, m);
      }
    },
    cost(m) {
      const total = lossFromBackward === m ? output.lossSum : output.lossOf(Y, m);
      return total / m;
    },
    weightSquares() {
      let sum = 0;
      for (const p of params) if (p.regularise) sum += k.sumSquares(p.value, p.size);
      return sum;
    },
    gradientOf(layerId) {
      return routes.get(layerId)?.dA ?? null;
    },
  };
}
