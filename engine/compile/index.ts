/**
 * engine/compile — public entry: a graph (the canvas's, or a spec's) → model spec + course-notation
 * shape table + diagnostics on node ids; and specs from outside validated the same way.
 */
export { compileGraph, compileSpec, describeDiagnostics, specToGraph } from './compile-graph';
export { parseModelSpec, type ParseResult } from './parse-spec';
export { countParams, type ParamCounts } from './param-counts';
export { activationDims, formatActivation, formatShape } from '../spec/notation';
export type * from './types';
// The kinds' table: what the palette lists and the project file's kind enum (kinds build on engine/spec).
export { CATEGORIES, type Category, type KindDescriptor } from '../kinds/kind';
export { allKinds, kindOf, LAYER_KINDS } from '../kinds/lookup';
