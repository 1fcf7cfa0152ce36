/**
 * engine/spec — public entry: the model spec's vocabulary. Spec types (inferred from the kinds'
 * schemas), the kinds' descriptors, fields with label/help/range, every size limit, the course
 * notation, and the one-line text helpers the engine's messages use. Browser-safe.
 */
export * from './types';
export { defaultsOf, fieldsOf, type ChoiceInfo, type CompoundInfo, type Field, type NumberInfo, type ToggleInfo } from './fields';
export { RANDOM_INIT_SCALE, type InitSpec } from './vocabulary';
export * from './limits';
export { activationDims, formatActivation, formatShape, type Dim } from './notation';
export { CATEGORIES, type Category, type KindDescriptor } from '../kinds/kind';
export { allKinds, kindOf } from '../kinds/lookup';
export * from '../limits';
export { clip, jsonSyntaxProblem, oneLine, quote } from '../text';
