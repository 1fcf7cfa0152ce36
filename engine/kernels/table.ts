/**
 * The kernel table: every kernel a fast backend implements, once — its named arguments in
 * call order, the length each buffer must have, which scalars are dimensions or codes of a
 * shared enum, and which buffers are written. The `Kernels` interface (kernels.ts) is the
 * contract layers call; this table says how a call crosses into compiled code.
 *
 * `scripts/gen-kernel-glue.ts` turns it into the glue of both compiled backends, so a kernel
 * is declared here and implemented in `engine/native/src/kernels_impl.inc`, nothing else:
 *   engine/kernels/glue.gen.ts             argument checks + scalar slots (native and wasm)
 *   engine/native/src/kernel_table.gen.h   enums, dims structs, the C++ KernelTable
 *   engine/native/src/glue_napi.gen.inc    Node-API functions (native addon)
 *   engine/wasm/src/exports.gen.inc        wasm exports
 * (`tests/native/kernel-table.test.ts` fails when a generated file is stale.)
 *
 * Calling convention (both backends): the wrapper checks every dimension and buffer, writes
 * the scalars into a Float64Array of slots shared with compiled code (slot i = the i-th
 * scalar of the kernel, in table order; a dims struct takes one slot per field), then calls
 * the compiled function with the buffers only. Lengths are TypeScript expressions over the
 * kernel's parameter names (evaluated by the generated wrapper).
 */

/** Enums shared with compiled code (stable integers: they cross the boundary). */
export const ENUMS = {
  ACT: { linear: 0, sigmoid: 1, tanh: 2, relu: 3, leaky_relu: 4 },
  LOSS: { bce: 0, cross_entropy: 1, mse: 2 },
  OPTIMIZER: { gd: 0, momentum: 1, rmsprop: 2, adam: 3 },
} as const;
export type EnumName = keyof typeof ENUMS;

/** What an enum value is called in error messages. */
export const ENUM_NOUNS: Record<EnumName, string> = { ACT: 'activation code', LOSS: 'loss code', OPTIMIZER: 'optimizer kind' };

/** Plain-integer structs passed by pointer (field order = slot order = C++ member order). */
export const STRUCTS = {
  Conv2dDims: { cpp: 'ConvDims', fields: ['m', 'hIn', 'wIn', 'cIn', 'f', 's', 'padTop', 'padLeft', 'hOut', 'wOut', 'cOut'], check: 'checkConv' },
  Pool2dDims: { cpp: 'PoolDims', fields: ['m', 'hIn', 'wIn', 'c', 'f', 's', 'hOut', 'wOut'], check: 'checkPool' },
} as const;
export type StructName = keyof typeof STRUCTS;

export type ScalarType =
  /** integer in [0, 2³²), C++ int */
  | 'int'
  /** integer in [0, 2³²), C++ ptrdiff_t (element counts) */
  | 'size'
  /** boolean, C++ int 0/1 */
  | 'bool'
  | 'float'
  | 'double';

export interface ScalarParam {
  kind: 'scalar';
  name: string;
  type: ScalarType;
  /** A code of a shared enum (range-checked; C++ int). */
  enum?: EnumName;
}

export interface StructParam {
  kind: 'struct';
  name: string;
  struct: StructName;
}

export interface ArrayParam {
  kind: 'array';
  name: string;
  elem: 'f32' | 'i32';
  /** Written by the kernel (a backend that stages a foreign buffer copies it back). */
  written: boolean;
  /** Values the kernel may touch: a TypeScript expression over the parameters. */
  length: string;
  /** When set, the buffer is passed only if this holds; otherwise compiled code gets a null pointer. */
  present?: string;
}

export type Param = ScalarParam | StructParam | ArrayParam;

export interface KernelEntry {
  params: Param[];
  returns: 'void' | 'double';
  /** Extra checks (TypeScript statements over the parameters, `K` is the kernel's name). */
  checks?: string[];
}

