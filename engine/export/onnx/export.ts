/**
 * Model file → ONNX (opset 17, standard ai.onnx operators only).
 *
 * One input, `input`: the raw examples as a CSV row gives them — (N, n_x), or (N, n_H, n_W, n_C)
 * channels-last for images. The input normalisation is the graph's first operators (Sub, Mul),
 * then images go to ONNX's NCHW layout (Transpose). One output, `output`: A[L], what
 * `dendrite predict` prints. Dendrite's conv filters (f, f, n_C_prev, n_C) become OIHW weights;
 * flatten transposes back to channels-last first, so the flattened order is Dendrite's; batch
 * norm is BatchNormalization in inference form (running averages, the layer's ε); dropout is the
 * identity, as at test time.
 */
import type { ActivationFn, LayerSpec } from '../../spec/types';
import { paddingAmount } from '../../spec/geometry';
import { APP_ID } from '../from-run';
import { tensorOf, type ExportableModel, type ExportTensor } from '../exportable';
import { encodeModel, FLOAT, type OnnxNode, type OnnxTensor } from './proto';

export const ONNX_OPSET = 17;
/** IR version 8 goes with opset 17 (ONNX 1.12), so checkers from then on accept the file. */
export const ONNX_IR_VERSION = 8;
export const ONNX_INPUT = 'input';
export const ONNX_OUTPUT = 'output';
/** The symbolic batch dimension. */
const BATCH = 'N';

/** A tensor flowing between layers: images are NCHW inside the graph. */
interface Flow {
  name: string;
  image: boolean;
}

