/**
 * The ONNX operators for each layer kind, computing what engine/layers computes: Gemm for dense
 * and output layers (W (n[l], n[l−1]) as B with transB, examples as rows), Conv with Dendrite's
 * (f, f, n_C_prev, n_C) filters transposed to OIHW and symmetric pads, MaxPool/AveragePool (padded
 * only for 'same'), BatchNormalization in inference form, Concat along channels or features,
 * flatten as a transpose back to channels-last then Flatten, dropout as the identity. A layer's last operator writes `output` when it is the output.
 */
import { paddingAmount } from '../../spec/geometry';
import type { ActivationFn, LayerKind, LayerSpec } from '../../spec/types';
import type { ExportTensor } from '../exportable';
import type { Flow, GraphBuilder } from './graph-builder';
import type { OnnxAttribute } from './proto';

export interface LayerContext {
  g: GraphBuilder;
  /** The layers it reads (for the input layer: the raw examples, normalised and in NCHW). */
  inputs: Flow[];
  /** The name its last operator must write (the graph's output), or undefined for a fresh one. */
  output?: string;
  param(name: string): ExportTensor;
}

type Operators<K extends LayerKind> = (spec: Extract<LayerSpec, { kind: K }>, ctx: LayerContext) => Flow;

export const LAYER_OPERATORS: { [K in LayerKind]: Operators<K> } = {
  input: (_spec, { inputs }) => inputs[0],
  dense: (spec, ctx) => dense(spec, ctx, spec.activation ?? 'linear', spec.alpha),
  output: (spec, ctx) => dense(spec, ctx, spec.activation, undefined),
  conv2d: (spec, ctx) => {
    const { g, inputs, param } = ctx;
    const W = param('W');
    const [f, , cIn, cOut] = W.shape;
    const p = paddingAmount(spec.padding, f);
    const w = g.constant(`${spec.id}/W`, [cOut, cIn, f, f], toOIHW(W), `W stored (f, f, n_C_prev, n_C) = (${f}, ${f}, ${cIn}, ${cOut}), here OIHW`);
    const b = g.constant(`${spec.id}/b`, [cOut], param('b').values, `b (1, 1, 1, n_C) = (1, 1, 1, ${cOut})`);
    const fn = spec.activation ?? 'linear';
    const attributes: OnnxAttribute[] = [
      { name: 'kernel_shape', ints: [f, f] },
      { name: 'strides', ints: [spec.s, spec.s] },
      { name: 'pads', ints: [p, p, p, p] },
    ];
    const docString = `Z = W ∗ A_prev + b, f = ${f}, s = ${spec.s}, p = ${p} (conv2d ${spec.id})`;
    const z = g.op(spec.id, 'Z', 'Conv', [inputs[0].name, w, b], { attributes, docString, output: fn === 'linear' ? ctx.output : undefined });
    return fn === 'linear' ? { name: z, image: true } : activation(spec.id, { name: z, image: true }, fn, spec.alpha, ctx);
  },
  pool: (spec, { g, inputs, output }) => {
    const p = paddingAmount(spec.padding ?? 'valid', spec.f);
    const attributes: OnnxAttribute[] = [
      { name: 'kernel_shape', ints: [spec.f, spec.f] },
      { name: 'strides', ints: [spec.s, spec.s] },
      // Max pooling ignores pads (Dendrite pads with −∞); average pooling counts them as zeros, as Dendrite does.
      ...(p > 0 ? [{ name: 'pads', ints: [p, p, p, p] }] : []),
      ...(p > 0 && spec.mode === 'avg' ? [{ name: 'count_include_pad', int: 1 }] : []),
    ];
    const docString = `${spec.mode} pool, f = ${spec.f}, s = ${spec.s}, ${p > 0 ? `p = ${p}` : 'no padding'} (pool ${spec.id})`;
    return { name: g.op(spec.id, 'A', spec.mode === 'max' ? 'MaxPool' : 'AveragePool', [inputs[0].name], { attributes, docString, output }), image: true };
  },
  batchnorm: (spec, { g, inputs, output, param }) => {
    const epsilon = spec.epsilon ?? 1e-5;
    const flat = (name: string) => g.constant(`${spec.id}/${name}`, [param(name).values.length], param(name).values);
    const docString = `γ (x − running μ)/√(running σ² + ε) + β, ε = ${epsilon}; σ² is the biased (1/m) batch variance (batchnorm ${spec.id})`;
    const a = g.op(spec.id, 'A', 'BatchNormalization', [inputs[0].name, flat('gamma'), flat('beta'), flat('runningMean'), flat('runningVar')], {
      attributes: [{ name: 'epsilon', float: epsilon }],
      docString,
      output,
    });
    return { name: a, image: inputs[0].image };
  },
  activation: (spec, ctx) => activation(spec.id, ctx.inputs[0], spec.fn, spec.alpha, ctx),
  softmax: (spec, { g, inputs, output }) => ({
    name: g.op(spec.id, 'A', 'Softmax', [inputs[0].name], {
      attributes: [{ name: 'axis', int: 1 }],
      docString: `softmax over the units (softmax ${spec.id})`,
      output,
    }),
    image: false,
  }),
  dropout: (spec, { g, inputs }) => ({
    name: g.op(spec.id, 'A', 'Identity', [inputs[0].name], {
      docString: `dropout ${spec.id}: the identity at test time (inverted dropout needs no rescaling)`,
    }),
    image: inputs[0].image,
  }),
  flatten: (spec, { g, inputs }) => {
    const [x] = inputs;
    if (!x.image) return { name: g.op(spec.id, 'A', 'Identity', [x.name], { docString: `flatten ${spec.id}: already a feature vector` }), image: false };
    const nhwc = g.op(spec.id, 'nhwc', 'Transpose', [x.name], {
      attributes: [{ name: 'perm', ints: [0, 2, 3, 1] }],
      docString: 'back to channels-last, so the flattened order is Dendrite’s (n_H, n_W, n_C)',
    });
    return {
      name: g.op(spec.id, 'A', 'Flatten', [nhwc], {
        attributes: [{ name: 'axis', int: 1 }],
        docString: `(m, n_H, n_W, n_C) → (m, n_H·n_W·n_C) (flatten ${spec.id})`,
      }),
      image: false,
    };
  },
  add: (spec, { g, inputs, output }) => ({
    name: g.op(spec.id, 'A', 'Add', [inputs[0].name, inputs[1].name], { docString: `A = A_a + A_b (add ${spec.id})`, output }),
    image: inputs[0].image,
  }),
  // Axis 1 is n_C of NCHW images and n of (m, n) feature rows: Dendrite's channels / features.
  concatenate: (spec, { g, inputs, output }) => ({
    name: g.op(
      spec.id,
      'A',
      'Concat',
      inputs.map((x) => x.name),
      { attributes: [{ name: 'axis', int: 1 }], docString: `branches joined along ${inputs[0].image ? 'n_C' : 'n'} (concatenate ${spec.id})`, output },
    ),
    image: inputs[0].image,
  }),
};

