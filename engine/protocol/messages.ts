/**
 * The one message protocol spoken by the trainer entry, whatever carries it:
 * Electron's utilityProcess (process.parentPort), Node's fork / worker_threads,
 * or a browser Web Worker. Main relays these unchanged to the renderer.
 */
import type { ModelSpec } from '../spec/types';
import type { TrainConfig } from './train-config';
import type { DataSource, SplitConfig, Normalisation } from '../data/source';
import type { ModelFile } from '../export/format';
import type { TransferRequest } from '../transfer/apply';
import type { StepThrough } from '../train/step-through';
import type { ConvFilters, ExampleSet, FeatureMaps, Saliency } from '../train/conv-views';

export const PROTOCOL_VERSION = 1 as const;

export interface RunRequest {
  runId: string;
  spec: ModelSpec;
  data: DataSource;
  /** Default: everything in train (no dev/test split). */
  split?: SplitConfig;
  normalisation?: Normalisation;
  config: TrainConfig;
  /** Force a backend; by default the fastest the host has (desktop/CLI: native → wasm → reference; web: wasm → reference). */
  backend?: BackendName;
  /** Native backend threads for this run (default: the host's share of the cores). */
  threads?: number;
  /**
   * Start from these weights (and batch-norm running averages) instead of initialising:
   * continue training an imported model, or gradient-check a trained one. Its spec must
   * describe the same layers and shapes as `spec`.
   */
  initialModel?: ModelFile;
  /**
   * Transfer learning: start the chosen layers (target id → source layer id) from an exported
   * model's weights; every other layer is initialised fresh. Not with `initialModel`.
   */
  transfer?: TransferRequest;
  /** Training-only augmentation of image inputs (never applied to dev/test). */
  augmentation?: Augmentation;
  /** Train on only the first n training examples after the split (learning curves). */
  trainLimit?: number;
}

export interface Augmentation {
  /** Mirror each training image left–right with probability ½. */
  flipHorizontal?: boolean;
  /** Shift each training image by up to this many pixels on each axis (zero fill). */
  maxShift?: number;
}

/** Host → trainer. */
export type ToTrainer =
  | { type: 'start-run'; request: RunRequest }
  | { type: 'stop-run'; runId: string }
  | { type: 'pause-run'; runId: string }
  | { type: 'resume-run'; runId: string }
  /** A view computed on request at the run's starting weights (issue 18); answered by 'inspection' or 'inspect-failed'. */
  | { type: 'inspect'; inspectId: string; run: RunRequest; view: InspectView };

/** What to compute for an 'inspect' message; examples are indices into the run's train (or dev) split. */
export type InspectView =
  | { kind: 'step-through'; example: number }
  | { kind: 'conv-filters'; layerId?: string }
  | { kind: 'feature-maps'; layerId: string; set: ExampleSet; example: number }
  | { kind: 'saliency'; set: ExampleSet; example: number };

export type Inspection =
  | { kind: 'step-through'; result: StepThrough }
  | { kind: 'conv-filters'; result: ConvFilters }
  | { kind: 'feature-maps'; result: FeatureMaps }
  | { kind: 'saliency'; result: Saliency };

export type BackendName = 'native' | 'wasm' | 'reference';

export interface BackendInfo {
  name: BackendName;
  /** Why a faster backend is not in use, when it is not (for example "native unavailable: <reason>"). */
  fallbackReason?: string;
  threads?: number;
}

/** Shapes the engine actually produced for one layer, keyed by course notation (W, b, Z, A, dW, db). */
export interface LayerShapeReport {
  id: string;
  kind: string;
  shapes: Record<string, number[]>;
}

export interface CostPoint {
  iteration: number;
  cost: number;
}

export interface EpochMetrics {
  epoch: number;
  iteration: number;
  trainCost: number;
  trainError: number;
  devCost?: number;
  devError?: number;
  /** Present when the split holds out a train-dev set (same distribution as train, never trained on). */
  trainDevCost?: number;
  trainDevError?: number;
  learningRate: number;
}

export interface FinalMetrics {
  iterations: number;
  epochs: number;
  trainCost: number;
  /** Multi-task: the fraction of labels right, over every task's present labels. */
  trainAccuracy: number;
  devAccuracy?: number;
  testAccuracy?: number;
  /** Multi-task output: each task's metrics on the dev set (train when there is none). */
  tasks?: { set: 'dev' | 'train'; metrics: TaskMetrics[] };
  /** Early stopping: the epoch whose weights (best dev cost) the run ended with. */
  bestEpoch?: number;
}

/** One task of a multi-task output (a sigmoid unit): null where a ratio has nothing to divide by. */
export interface TaskMetrics {
  name: string;
  /** Examples that have this task's label. */
  labelled: number;
  /** Mean binary cross-entropy over them. */
  loss: number | null;
  accuracy: number | null;
  precision: number | null;
  recall: number | null;
}

