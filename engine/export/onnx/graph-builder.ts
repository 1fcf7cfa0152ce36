/**
 * Collects an ONNX graph's nodes and initializers. Layer ids are free text, so every tensor and
 * node name is made unique here rather than trusted to be.
 */
import { FLOAT, type OnnxAttribute, type OnnxNode, type OnnxTensor } from './proto';

/** A tensor flowing between layers: images are NCHW inside the graph. */
export interface Flow {
  name: string;
  image: boolean;
}

export class GraphBuilder {
  readonly nodes: OnnxNode[] = [];
  readonly initializers: OnnxTensor[] = [];
  private readonly tensorNames: Set<string>;
  private readonly nodeNames = new Set<string>();

  /** `reserved`: names only their owners may use (the graph's input and output). */
  constructor(reserved: string[]) {
    this.tensorNames = new Set(reserved);
  }

  /** A fresh tensor name based on `name`. */
  tensor(name: string): string {
    return claim(this.tensorNames, name);
  }

  /** A float32 initializer; returns its name. */
  constant(name: string, dims: number[], values: ArrayLike<number>, docString?: string): string {
    const tensorName = this.tensor(name);
    this.initializers.push({ name: tensorName, dims, dataType: FLOAT, raw: float32Bytes(values), docString });
    return tensorName;
  }

  /**
   * One operator node of a layer, reading `inputs` and writing one tensor: `output` when given
   * (a reserved name), else a fresh `${layerId}/${what}`. Returns the output's name.
   */
  op(
    layerId: string,
    what: string,
    opType: string,
    inputs: string[],
    options: { attributes?: OnnxAttribute[]; docString?: string; output?: string } = {},
  ): string {
    const output = options.output ?? this.tensor(`${layerId}/${what}`);
    this.nodes.push({
      name: claim(this.nodeNames, `${layerId}/${opType}`),
      opType,
      inputs,
      outputs: [output],
      attributes: options.attributes,
      docString: options.docString,
    });
    return output;
  }
}

function claim(names: Set<string>, name: string): string {
  let candidate = name;
  for (let k = 2; names.has(candidate); k++) candidate = `${name}_${k}`;
  names.add(candidate);
  return candidate;
}

function float32Bytes(values: ArrayLike<number>): Uint8Array {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i], true);
  return bytes;
}