/** Z = W·A_prev + b as Gemm (examples are rows: A_prev·Wᵀ + b), then the activation. */
function dense(spec: { id: string; kind: string }, ctx: LayerContext, fn: ActivationFn | 'softmax', alpha: number | undefined): Flow {
  const { g, inputs, param } = ctx;
  const W = param('W');
  const [n, nPrev] = W.shape;
  const w = g.constant(`${spec.id}/W`, [n, nPrev], W.values, `W (n[l], n[l−1]) = (${n}, ${nPrev})`);
  const b = g.constant(`${spec.id}/b`, [n], param('b').values, `b (n[l], 1) = (${n}, 1)`);
  const docString = `Z = W·A_prev + b (${spec.kind} ${spec.id}), examples as rows`;
  const z = g.op(spec.id, 'Z', 'Gemm', [inputs[0].name, w, b], {
    attributes: [{ name: 'transB', int: 1 }],
    docString,
    output: fn === 'linear' ? ctx.output : undefined,
  });
  if (fn === 'linear') return { name: z, image: false };
  if (fn === 'softmax')
    return {
      name: g.op(spec.id, 'A', 'Softmax', [z], { attributes: [{ name: 'axis', int: 1 }], docString: 'A = softmax(Z) over the units', output: ctx.output }),
      image: false,
    };
  return activation(spec.id, { name: z, image: false }, fn, alpha, ctx);
}

function activation(id: string, z: Flow, fn: ActivationFn, alpha: number | undefined, { g, output }: LayerContext): Flow {
  const docString = `A = ${fn}(Z) (${id})`;
  const op = ACTIVATION_OPS[fn];
  const attributes: OnnxAttribute[] | undefined = fn === 'leaky_relu' ? [{ name: 'alpha', float: alpha ?? 0.01 }] : undefined;
  return { name: g.op(id, 'A', op, [z.name], { attributes, docString, output }), image: z.image };
}

const ACTIVATION_OPS: Record<ActivationFn, string> = { sigmoid: 'Sigmoid', tanh: 'Tanh', relu: 'Relu', leaky_relu: 'LeakyRelu', linear: 'Identity' };

/** (f, f, n_C_prev, n_C) → (n_C, n_C_prev, f, f). */
function toOIHW(W: ExportTensor): Float32Array {
  const [f, f2, cIn, cOut] = W.shape;
  const out = new Float32Array(W.values.length);
  for (let kh = 0; kh < f; kh++)
    for (let kw = 0; kw < f2; kw++)
      for (let ci = 0; ci < cIn; ci++)
        for (let co = 0; co < cOut; co++) out[((co * cIn + ci) * f + kh) * f2 + kw] = W.values[((kh * f2 + kw) * cIn + ci) * cOut + co];
  return out;
}
