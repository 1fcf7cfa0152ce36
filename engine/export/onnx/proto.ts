/**
 * The part of ONNX's protobuf schema (onnx/onnx.proto, proto2) that an inference graph needs,
 * written with protobufjs's wire writer. Field numbers are the schema's; only the fields used
 * here are declared. protobufjs's reflection API would build these encoders itself, but it
 * compiles them with `new Function`, which the renderer's Content-Security-Policy
 * (`script-src 'self'`, no 'unsafe-eval') refuses — so the encoders are written out, the way
 * protobufjs's own static code generator writes them, and run in every host.
 */
import { Writer } from 'protobufjs/minimal';

/** TensorProto.DataType */
export const FLOAT = 1;
export const INT64 = 7;

export interface OnnxTensor {
  name: string;
  dims: number[];
  dataType: typeof FLOAT | typeof INT64;
  /** Little-endian values (TensorProto.raw_data). */
  raw: Uint8Array;
  docString?: string;
}

export type OnnxAttribute =
  { name: string; float: number } | { name: string; int: number } | { name: string; ints: number[] } | { name: string; string: string };

export interface OnnxNode {
  name: string;
  opType: string;
  inputs: string[];
  outputs: string[];
  attributes?: OnnxAttribute[];
  docString?: string;
}

export interface OnnxValueInfo {
  name: string;
  elemType: typeof FLOAT;
  /** A number is a fixed size; a string names a symbolic one (the batch size). */
  shape: (number | string)[];
  docString?: string;
}

export interface OnnxGraph {
  name: string;
  nodes: OnnxNode[];
  initializers: OnnxTensor[];
  inputs: OnnxValueInfo[];
  outputs: OnnxValueInfo[];
  docString?: string;
}

export interface OnnxModel {
  irVersion: number;
  /** The default (ai.onnx) domain's opset version. */
  opsetVersion: number;
  producerName: string;
  producerVersion: string;
  docString?: string;
  graph: OnnxGraph;
  metadata: [key: string, value: string][];
}

const VARINT = 0;
const FIXED32 = 5;
const BYTES = 2;

const tag = (w: Writer, field: number, wire: number): Writer => w.uint32((field << 3) | wire);
const str = (w: Writer, field: number, value: string | undefined) => {
  if (value !== undefined && value !== '') tag(w, field, BYTES).string(value);
};
const int = (w: Writer, field: number, value: number) => tag(w, field, VARINT).int64(value);
const message = <T>(w: Writer, field: number, value: T, encode: (w: Writer, value: T) => void) => {
  tag(w, field, BYTES).fork();
  encode(w, value);
  w.ldelim();
};

// AttributeProto.AttributeType
const ATTRIBUTE_TYPE = { float: 1, int: 2, string: 3, ints: 7 } as const;

function attribute(w: Writer, a: OnnxAttribute): void {
  str(w, 1, a.name);
  if ('float' in a) {
    tag(w, 2, FIXED32).float(a.float);
    int(w, 20, ATTRIBUTE_TYPE.float);
  } else if ('int' in a) {
    int(w, 3, a.int);
    int(w, 20, ATTRIBUTE_TYPE.int);
  } else if ('ints' in a) {
    for (const v of a.ints) int(w, 8, v);
    int(w, 20, ATTRIBUTE_TYPE.ints);
  } else {
    str(w, 4, a.string);
    int(w, 20, ATTRIBUTE_TYPE.string);
  }
}

function node(w: Writer, n: OnnxNode): void {
  for (const input of n.inputs) tag(w, 1, BYTES).string(input);
  for (const output of n.outputs) tag(w, 2, BYTES).string(output);
  str(w, 3, n.name);
  str(w, 4, n.opType);
  for (const a of n.attributes ?? []) message(w, 5, a, attribute);
  str(w, 6, n.docString);
}

function tensor(w: Writer, t: OnnxTensor): void {
  for (const d of t.dims) int(w, 1, d);
  int(w, 2, t.dataType);
  str(w, 8, t.name);
  tag(w, 9, BYTES).bytes(t.raw);
  str(w, 12, t.docString);
}

function dimension(w: Writer, d: number | string): void {
  if (typeof d === 'number') int(w, 1, d);
  else str(w, 2, d);
}

function tensorType(w: Writer, v: OnnxValueInfo): void {
  int(w, 1, v.elemType);
  message(w, 2, v.shape, (w2, shape) => {
    for (const d of shape) message(w2, 1, d, dimension);
  });
}

function valueInfo(w: Writer, v: OnnxValueInfo): void {
  str(w, 1, v.name);
  message(w, 2, v, (w2, value) => message(w2, 1, value, tensorType));
  str(w, 3, v.docString);
}

function graph(w: Writer, g: OnnxGraph): void {
  for (const n of g.nodes) message(w, 1, n, node);
  str(w, 2, g.name);
  for (const t of g.initializers) message(w, 5, t, tensor);
  str(w, 10, g.docString);
  for (const v of g.inputs) message(w, 11, v, valueInfo);
  for (const v of g.outputs) message(w, 12, v, valueInfo);
}

/** ModelProto, serialised. */
export function encodeModel(m: OnnxModel): Uint8Array {
  const w = Writer.create();
  int(w, 1, m.irVersion);
  str(w, 2, m.producerName);
  str(w, 3, m.producerVersion);
  str(w, 6, m.docString);
  message(w, 7, m.graph, graph);
  message(w, 8, m.opsetVersion, (w2, version) => {
    // OperatorSetIdProto: the default domain is the empty string, so only the version is written.
    int(w2, 2, version);
  });
  for (const [key, value] of m.metadata) {
    message(w, 14, [key, value] as const, (w2, [k, v]) => {
      str(w2, 1, k);
      tag(w2, 2, BYTES).string(v);
    });
  }
  return w.finish();
}
