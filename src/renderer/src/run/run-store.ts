/**
 * The state of the current training run, fed by trainer events. One reducer of
 * protocol events, so both hosts behave the same.
 */
import { createStore } from 'zustand/vanilla';
import type { BackendInfo, EpochMetrics, FinalMetrics, FromTrainer } from '../../../../engine/protocol/messages';
import { appendPoints, emptySeries, type BoundedSeries } from './series';

export type RunStatus = 'idle' | 'starting' | 'running' | 'paused' | 'stopping' | 'finished' | 'failed';

export interface RunState {
  runId: string | null;
  status: RunStatus;
  backend: BackendInfo | null;
  iteration: number;
  totalIterations: number;
  epoch: number;
  learningRate: number | null;
  elapsedMs: number;
  cost: BoundedSeries;
  epochs: EpochMetrics[];
  final: FinalMetrics | null;
  finishReason: 'completed' | 'stopped' | 'early-stopped' | null;
  error: { message: string; advice?: string } | null;
}

export const idleRun = (): RunState => ({
  runId: null,
  status: 'idle',
  backend: null,
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
});

export function startingRun(runId: string): RunState {
  return { ...idleRun(), runId, status: 'starting' };
}

/** Applies one trainer event; events of other runs are ignored. */
export function reduceRunEvent(state: RunState, event: FromTrainer): RunState {
  if (event.type === 'hello' || event.runId !== state.runId) return state;
  switch (event.type) {
    case 'run-started':
      return { ...state, status: 'running', backend: event.backend, totalIterations: event.totalIterations };
    case 'shapes':
      return state;
    case 'progress':
      return {
        ...state,
        status: state.status === 'starting' ? 'running' : state.status,
        iteration: event.iteration,
        epoch: event.epoch,
        totalIterations: event.totalIterations,
        learningRate: event.learningRate,
        elapsedMs: event.elapsedMs,
        cost: appendPoints(state.cost, event.costs),
      };
    case 'epoch':
      return { ...state, epochs: [...state.epochs.slice(-9999), event.metrics] };
    case 'paused':
      return { ...state, status: 'paused' };
    case 'resumed':
      return { ...state, status: 'running' };
    case 'run-finished':
      return { ...state, status: 'finished', final: event.metrics, finishReason: event.reason };
    case 'run-failed':
      return { ...state, status: 'failed', error: { message: event.message, advice: event.advice } };
  }
}

export function createRunStore() {
  return createStore<RunState>()(() => idleRun());
}

export type RunStore = ReturnType<typeof createRunStore>;
