/** A search's finished trials: how one is scored and which is best. */
import type { FinalMetrics } from '../protocol/messages';
import type { TrialValues } from './sample';

export interface TrialResult {
  /** 1-based, in sampling order. */
  trial: number;
  runId: string;
  values: TrialValues;
  status: 'queued' | 'running' | 'finished' | 'failed';
  metrics?: FinalMetrics;
  error?: string;
}

/**
 * What a search minimises: dev error when there is a dev set (the course's "dev set metric"),
 * else train error, else (regression) the train cost. NaN for a trial that has not finished.
 */
export function trialScore(metrics: FinalMetrics | undefined): number {
  if (!metrics) return NaN;
  if (metrics.devAccuracy !== undefined && metrics.devAccuracy !== null) return 1 - metrics.devAccuracy;
  if (Number.isFinite(metrics.trainAccuracy)) return 1 - metrics.trainAccuracy;
  return metrics.trainCost;
}

/** What the score is, in words, for tables and plots. */
export function scoreName(trials: readonly TrialResult[]): string {
  const finished = trials.find((t) => t.metrics);
  if (!finished?.metrics) return 'dev error';
  if (finished.metrics.devAccuracy !== undefined && finished.metrics.devAccuracy !== null) return 'dev error';
  return Number.isFinite(finished.metrics.trainAccuracy) ? 'train error' : 'train cost';
}

/** Finished trials, best (lowest score) first; ties keep sampling order. */
export function ranked(trials: readonly TrialResult[]): TrialResult[] {
  return trials
    .filter((t) => t.status === 'finished' && Number.isFinite(trialScore(t.metrics)))
    .sort((a, b) => trialScore(a.metrics) - trialScore(b.metrics) || a.trial - b.trial);
}