export function exportOnnx(model: ExportableModel): Uint8Array {
  const nodes: OnnxNode[] = [];
  const initializers: OnnxTensor[] = [];
  // Layer ids are free text: names are made unique rather than trusted to be.
  const unique = uniqueNames([ONNX_INPUT, ONNX_OUTPUT]);
  const uniqueNode = uniqueNames([]);
  const constant = (name: string, dims: number[], values: ArrayLike<number>, docString?: string): string => {
    const tensorName = unique(name);
    initializers.push({ name: tensorName, dims, dataType: FLOAT, raw: float32Bytes(values), docString });
    return tensorName;
  };
  const add = (node: OnnxNode): void => {
    nodes.push({ ...node, name: uniqueNode(node.name) });
  };

  const image = model.inputShape.length === 3;
  let x: Flow = { name: ONNX_INPUT, image: false };
  const { normalisation } = model;
  if (normalisation.kind !== 'none') {
    const shift = constant('normalisation/shift', model.inputShape, normalisation.shift, `x − shift (${normalisation.kind}, fitted on the training set)`);
    const scale = constant('normalisation/scale', model.inputShape, normalisation.scale, '(x − shift) · scale');
    const centred = unique('normalisation/centred');
    const scaled = unique('normalisation/x');
    add({ name: 'normalisation/sub', opType: 'Sub', inputs: [ONNX_INPUT, shift], outputs: [centred] });
    add({ name: 'normalisation/mul', opType: 'Mul', inputs: [centred, scale], outputs: [scaled] });
    x = { name: scaled, image: false };
  }
  if (image) {
    const nchw = unique('input/nchw');
    add({ name: 'input/to-nchw', opType: 'Transpose', inputs: [x.name], outputs: [nchw], attributes: [{ name: 'perm', ints: [0, 3, 1, 2] }], docString: '(m, n_H, n_W, n_C) → (m, n_C, n_H, n_W)' });
    x = { name: nchw, image: true };
  }

  const flows = new Map<string, Flow>();
  for (const layer of model.layers) {
    const spec = layer.spec;
    const id = spec.id;
    const inputs = spec.inputs.map((source) => flows.get(source)!);
    const last = spec.kind === 'output';
    /** The name of this layer's A: `output` for the output layer. */
    const outName = (what: string) => (last ? ONNX_OUTPUT : unique(`${id}/${what}`));
    const activation = (z: Flow, fn: ActivationFn | undefined, alpha: number | undefined, where: string): Flow => {
      const a = outName('A');
      const op = activationNode(fn ?? 'linear', alpha);
      add({ name: `${id}/${op.opType}`, ...op, inputs: [z.name], outputs: [a], docString: `A = ${fn ?? 'linear'}(Z) ${where}` });
      return { name: a, image: z.image };
    };
    const param = (name: string): ExportTensor => tensorOf(model, id, name);

    let out: Flow;
    switch (spec.kind) {
      case 'input':
        out = x;
        break;
      case 'dense':
      case 'output': {
        const W = param('W');
        const b = param('b');
        const [n, nPrev] = W.shape;
        const w = constant(`${id}/W`, [n, nPrev], W.values, `W (n[l], n[l−1]) = (${n}, ${nPrev})`);
        const bias = constant(`${id}/b`, [n], b.values, `b (n[l], 1) = (${n}, 1)`);
        const fn = spec.kind === 'dense' ? (spec.activation ?? 'linear') : spec.activation;
        const linear = fn === 'linear';
        const z = linear ? outName('Z') : unique(`${id}/Z`);
        add({ name: `${id}/Gemm`, opType: 'Gemm', inputs: [inputs[0].name, w, bias], outputs: [z], attributes: [{ name: 'transB', int: 1 }], docString: `Z = W·A_prev + b (${spec.kind} ${id}), examples as rows` });
        if (linear) out = { name: z, image: false };
        else if (fn === 'softmax') {
          const a = outName('A');
          add({ name: `${id}/Softmax`, opType: 'Softmax', inputs: [z], outputs: [a], attributes: [{ name: 'axis', int: 1 }], docString: 'A = softmax(Z) over the units' });
          out = { name: a, image: false };
        } else out = activation({ name: z, image: false }, fn, spec.kind === 'dense' ? spec.alpha : undefined, `(${spec.kind} ${id})`);
        break;
      }
      case 'conv2d': {
        const W = param('W');
        const b = param('b');
        const [f, , cIn, cOut] = W.shape;
        const p = paddingAmount(spec.padding, f);
        const w = constant(`${id}/W`, [cOut, cIn, f, f], toOIHW(W), `W stored (f, f, n_C_prev, n_C) = (${f}, ${f}, ${cIn}, ${cOut}), here OIHW`);
        const bias = constant(`${id}/b`, [cOut], b.values, `b (1, 1, 1, n_C) = (1, 1, 1, ${cOut})`);
        const linear = (spec.activation ?? 'linear') === 'linear';
        const z = linear ? outName('Z') : unique(`${id}/Z`);
        add({
          name: `${id}/Conv`,
          opType: 'Conv',
          inputs: [inputs[0].name, w, bias],
          outputs: [z],
          attributes: [
            { name: 'kernel_shape', ints: [f, f] },
            { name: 'strides', ints: [spec.s, spec.s] },
            { name: 'pads', ints: [p, p, p, p] },
          ],
          docString: `Z = W ∗ A_prev + b, f = ${f}, s = ${spec.s}, p = ${p} (conv2d ${id})`,
        });
        out = linear ? { name: z, image: true } : activation({ name: z, image: true }, spec.activation, spec.alpha, `(conv2d ${id})`);
        break;
      }
      case 'pool': {
        const a = outName('A');
        add({
          name: `${id}/${spec.mode === 'max' ? 'MaxPool' : 'AveragePool'}`,
          opType: spec.mode === 'max' ? 'MaxPool' : 'AveragePool',
          inputs: [inputs[0].name],
          outputs: [a],
          attributes: [
            { name: 'kernel_shape', ints: [spec.f, spec.f] },
            { name: 'strides', ints: [spec.s, spec.s] },
          ],
          docString: `${spec.mode} pool, f = ${spec.f}, s = ${spec.s}, no padding (pool ${id})`,
        });
        out = { name: a, image: true };
        break;
      }
      case 'batchnorm': {
        const epsilon = spec.epsilon ?? 1e-5;
        const flat = (name: string) => {
          const t = param(name);
          return constant(`${id}/${name}`, [t.values.length], t.values);
        };
        const a = outName('A');
        add({
          name: `${id}/BatchNormalization`,
          opType: 'BatchNormalization',
          inputs: [inputs[0].name, flat('gamma'), flat('beta'), flat('runningMean'), flat('runningVar')],
          outputs: [a],
          attributes: [{ name: 'epsilon', float: epsilon }],
          docString: `γ (x − running μ)/√(running σ² + ε) + β, ε = ${epsilon}; σ² is the biased (1/m) batch variance (batchnorm ${id})`,
        });
        out = { name: a, image: inputs[0].image };
        break;
      }
      case 'activation':
        out = activation(inputs[0], spec.fn, spec.alpha, `(activation ${id})`);
        break;
      case 'softmax': {
        const a = outName('A');
        add({ name: `${id}/Softmax`, opType: 'Softmax', inputs: [inputs[0].name], outputs: [a], attributes: [{ name: 'axis', int: 1 }], docString: `softmax over the units (softmax ${id})` });
        out = { name: a, image: false };
        break;
      }
      case 'dropout':
        out = identity(inputs[0], `dropout ${id}: the identity at test time (inverted dropout needs no rescaling)`);
        break;
      case 'flatten':
        out = inputs[0].image ? flatten(inputs[0]) : identity(inputs[0], `flatten ${id}: already a feature vector`);
        break;
      case 'add': {
        const a = outName('A');
        add({ name: `${id}/Add`, opType: 'Add', inputs: [inputs[0].name, inputs[1].name], outputs: [a], docString: `A = A_a + A_b (add ${id})` });
        out = { name: a, image: inputs[0].image };
        break;
      }
      default:
        throw new Error(`ONNX export: no operators for layer kind ${(spec as LayerSpec).kind}`);
    }
    flows.set(id, out);

    function identity(from: Flow, docString: string): Flow {
      const a = unique(`${id}/A`);
      add({ name: `${id}/Identity`, opType: 'Identity', inputs: [from.name], outputs: [a], docString });
      return { name: a, image: from.image };
    }
    function flatten(from: Flow): Flow {
      const nhwc = unique(`${id}/nhwc`);
      const a = unique(`${id}/A`);
      add({ name: `${id}/to-nhwc`, opType: 'Transpose', inputs: [from.name], outputs: [nhwc], attributes: [{ name: 'perm', ints: [0, 2, 3, 1] }], docString: 'back to channels-last, so the flattened order is Dendrite’s (n_H, n_W, n_C)' });
      add({ name: `${id}/Flatten`, opType: 'Flatten', inputs: [nhwc], outputs: [a], attributes: [{ name: 'axis', int: 1 }], docString: `(m, n_H, n_W, n_C) → (m, n_H·n_W·n_C) (flatten ${id})` });
      return { name: a, image: false };
    }
  }

  const units = model.output.units;
  const name = model.spec.name ?? 'Dendrite network';
  return encodeModel({
    irVersion: ONNX_IR_VERSION,
    opsetVersion: ONNX_OPSET,
    producerName: 'Dendrite',
    producerVersion: APP_ID.replace(/^dendrite /, ''),
    docString: `${name}, exported from a Dendrite model file. Input: raw examples; output: A[L].`,
    graph: {
      name,
      nodes,
      initializers,
      inputs: [{ name: ONNX_INPUT, elemType: FLOAT, shape: [BATCH, ...model.inputShape], docString: image ? 'raw examples (m, n_H, n_W, n_C), channels last, as a CSV row gives them' : 'raw examples (m, n_x), as a CSV row gives them' }],
      outputs: [{ name: ONNX_OUTPUT, elemType: FLOAT, shape: [BATCH, units], docString: outputMeaning(model) }],
    },
    metadata: metadata(model),
  });
}

