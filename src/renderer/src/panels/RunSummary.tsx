/** Where the run is, how it ended, and what to do when it failed. */
import { TaskMetrics } from './TaskMetrics';
import { useRun } from '../stores';
import { estimateRemainingMs, formatDuration } from '../run/eta';
import { formatNumber } from './format-number';

const percent = (x: number) => `${(x * 100).toFixed(1)} %`;

export function RunSummary() {
  const run = useRun((s) => s);
  const { status, final, error, iteration, totalIterations } = run;
  const eta = estimateRemainingMs(iteration, totalIterations, run.elapsedMs);
  return (
    <section className="panel run-summary" aria-label="Run" data-testid="run-summary" data-status={status}>
      <h2>Run</h2>
      {status === 'idle' && <p className="empty">No run yet.</p>}
      {(status === 'starting' || status === 'running' || status === 'paused' || status === 'stopping') && (
        <>
          <progress max={Math.max(1, totalIterations)} value={iteration} />
          <p>
            {status === 'paused' ? 'Paused at' : status === 'stopping' ? 'Stopping at' : 'Iteration'} {iteration.toLocaleString('en')} /{' '}
            {totalIterations.toLocaleString('en')} · epoch {run.epoch.toLocaleString('en')}
            {status === 'running' && eta !== null && <span data-testid="run-eta"> · about {formatDuration(eta)} left</span>}
          </p>
        </>
      )}
      {status === 'finished' && final && (
        <dl className="metrics">
          <dt>Finished</dt>
          <dd data-testid="finish-reason">
            {run.finishReason === 'stopped'
              ? 'stopped by you'
              : run.finishReason === 'early-stopped'
                ? `early stopping: the dev cost stopped improving after epoch ${final.bestEpoch ?? '?'}`
                : 'completed'}
          </dd>
          {final.bestEpoch !== undefined && (
            <>
              <dt>Weights kept</dt>
              <dd data-testid="best-epoch" data-epoch={final.bestEpoch}>
                epoch {final.bestEpoch.toLocaleString('en')} (lowest dev cost)
                {final.bestEpoch < final.epochs ? `, not epoch ${final.epochs.toLocaleString('en')}` : ''}
              </dd>
            </>
          )}
          <dt>Iterations</dt>
          <dd>
            {final.iterations.toLocaleString('en')} ({final.epochs.toLocaleString('en')} epoch{final.epochs === 1 ? '' : 's'})
          </dd>
          <dt title="J of the weights the run ended with, on every training example (the Runs tab shows the same number)">Training cost J</dt>
          <dd data-testid="final-train-cost">
            {formatNumber(final.trainCost, 4)} <span className="muted small">(all training examples, final weights)</span>
          </dd>
          <dt>Training accuracy</dt>
          <dd data-testid="train-accuracy" data-value={final.trainAccuracy}>
            {percent(final.trainAccuracy)}
          </dd>
          {final.devAccuracy !== undefined && (
            <>
              <dt>Dev accuracy</dt>
              <dd>{percent(final.devAccuracy)}</dd>
            </>
          )}
        </dl>
      )}
      {status === 'finished' && final?.tasks && <TaskMetrics tasks={final.tasks} />}
      {status === 'failed' && error && (
        <div className="diagnostic error" role="alert" data-testid="run-error">
          <div>{error.message}</div>
          {error.advice && <div className="diagnostic__hint">{error.advice}</div>}
        </div>
      )}
    </section>
  );
}
