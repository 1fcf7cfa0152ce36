/**
 * Running an import in the worker from a component: busy while it runs, and a progress bar
 * only once it has taken more than half a second (quick imports do not flash one).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ImportJob, ImportOutcome } from './import-job';
import { importInWorker } from './import-client';

export const PROGRESS_AFTER_MS = 500;

export interface ImportProgressState {
  busy: boolean;
  /** Fraction done when the job reports it, null while unknown. */
  fraction: number | null;
  showProgress: boolean;
}

export function useImportJob() {
  const [state, setState] = useState<ImportProgressState>({ busy: false, fraction: null, showProgress: false });
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);
  /** Any worker task, with the same busy flag and delayed progress bar. */
  const runTask = useCallback(async <T,>(task: (onProgress: (fraction: number) => void) => Promise<T>): Promise<{ outcome: T; seconds: number }> => {
    const started = performance.now();
    setState({ busy: true, fraction: null, showProgress: false });
    timer.current = setTimeout(() => setState((s) => ({ ...s, showProgress: s.busy })), PROGRESS_AFTER_MS);
    try {
      const outcome = await task((fraction) => setState((s) => ({ ...s, fraction })));
      return { outcome, seconds: (performance.now() - started) / 1000 };
    } finally {
      if (timer.current) clearTimeout(timer.current);
      setState({ busy: false, fraction: null, showProgress: false });
    }
  }, []);
  const run = useCallback((job: ImportJob) => runTask<ImportOutcome>((onProgress) => importInWorker(job, onProgress)), [runTask]);
  return { ...state, run, runTask };
}

export function ImportProgress({ state, what }: { state: ImportProgressState; what: string }) {
  if (!state.showProgress) return null;
  return (
    <p role="status" data-testid="import-progress">
      Reading {what}… <progress max={1} {...(state.fraction !== null ? { value: state.fraction } : {})} />
      {state.fraction !== null && ` ${Math.round(state.fraction * 100)} %`}
    </p>
  );
}