function uniqueNames(taken: string[]): (name: string) => string {
  const names = new Set(taken);
  return (name) => {
    let candidate = name;
    for (let k = 2; names.has(candidate); k++) candidate = `${name}_${k}`;
    names.add(candidate);
    return candidate;
  };
}

function activationNode(fn: ActivationFn, alpha: number | undefined): Pick<OnnxNode, 'opType' | 'attributes'> {
  switch (fn) {
    case 'sigmoid':
      return { opType: 'Sigmoid' };
    case 'tanh':
      return { opType: 'Tanh' };
    case 'relu':
      return { opType: 'Relu' };
    case 'leaky_relu':
      return { opType: 'LeakyRelu', attributes: [{ name: 'alpha', float: alpha ?? 0.01 }] };
    case 'linear':
      return { opType: 'Identity' };
  }
}

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

function float32Bytes(values: ArrayLike<number>): Uint8Array {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i], true);
  return bytes;
}

function outputMeaning(model: ExportableModel): string {
  const { activation, units } = model.output;
  if (activation === 'softmax') return `A[L]: the probability of each of the ${units} classes (softmax)`;
  if (activation === 'sigmoid') return units === 1 ? 'A[L]: the probability of class 1 (sigmoid)' : `A[L]: ${units} independent sigmoid probabilities`;
  return `A[L]: ${units} predicted value${units === 1 ? '' : 's'} (linear)`;
}

/** metadata_props: what a consumer needs to read the output, and where the weights came from. */
function metadata(model: ExportableModel): [string, string][] {
  const entries: [string, string][] = [
    ['dendrite.format', 'exported from dendrite.model version 1'],
    ['dendrite.numClasses', String(model.numClasses)],
    ['dendrite.output', outputMeaning(model)],
    ['dendrite.normalisation', model.normalisation.kind],
    ['dendrite.provenance', JSON.stringify(model.provenance)],
  ];
  if (model.classNames) entries.push(['dendrite.classNames', JSON.stringify(model.classNames)]);
  if (model.metrics) entries.push(['dendrite.metrics', JSON.stringify(model.metrics)]);
  if (model.training) entries.push(['dendrite.training', JSON.stringify(model.training)]);
  return entries;
}
