/**
 * Runs a search's trials, at most `concurrency` at a time, through whatever starts a run (the
 * app's host and its run queue, the CLI's worker threads, or in process), reporting each trial
 * as it starts and ends. Cancel stops launching trials and asks the running ones to stop.
 */
import type { FinalMetrics, RunRequest } from '../protocol/messages';
import type { PlannedTrial } from './config';
import type { TrialResult } from './results';

export type TrialOutcome = { ok: true; metrics: FinalMetrics } | { ok: false; error: string };

export interface SearchRunOptions {
  concurrency: number;
  /** Every change: a trial queued → running → finished or failed. The array is a fresh copy. */
  onUpdate?(trials: TrialResult[], changed: TrialResult): void;
  /** Asked to stop a running trial when the search is cancelled. */
  stop?(runId: string): void;
}

export interface SearchRun {
  done: Promise<TrialResult[]>;
  cancel(): void;
}

export function runSearch(planned: readonly PlannedTrial[], run: (request: RunRequest) => Promise<TrialOutcome>, options: SearchRunOptions): SearchRun {
  const trials: TrialResult[] = planned.map((p) => ({ trial: p.trial, runId: p.request.runId, values: p.values, status: 'queued' }));
  let next = 0;
  let cancelled = false;
  const update = (index: number, patch: Partial<TrialResult>) => {
    trials[index] = { ...trials[index], ...patch };
    options.onUpdate?.([...trials], trials[index]);
  };
  const worker = async (): Promise<void> => {
    while (!cancelled && next < planned.length) {
      const index = next++;
      update(index, { status: 'running' });
      let outcome: TrialOutcome;
      try {
        outcome = await run(planned[index].request);
      } catch (error) {
        outcome = { ok: false, error: error instanceof Error ? error.message : String(error) };
      }
      update(index, outcome.ok ? { status: 'finished', metrics: outcome.metrics } : { status: 'failed', error: outcome.error });
    }
  };
  const lanes = Math.max(1, Math.min(options.concurrency, planned.length));
  const done = Promise.all(Array.from({ length: lanes }, worker)).then(() => [...trials]);
  return {
    done,
    cancel() {
      if (cancelled) return;
      cancelled = true;
      for (const t of trials) if (t.status === 'running') options.stop?.(t.runId);
    },
  };
}
