/**
 * Course names for the layers of an exported script. Dense, conv2d and output layers are the
 * course's numbered layers l = 1 … L (input is l = 0), as on the canvas's W[l]; their values are
 * Z1, A1 and parameters W1, b1. Other layers keep the number of the layer they follow and add
 * what they do: A2_pool, A3_bn (with gamma3, beta3), A1_drop. Layer ids are free text, so they
 * only ever reach a script as string literals (pyString) or sanitised comments (pyComment).
 */
import type { LayerSpec } from '../../spec/types';
import type { ExportableModel, ExportLayer } from '../exportable';

export interface CourseLayer extends ExportLayer {
  /** The course's layer number (the last numbered layer on its path for unnumbered kinds). */
  l: number;
  /** Python variable holding this layer's output activation. */
  A: string;
  /** Python variable of Z, for layers that compute one (dense, conv2d, output). */
  Z?: string;
  /** Short name for modules and cache keys: dense1, conv2, output3, bn2, pool2, drop1, … */
  key: string;
  /** Model-file tensor name → course parameter name (W → W1, gamma → gamma3, runningVar → running_var3). */
  params: Record<string, string>;
  /** The layers it reads, in order. */
  from: CourseLayer[];
  /** Whether this layer's output is an image (m, n_H, n_W, n_C). */
  image: boolean;
}

const NUMBERED = new Set<LayerSpec['kind']>(['dense', 'conv2d', 'output']);
const SUFFIX: Record<LayerSpec['kind'], string> = {
  input: 'input',
  dense: 'dense',
  conv2d: 'conv',
  output: 'output',
  pool: 'pool',
  batchnorm: 'bn',
  dropout: 'drop',
  activation: 'act',
  softmax: 'softmax',
  flatten: 'flat',
  add: 'add',
  concatenate: 'cat',
};

export function courseLayers(model: ExportableModel): CourseLayer[] {
  const taken = new Set<string>();
  const claim = (name: string): string => {
    let candidate = name;
    for (let k = 2; taken.has(candidate); k++) candidate = `${name}_${k}`;
    taken.add(candidate);
    return candidate;
  };
  const byId = new Map<string, CourseLayer>();
  let l = 0;
  const out: CourseLayer[] = [];
  for (const layer of model.layers) {
    const { spec } = layer;
    const from = spec.inputs.map((id) => byId.get(id)!);
    const numbered = NUMBERED.has(spec.kind);
    const index = spec.kind === 'input' ? 0 : numbered ? ++l : Math.max(...from.map((f) => f.l));
    const suffix = spec.kind === 'activation' ? spec.fn : SUFFIX[spec.kind];
    const A = spec.kind === 'input' ? claim('A0') : numbered ? claim(`A${index}`) : claim(`A${index}_${suffix}`);
    const key = claim(spec.kind === 'input' ? 'input' : `${SUFFIX[spec.kind]}${index}`);
    const params: Record<string, string> = {};
    if (numbered) {
      params.W = claim(`W${index}`);
      params.b = claim(`b${index}`);
    } else if (spec.kind === 'batchnorm') {
      const tag = key.slice(2); // "bn3" → "3", "bn3_2" → "3_2"
      params.gamma = claim(`gamma${tag}`);
      params.beta = claim(`beta${tag}`);
      params.runningMean = claim(`running_mean${tag}`);
      params.runningVar = claim(`running_var${tag}`);
    }
    const course: CourseLayer = {
      ...layer,
      l: index,
      A,
      Z: numbered ? claim(`Z${index}`) : undefined,
      key,
      params,
      from,
      image: layer.outShape.length === 3,
    };
    byId.set(spec.id, course);
    out.push(course);
  }
  return out;
}

/** A Python string literal (JSON's escapes are Python's). */
export function pyString(text: string): string {
  return JSON.stringify(text);
}

/** Free text made safe for a Python comment or docstring: one line, no quotes or backslashes. */
export function pyComment(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\\"]/g, '?');
}

/** Course-notation shape: (4, 2). */
export function shape(dims: readonly (number | string)[]): string {
  return `(${dims.join(', ')})`;
}
