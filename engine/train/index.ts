/**
 * engine/train — public entry: everything that runs or judges a training run. The run itself and
 * its views (inspect, step-through, conv views), its configuration and learning-rate schedule,
 * metrics and the bias/variance diagnosis, gradient-check requests, hyperparameter search,
 * transfer learning, and the backend a run uses (contract, choice, status line, the WebAssembly
 * runtime's portable half). Browser-safe; the Node loaders of the native and wasm backends are in
 * engine/node.
 */
export type { DecayConfig, OptimizerConfig, OptimizerKind, TrainConfig } from '../protocol/train-config';
export { runTraining } from './run';
export { inspect, isInputError } from './inspect';
export { gradCheckRequest } from './check-request';
export type { GradCheckResult } from './gradcheck';
export type { ConvFilters, ExampleSet, FeatureMaps, Saliency } from './conv-views';
export type { StepThrough, TraceTensor } from './step-through';
export { diagnose, type Diagnosis, type DiagnosisInput, type Verdict } from './diagnosis';
export {
  bestThreshold,
  classificationMetrics,
  singleNumber,
  type ClassificationMetrics,
  type OptimisingMetric,
  type SatisficingConstraint,
  type SatisficingMetric,
} from './metrics';
export { learningRateAt } from '../schedules';

// Hyperparameter search.
export { planSearch, searchConfigSchema, type SearchConfig } from '../search/config';
export { ranked, scoreName, trialScore, type TrialResult } from '../search/results';
export { runSearch, type SearchRun, type TrialOutcome } from '../search/run';
export { dimensionKey } from '../search/sample';
export { defaultDimension, SEARCH_SETTINGS, SETTINGS, type Dimension, type SearchScale, type SearchSetting } from '../search/space';
export { zoomIn } from '../search/zoom';

// Transfer learning.
export type { TransferRequest } from '../transfer/apply';
export { matchLayers } from '../transfer/match';
export {
  BASE_SPEC,
  FIRST_DIGITS,
  SECOND_DIGITS,
  summariseExample,
  TRANSFER_SPEC,
  TRANSFERRED_LAYERS,
  transferExample,
  type ExampleSummary,
} from '../transfer/example';

// The backend a run computes on.
export type { Backend } from '../kernels/kernels';
export { chooseBackend, isBackendName, type BackendLoaders, type LoadBackend } from '../kernels/choose';
export { backendLine } from '../kernels/backend-line';
export { createWasmRuntime, WASM_WORKER_FUNCTION, type WasmBackend, type WasmPlatform } from '../wasm/backend';
export { wasmApi } from '../wasm/js-api';
