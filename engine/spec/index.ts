/**
 * engine/spec — public entry: the model spec's vocabulary. Spec types (inferred from the kinds'
 * schemas), fields with label/help/range, every size limit, the course notation, and the one-line
 * text helpers the engine's messages use. Browser-safe. The kinds' table itself is offered by
 * engine/compile: the kinds build on this folder, so it does not re-export them.
 */
export * from './types';
export { defaultsOf, fieldsOf, type ChoiceInfo, type CompoundInfo, type Field, type NumberInfo, type ToggleInfo } from './fields';
export { RANDOM_INIT_SCALE, type InitSpec } from './vocabulary';
export * from './limits';
export { activationDims, formatActivation, formatShape, type Dim } from './notation';
export * from '../limits';
export { clip, jsonSyntaxProblem, oneLine, quote } from '../text';
