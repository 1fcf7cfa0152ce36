/**
 * A lesson (`*.lesson.json`, format "dendrite.lesson", version 1): an ordered list of steps,
 * each with Markdown text in the course's notation, an optional starting graph and settings,
 * the controls it shows or locks, a goal the app checks, and hints shown after a failed check.
 * Documented in docs/lesson-format.md; validated by schema.ts.
 */
import type { LayerKind } from '../spec/types';

export const LESSON_FORMAT = 'dendrite.lesson' as const;
export const LESSON_FORMAT_VERSION = 1 as const;

export interface Lesson {
  format: typeof LESSON_FORMAT;
  version: typeof LESSON_FORMAT_VERSION;
  /** Stable id ("course-01-logistic"); results files name it. */
  id: string;
  /** The lesson's own revision: results are verified against the same revision's goals. */
  revision: number;
  title: string;
  /** One line for the lesson list. */
  summary: string;
  steps: LessonStep[];
}

export interface LessonStep {
  id: string;
  title: string;
  /** Markdown; course notation such as W[l], n_H, α, ⌊x⌋ is typeset by the app. */
  text: string;
  /** Loaded when the step opens; absent: the student keeps working on the previous step's network. */
  start?: LessonStart;
  controls?: { hidden?: ControlId[]; locked?: ControlId[] };
  goal: Goal;
  /** Shown one at a time, after each failed check. */
  hints?: string[];
}

/** Parts of the interface a step can hide or lock (see src/renderer/src/lessons/controls.ts). */
export const CONTROL_IDS = [
  'palette',
  'canvas',
  'inspector',
  'templates',
  'project',
  'dataset',
  'data-prep',
  'learning-rate',
  'batch-size',
  'optimizer',
  'iterations',
  'train',
] as const;
export type ControlId = (typeof CONTROL_IDS)[number];

/** A node as a project file stores it (kind, params, position). */
export interface LessonNode {
  id: string;
  kind: LayerKind;
  position: { x: number; y: number };
  params: Record<string, unknown>;
}

export interface LessonEdge {
  id: string;
  source: string;
  target: string;
  targetHandle?: string | null;
}

export interface LessonStart {
  graph: { nodes: LessonNode[]; edges: LessonEdge[] };
  /** A built-in dataset id (flower, moons, circles, xor, spirals, blobs, mnist) and its settings. */
  dataset: {
    id: string;
    seed: number;
    m?: number;
    noise?: number;
    /** Train/dev split (fractions; the rest is test); absent: everything trains. */
    split?: { train: number; dev: number; seed: number; stratify?: boolean };
    normalisation?: 'none' | 'standardise' | 'minmax';
  };
  training: {
    learningRate: number;
    iterations: number;
    seed: number;
    batchSize: number | 'full';
    optimizer: 'gd' | 'momentum' | 'rmsprop' | 'adam';
  };
}

export type Comparison = '<' | '<=' | '>' | '>=' | '=' | '!=';

/** What a finished run is judged on (errors and accuracies are fractions: 0.1 = 10 %). */
export const METRICS = ['trainAccuracy', 'devAccuracy', 'trainError', 'devError', 'trainCost', 'varianceGap'] as const;
export type MetricName = (typeof METRICS)[number];

export const SETTINGS = ['learningRate', 'iterations', 'batchSize', 'optimizer', 'l2', 'seed'] as const;
export type SettingName = (typeof SETTINGS)[number];

export type Condition =
  /** A final metric of the run; varianceGap = dev error − train error. */
  | { on: 'metric'; metric: MetricName; op: Comparison; value: number }
  /** hiddenUnits: units of all dense layers; params: trainable parameters; layers: layers of `kind`. */
  | { on: 'count'; what: 'hiddenUnits' | 'params' | 'layers'; kind?: LayerKind; op: Comparison; value: number }
  /** A field of layers of one kind (`param` is a dotted path: "units", "init.kind", "keepProb"); every or some of them. */
  | { on: 'layers'; kind: LayerKind; param: string; op: Comparison; value: number | string; quantifier?: 'every' | 'some' }
  /** A training setting of the run. */
  | { on: 'setting'; setting: SettingName; op: Comparison; value: number | string }
  /** One layer's output for one example, e.g. [7, 7, 16]. */
  | { on: 'shape'; layer: string; equals: number[] };

/** What a student predicts about a layer: the shape of W, b, Z or A (for one batch of m), or its parameter count. */
export const QUANTITIES = ['W', 'b', 'Z', 'A', 'params'] as const;
export type Quantity = (typeof QUANTITIES)[number];

export interface PredictTarget {
  layer: string;
  quantity: Quantity;
}

export type Goal =
  /** Nothing to check: reading (the student presses Next). */
  | { kind: 'read' }
  /** The network on the canvas compiles against the dataset, and meets the conditions (structure only). */
  | { kind: 'compile'; conditions?: Condition[] }
  /** A finished training run (started after the step opened) whose metrics, network and settings meet every condition. */
  | { kind: 'run'; conditions: Condition[] }
  /** The gradient check of the network on the canvas says "great" or "fine" (difference < 1e−5). */
  | { kind: 'gradcheck' }
  /** The student's predictions of shapes or parameter counts are all right. */
  | { kind: 'predict'; targets: PredictTarget[] };
