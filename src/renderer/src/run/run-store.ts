/**
 * The state of the current training run, fed by trainer events. One reducer of
 * protocol events, so both hosts behave the same.
 */
import { createStore } from 'zustand/vanilla';
import type {
  BackendInfo,
  BoundaryGrid,
  EpochMetrics,
  EvaluationReport,
  FinalMetrics,
  FromTrainer,
  LayerHealth,
  LayerShapeReport,
  WeightHistogram,
} from '../../../../engine/protocol';
import { appendPoints, emptySeries, type BoundedSeries } from './series';
import type { ModelFile } from '../../../../engine/export';
import type { RunSettingsSummary } from './run-label';

export type { RunSettingsSummary } from './run-label';

export type RunStatus = 'idle' | 'starting' | 'running' | 'paused' | 'stopping' | 'finished' | 'failed';

/** Layer-health samples kept per run (older ones are thinned by halving). */
export const HEALTH_CAPACITY = 300;

/** The first weight histograms of a run (its initialisation) and the latest ones. */
export interface WeightSnapshots {
  first: { iteration: number; layers: WeightHistogram[] };
  latest: { iteration: number; layers: WeightHistogram[] };
}

export interface HealthSample {
  iteration: number;
  layers: LayerHealth[];
}

/** A finished (or failed/stopped) run kept in memory for overlaying. */
export interface RunRecord {
  runId: string;
  settings: RunSettingsSummary | null;
  status: RunStatus;
  cost: BoundedSeries;
  epochs: EpochMetrics[];
  final: FinalMetrics | null;
}

/** Run history is bounded to the last this-many runs. */
export const HISTORY_CAPACITY = 12;

export interface RunState {
  runId: string | null;
  status: RunStatus;
  backend: BackendInfo | null;
  /** Threads the run uses when its thread governor chose fewer than the backend has (from progress). */
  threadsInUse: number | undefined;
  /** Examples in the dev split, once the run has started (null before: not known yet). */
  devSize: number | null;
  iteration: number;
  totalIterations: number;
  epoch: number;
  learningRate: number | null;
  elapsedMs: number;
  cost: BoundedSeries;
  epochs: EpochMetrics[];
  final: FinalMetrics | null;
  finishReason: 'completed' | 'stopped' | 'early-stopped' | null;
  /** cause 'diverged': panels give no bias/variance advice and do not call the gradients healthy. */
  error: { message: string; advice?: string; cause?: 'diverged' } | null;
  /** The trained model, when the run finished (for Export Model). */
  model: ModelFile | null;
  /** Settings of the current run (for the history). */
  settings: RunSettingsSummary | null;
  /** Actual shapes of the first forward/backward pass. */
  shapes: LayerShapeReport[] | null;
  /** Learning rate per progress event (bounded like the cost). */
  learningRates: BoundedSeries;
  /** Latest decision boundary; its points are kept from the first one of the run. */
  boundary: BoundaryGrid | null;
  boundaryIteration: number;
  /** Boundaries received in this run (the heatmap redraws live). */
  boundaryUpdates: number;
  health: HealthSample[];
  weights: WeightSnapshots | null;
  evaluation: (EvaluationReport & { final: boolean; iteration: number }) | null;
  /** Earlier runs of this session, newest last. */
  history: RunRecord[];
}

export const idleRun = (): RunState => ({
  runId: null,
  status: 'idle',
  backend: null,
  threadsInUse: undefined,
  devSize: null,
  iteration: 0,
  totalIterations: 0,
  epoch: 0,
  learningRate: null,
  elapsedMs: 0,
  cost: emptySeries(),
  epochs: [],
  final: null,
  finishReason: null,
  error: null,
  model: null,
  settings: null,
  shapes: null,
  learningRates: emptySeries(),
  boundary: null,
  boundaryIteration: 0,
  boundaryUpdates: 0,
  health: [],
  weights: null,
  evaluation: null,
  history: [],
});

export function startingRun(runId: string, history: RunRecord[] = [], settings: RunSettingsSummary | null = null): RunState {
  return { ...idleRun(), runId, status: 'starting', history, settings };
}

/** The current run as a history record. */
export function recordOf(state: RunState): RunRecord | null {
  if (!state.runId) return null;
  return { runId: state.runId, settings: state.settings, status: state.status, cost: state.cost, epochs: state.epochs, final: state.final };
}

/** Adds (or replaces) the run's record, keeping the last HISTORY_CAPACITY runs. */
export function withRecord(history: RunRecord[], record: RunRecord | null): RunRecord[] {
  if (!record) return history;
  return [...history.filter((r) => r.runId !== record.runId), record].slice(-HISTORY_CAPACITY);
}

/** Appends a health sample; past 2 · capacity samples keeps every other one. */
export function appendHealth(samples: HealthSample[], sample: HealthSample, capacity = HEALTH_CAPACITY): HealthSample[] {
  const next = [...samples, sample];
  return next.length >= 2 * capacity ? next.filter((_, i) => i % 2 === 1 || i === next.length - 1) : next;
}

function settle(state: RunState): RunState {
  return { ...state, history: withRecord(state.history, recordOf(state)) };
}

/** Applies one trainer event; events of other runs are ignored. */
export function reduceRunEvent(state: RunState, event: FromTrainer): RunState {
  if (event.type === 'hello' || event.runId !== state.runId) return state;
  switch (event.type) {
    case 'run-started':
      return {
        ...state,
        status: 'running',
        backend: event.backend,
        threadsInUse: undefined,
        devSize: event.devSize,
        totalIterations: event.totalIterations,
      };
    case 'shapes':
      return { ...state, shapes: event.layers };
    case 'boundary':
      return {
        ...state,
        boundary: event.grid.points || !state.boundary?.points ? event.grid : { ...event.grid, points: state.boundary.points },
        boundaryIteration: event.iteration,
        boundaryUpdates: state.boundaryUpdates + 1,
      };
    case 'health':
      return { ...state, health: appendHealth(state.health, { iteration: event.iteration, layers: event.layers }) };
    case 'weights': {
      const snapshot = { iteration: event.iteration, layers: event.layers };
      return { ...state, weights: { first: state.weights?.first ?? snapshot, latest: snapshot } };
    }
    case 'evaluation':
      return { ...state, evaluation: { ...event.report, final: event.final, iteration: event.iteration } };
    case 'progress':
      return {
        ...state,
        status: state.status === 'starting' ? 'running' : state.status,
        iteration: event.iteration,
        epoch: event.epoch,
        totalIterations: event.totalIterations,
        learningRate: event.learningRate,
        elapsedMs: event.elapsedMs,
        threadsInUse: event.threadsInUse,
        cost: appendPoints(state.cost, event.costs),
        learningRates: appendPoints(state.learningRates, [{ iteration: event.iteration, cost: event.learningRate }]),
      };
    case 'epoch':
      return { ...state, epochs: [...state.epochs.slice(-9999), event.metrics] };
    case 'paused':
      return { ...state, status: 'paused' };
    case 'resumed':
      return { ...state, status: 'running' };
    case 'run-finished':
      return settle({ ...state, status: 'finished', final: event.metrics, finishReason: event.reason });
    case 'model':
      return { ...state, model: event.model };
    case 'run-failed':
      return settle({ ...state, status: 'failed', error: { message: event.message, advice: event.advice, cause: event.cause } });
    default:
      return state;
  }
}

export function createRunStore() {
  return createStore<RunState>()(() => idleRun());
}

export type RunStore = ReturnType<typeof createRunStore>;