const int = (name: string): ScalarParam => ({ kind: 'scalar', name, type: 'int' });
const size = (name: string): ScalarParam => ({ kind: 'scalar', name, type: 'size' });
const bool = (name: string): ScalarParam => ({ kind: 'scalar', name, type: 'bool' });
const float = (name: string): ScalarParam => ({ kind: 'scalar', name, type: 'float' });
const double = (name: string): ScalarParam => ({ kind: 'scalar', name, type: 'double' });
const code = (name: string, e: EnumName): ScalarParam => ({ kind: 'scalar', name, type: 'int', enum: e });
const dims = (name: string, struct: StructName): StructParam => ({ kind: 'struct', name, struct });
const read = (name: string, length: string, present?: string): ArrayParam => ({
  kind: 'array',
  name,
  elem: 'f32',
  written: false,
  length,
  ...(present ? { present } : {}),
});
const write = (name: string, length: string, present?: string): ArrayParam => ({
  kind: 'array',
  name,
  elem: 'f32',
  written: true,
  length,
  ...(present ? { present } : {}),
});
const readIndices = (name: string, length: string): ArrayParam => ({ kind: 'array', name, elem: 'i32', written: false, length });
const writeIndices = (name: string, length: string): ArrayParam => ({ kind: 'array', name, elem: 'i32', written: true, length });
const kernel = (params: Param[], more: Partial<Omit<KernelEntry, 'params'>> = {}): KernelEntry => ({ params, returns: 'void', ...more });

// Lengths that several kernels share.
const conv = { X: 'd.m * d.hIn * d.wIn * d.cIn', W: 'd.f * d.f * d.cIn * d.cOut', Z: 'd.m * d.hOut * d.wOut * d.cOut' };
const pool = { X: 'd.m * d.hIn * d.wIn * d.c', A: 'd.m * d.hOut * d.wOut * d.c' };
const bnSpan = 'stridedSpan(features, count, featStride, itemStride)';
/** The derivative reads Z for relu / leaky relu and A for sigmoid / tanh. */
const derivativeReads = { Z: (n: string) => `act === 3 || act === 4 ? ${n} : 0`, A: (n: string) => `act === 1 || act === 2 ? ${n} : 0` };
const bnTail = [int('features'), int('count'), size('featStride'), size('itemStride'), float('epsilon')];
const lossInputs = [read('Z', 'loss === 2 ? 0 : n * m')];

