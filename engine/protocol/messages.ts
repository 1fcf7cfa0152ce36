/**
 * The one message protocol spoken by the trainer entry, whatever carries it:
 * Electron's utilityProcess (process.parentPort), Node's fork / worker_threads,
 * or a browser Web Worker. Main relays these unchanged to the renderer.
 */
import type { ModelSpec } from '../spec/types';
import type { TrainConfig } from '../train/config';
import type { DataSource, SplitConfig, Normalisation } from '../data/source';

export const PROTOCOL_VERSION = 1 as const;

export interface RunRequest {
  runId: string;
  spec: ModelSpec;
  data: DataSource;
  /** Default: everything in train (no dev/test split). */
  split?: SplitConfig;
  normalisation?: Normalisation;
  config: TrainConfig;
  /** 'native' (default where available) or 'reference'. */
  backend?: 'native' | 'reference';
}

/** Host → trainer. */
export type ToTrainer =
  | { type: 'start-run'; request: RunRequest }
  | { type: 'stop-run'; runId: string }
  | { type: 'pause-run'; runId: string }
  | { type: 'resume-run'; runId: string };

export interface BackendInfo {
  name: 'native' | 'reference';
  /** Why the native backend is not in use, when it is not. */
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
  learningRate: number;
}

export interface FinalMetrics {
  iterations: number;
  epochs: number;
  trainCost: number;
  trainAccuracy: number;
  devAccuracy?: number;
  testAccuracy?: number;
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
  | { type: 'run-failed'; runId: string; message: string; advice?: string };

export type FromTrainerType = FromTrainer['type'];
