/**
 * Model file → ONNX (opset 17, standard ai.onnx operators only).
 *
 * One input, `input`: the raw examples as a CSV row gives them — (N, n_x), or (N, n_H, n_W, n_C)
 * channels-last for images. The input normalisation is the graph's first operators (Sub, Mul),
 * then images go to ONNX's NCHW layout (Transpose) and stay NCHW until a flatten. Each layer's
 * operators are in layers.ts. One output, `output`: A[L], what `dendrite predict` prints.
 */
import { APP_ID } from '../from-run';
import { tensorOf, type ExportableModel } from '../exportable';
import { GraphBuilder, type Flow } from './graph-builder';
import { LAYER_OPERATORS, type LayerContext } from './layers';
import { encodeModel, FLOAT } from './proto';

export const ONNX_OPSET = 17;
/** IR version 8 goes with opset 17 (ONNX 1.12), so checkers from then on accept the file. */
export const ONNX_IR_VERSION = 8;
export const ONNX_INPUT = 'input';
export const ONNX_OUTPUT = 'output';
/** The symbolic batch dimension. */
const BATCH = 'N';

export function exportOnnx(model: ExportableModel): Uint8Array {
  const g = new GraphBuilder([ONNX_INPUT, ONNX_OUTPUT]);
  const image = model.inputShape.length === 3;
  let x: Flow = { name: ONNX_INPUT, image: false };
  const { normalisation } = model;
  if (normalisation.kind !== 'none') {
    const shift = g.constant('normalisation/shift', model.inputShape, normalisation.shift, `x − shift (${normalisation.kind}, fitted on the training set)`);
    const scale = g.constant('normalisation/scale', model.inputShape, normalisation.scale, '(x − shift) · scale');
    const centred = g.op('normalisation', 'centred', 'Sub', [ONNX_INPUT, shift]);
    x = { name: g.op('normalisation', 'x', 'Mul', [centred, scale]), image: false };
  }
  if (image) {
    x = {
      name: g.op('input', 'nchw', 'Transpose', [x.name], {
        attributes: [{ name: 'perm', ints: [0, 3, 1, 2] }],
        docString: '(m, n_H, n_W, n_C) → (m, n_C, n_H, n_W)',
      }),
      image: true,
    };
  }

  const flows = new Map<string, Flow>();
  for (const { spec } of model.layers) {
    const ctx: LayerContext = {
      g,
      inputs: spec.kind === 'input' ? [x] : spec.inputs.map((source) => flows.get(source)!),
      output: spec.kind === 'output' ? ONNX_OUTPUT : undefined,
      param: (name) => tensorOf(model, spec.id, name),
    };
    const operators = LAYER_OPERATORS[spec.kind] as (s: typeof spec, c: LayerContext) => Flow;
    flows.set(spec.id, operators(spec, ctx));
  }

  const name = model.spec.name ?? 'Dendrite network';
  return encodeModel({
    irVersion: ONNX_IR_VERSION,
    opsetVersion: ONNX_OPSET,
    producerName: 'Dendrite',
    producerVersion: APP_ID.replace(/^dendrite /, ''),
    docString: `${name}, exported from a Dendrite model file. Input: raw examples; output: A[L].`,
    graph: {
      name,
      nodes: g.nodes,
      initializers: g.initializers,
      inputs: [
        {
          name: ONNX_INPUT,
          elemType: FLOAT,
          shape: [BATCH, ...model.inputShape],
          docString: image ? 'raw examples (m, n_H, n_W, n_C), channels last, as a CSV row gives them' : 'raw examples (m, n_x), as a CSV row gives them',
        },
      ],
      outputs: [{ name: ONNX_OUTPUT, elemType: FLOAT, shape: [BATCH, model.output.units], docString: outputMeaning(model) }],
    },
    metadata: metadata(model),
  });
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