export const KERNEL_TABLE = {
  gemm: kernel([
    bool('transA'),
    bool('transB'),
    int('M'),
    int('N'),
    int('K'),
    float('alpha'),
    read('A', 'M * K'),
    read('B', 'K * N'),
    float('beta'),
    write('C', 'M * N'),
  ]),
  denseForward: kernel([
    code('act', 'ACT'),
    read('W', 'n * k'),
    read('X', 'k * m'),
    read('b', 'n'),
    write('Z', 'n * m'),
    write('A', 'act === 0 ? 0 : n * m'),
    int('n'),
    int('k'),
    int('m'),
    float('alpha'),
  ]),
  denseBackward: kernel([
    code('act', 'ACT'),
    read('W', 'n * k'),
    read('X', 'k * m'),
    read('Z', derivativeReads.Z('n * m')),
    read('A', derivativeReads.A('n * m')),
    read('dA', 'n * m'),
    write('dZ', 'n * m'),
    write('dW', 'n * k'),
    write('db', 'n'),
    write('dX', 'k * m', 'dX !== null'),
    int('n'),
    int('k'),
    int('m'),
    float('alpha'),
    float('scale'),
  ]),
  addBiasRows: kernel([write('Z', 'rows * cols'), read('bias', 'rows'), int('rows'), int('cols')]),
  addBiasCols: kernel([write('Z', 'rows * cols'), read('bias', 'cols'), int('rows'), int('cols')]),
  sumRows: kernel([read('X', 'rows * cols'), int('rows'), int('cols'), float('scale'), write('out', 'rows'), float('beta')]),
  sumCols: kernel([read('X', 'rows * cols'), int('rows'), int('cols'), float('scale'), write('out', 'cols'), float('beta')]),
  activationForward: kernel([code('act', 'ACT'), read('Z', 'n'), write('A', 'n'), size('n'), float('alpha')]),
  activationBackward: kernel([
    code('act', 'ACT'),
    read('Z', derivativeReads.Z('n')),
    read('A', derivativeReads.A('n')),
    read('dA', 'n'),
    write('dZ', 'n'),
    size('n'),
    float('alpha'),
  ]),
  softmaxCols: kernel([read('Z', 'rows * cols'), write('A', 'rows * cols'), int('rows'), int('cols')]),
  lossSum: kernel([code('loss', 'LOSS'), ...lossInputs, read('A', 'loss === 2 ? n * m : 0'), read('Y', 'n * m'), int('n'), int('m')], { returns: 'double' }),
  lossGradient: kernel([code('loss', 'LOSS'), ...lossInputs, read('A', 'n * m'), read('Y', 'n * m'), write('dZ', 'n * m'), int('n'), int('m')], {
    returns: 'double',
  }),
  gatherColumns: kernel([read('x', 'n'), readIndices('indices', 'start + m'), int('start'), int('m'), int('n'), write('out', 'n * m')], {
    checks: ['checkGatherIndices(K, x, indices, start, m, n);'],
  }),
  transpose: kernel([read('X', 'rows * cols'), int('rows'), int('cols'), write('out', 'rows * cols')], { checks: ['checkNoAlias(K, X, out, rows * cols);'] }),
  mul: kernel([read('a', 'n'), read('b', 'n'), write('out', 'n'), size('n')]),
  axpby: kernel([float('alpha'), read('x', 'n'), float('beta'), write('y', 'n'), size('n')]),
  sumSquares: kernel([read('x', 'n'), size('n')], { returns: 'double' }),
  conv2dForward: kernel([
    read('X', conv.X),
    read('W', conv.W),
    read('b', 'd.cOut', 'b.length >= d.cOut && d.cOut > 0'),
    write('Z', conv.Z),
    dims('d', 'Conv2dDims'),
  ]),
  conv2dBackwardData: kernel([read('dZ', conv.Z), read('W', conv.W), write('dX', conv.X), dims('d', 'Conv2dDims')]),
  conv2dBackwardFilter: kernel([
    read('X', conv.X),
    read('dZ', conv.Z),
    write('dW', conv.W),
    write('db', 'd.cOut', 'db.length >= d.cOut && d.cOut > 0'),
    dims('d', 'Conv2dDims'),
    float('scale'),
  ]),
  maxPoolForward: kernel([read('X', pool.X), write('A', pool.A), writeIndices('argmax', pool.A), dims('d', 'Pool2dDims')], {
    checks: ['checkIndexable(K, pool2dInput(d));'],
  }),
  maxPoolBackward: kernel([read('dA', pool.A), readIndices('argmax', pool.A), write('dX', pool.X), dims('d', 'Pool2dDims')]),
  avgPoolForward: kernel([read('X', pool.X), write('A', pool.A), dims('d', 'Pool2dDims')]),
  avgPoolBackward: kernel([read('dA', pool.A), write('dX', pool.X), dims('d', 'Pool2dDims')]),
  batchNormForwardTrain: kernel([
    read('X', bnSpan),
    read('gamma', 'features'),
    read('beta', 'features'),
    write('Y', bnSpan),
    write('xHat', bnSpan),
    write('mean', 'features'),
    write('variance', 'features'),
    write('runMean', 'features'),
    write('runVar', 'features'),
    ...bnTail,
    float('momentum'),
  ]),
  batchNormForwardInfer: kernel([
    read('X', bnSpan),
    read('gamma', 'features'),
    read('beta', 'features'),
    write('Y', bnSpan),
    read('runMean', 'features'),
    read('runVar', 'features'),
    ...bnTail,
  ]),
  batchNormBackward: kernel([
    read('dY', bnSpan),
    read('xHat', bnSpan),
    read('gamma', 'features'),
    read('variance', 'features'),
    write('dX', bnSpan),
    write('dGamma', 'features'),
    write('dBeta', 'features'),
    ...bnTail,
  ]),
  classErrors: kernel([read('A', 'n * m'), read('Y', 'n * m'), int('n'), int('m')], { returns: 'double' }),
  histogram: kernel([read('x', 'n'), size('n'), int('bins'), writeIndices('counts', 'bins'), write('range', '2')], {
    checks: ["if (bins < 1) bad(K, 'bins must be at least 1');"],
  }),
  randn: kernel([writeIndices('state', '4'), size('n'), double('scale'), write('out', 'n')]),
  optimizerUpdate: kernel([
    code('kind', 'OPTIMIZER'),
    write('W', 'n'),
    read('dW', 'n'),
    write('s1', 'kind === 1 || kind === 3 ? n : 0'),
    write('s2', 'kind === 2 || kind === 3 ? n : 0'),
    size('n'),
    float('learningRate'),
    float('beta1'),
    float('beta2'),
    float('epsilon'),
    double('t'),
    float('l2'),
  ]),
} satisfies Record<string, KernelEntry>;

export type KernelName = keyof typeof KERNEL_TABLE;
export const KERNEL_NAMES = Object.keys(KERNEL_TABLE) as KernelName[];

/** Scalar slots a call may use (the largest kernel's scalars, struct fields included). */
export const SLOT_COUNT = 16;