/** Decision boundary of a 2-D classifier on a size × size grid over the (normalised) training inputs. */
export interface BoundaryGrid {
  size: number;
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
  /** 'probability': P(class 1) of a sigmoid unit; 'class': the predicted class index. */
  valueKind: 'probability' | 'class';
  /** size · size values, row-major, row 0 at yMin. */
  values: number[];
  numClasses: number;
  /** Training points (subsampled to ≤ 600), sent with the first boundary of a run only. */
  points?: { x: number[]; y: number[]; label: number[] };
}

/** One layer's health after a step: RMS of A[l], ‖W[l]‖_F and ‖dW[l]‖_F. */
export interface LayerHealth {
  id: string;
  kind: string;
  activationRms: number;
  weightNorm: number;
  gradNorm: number;
}

/** Histogram of one layer's weights W[l] (bins equally spaced over [min, max]). */
export interface WeightHistogram {
  id: string;
  kind: string;
  min: number;
  max: number;
  counts: number[];
}

/** Predictions on the dev set (or train when there is no dev split), for the evaluation panel. */
export interface EvaluationReport {
  set: 'dev' | 'train';
  numClasses: number;
  classNames?: string[];
  exampleShape: number[];
  actual: number[];
  predicted: number[];
  /** P(class 1) when binaryScores, else the winning class's probability. */
  scores: number[];
  binaryScores: boolean;
  /**
   * Examples with their inputs, mistakes first (final report only): `index` into `actual`, and
   * `source`, the row of the request's data it came from (what error-analysis tags refer to).
   */
  shown?: { index: number; source?: number; x: number[] }[];
}

/** Trainer → host. */
export type FromTrainer =
  | { type: 'hello'; protocol: typeof PROTOCOL_VERSION; backend: BackendInfo }
  | {
      type: 'run-started';
      runId: string;
      backend: BackendInfo;
      trainSize: number;
      devSize: number;
      testSize: number;
      trainDevSize?: number;
      iterationsPerEpoch: number;
      totalIterations: number;
    }
  | { type: 'shapes'; runId: string; layers: LayerShapeReport[] }
  /** Throttled (≈20 per second at most); `costs` holds every iteration's cost since the last progress. */
  | {
      type: 'progress';
      runId: string;
      iteration: number;
      epoch: number;
      totalIterations: number;
      learningRate: number;
      costs: CostPoint[];
      elapsedMs: number;
      /** Threads the run is using when the thread governor measured fewer than the backend has to be faster. */
      threadsInUse?: number;
    }
  | { type: 'epoch'; runId: string; metrics: EpochMetrics }
  | { type: 'paused'; runId: string }
  | { type: 'resumed'; runId: string }
  | {
      type: 'run-finished';
      runId: string;
      reason: 'completed' | 'stopped' | 'early-stopped';
      metrics: FinalMetrics;
    }
  /** cause 'diverged': the cost became NaN/Inf or kept far above its start (panels then give no bias/variance advice). */
  | { type: 'run-failed'; runId: string; message: string; advice?: string; cause?: 'diverged' }
  /**
   * Sent about once a second while a run is active (from the training loop's yield points, so a
   * trainer that stops making progress stops sending it). Hosts end a run whose heartbeat is
   * missing for their grace period.
   */
  | { type: 'heartbeat'; runId: string; iteration: number }
  /** The trained model (docs/model-format.md), sent just before 'run-finished' so hosts can export it. */
  | { type: 'model'; runId: string; model: ModelFile }
  /** The answer to an 'inspect' message (runId is its inspectId: hosts route every trainer event by runId). */
  | { type: 'inspection'; runId: string; inspection: Inspection }
  | { type: 'inspect-failed'; runId: string; message: string }
  /** Live panel events (below). */
  | LiveEvent;

/**
 * Live panels (issue 6), all throttled by the trainer:
 * - 'boundary': for 2-D classification data, the decision boundary (≈4 per second);
 * - 'health': per-layer activation and gradient norms (≈5 per second);
 * - 'evaluation': dev (or train) predictions, with each epoch event at most twice a second
 *   and once after the run (`final: true`, with `shown` examples).
 */
export type LiveEvent =
  | { type: 'boundary'; runId: string; iteration: number; epoch: number; grid: BoundaryGrid }
  | { type: 'health'; runId: string; iteration: number; layers: LayerHealth[] }
  | { type: 'weights'; runId: string; iteration: number; layers: WeightHistogram[] }
  | { type: 'evaluation'; runId: string; iteration: number; final: boolean; report: EvaluationReport };

export type FromTrainerType = FromTrainer['type'];
