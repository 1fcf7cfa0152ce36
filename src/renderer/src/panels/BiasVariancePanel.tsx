/**
 * Bias and variance (course 3): human-level error as the proxy for Bayes error,
 * avoidable bias = train − human, variance = dev − train (train-dev − train when the
 * train-dev split exists, with data mismatch = dev − train-dev), and the course's
 * diagnosis with its advice — updated at every epoch event.
 */
import { diagnose } from '../../../../engine/train/diagnosis';
import { useRun } from '../stores';
import { LearningCurve } from './LearningCurve';
import { usePanelPrefs } from './panel-prefs';
import { NumberInput } from '../controls/NumberInput';
import { PERCENT } from '../controls/number-rule';
import './panels.css';

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
const VERDICT: Record<string, string> = {
  'high-bias': 'High bias (underfitting)',
  'high-variance': 'High variance (overfitting)',
  both: 'High bias and high variance',
  'data-mismatch': 'Data mismatch (dev data differ from training data)',
  good: 'Low bias, low variance',
};

export function BiasVariancePanel() {
  const latest = useRun((s) => s.epochs[s.epochs.length - 1]);
  const status = useRun((s) => s.status);
  const devSize = useRun((s) => s.devSize);
  const diverged = useRun((s) => s.error?.cause === 'diverged');
  const { humanError, set } = usePanelPrefs();

  const body = (() => {
    if (diverged) {
      return (
        <p className="empty" data-testid="bv-diverged">
          The run diverged, so its errors say nothing about bias or variance: lower the learning rate α and train again.
        </p>
      );
    }
    if (!latest) {
      return <p className="empty">{status === 'idle' ? 'Press Train to see training and dev error.' : 'Waiting for the end of the first epoch…'}</p>;
    }
    if (latest.devError === undefined || Number.isNaN(latest.devError)) {
      return (
        <>
          <p className="muted small">Training error {Number.isNaN(latest.trainError) ? '—' : pct(latest.trainError)}.</p>
          <p className="empty" data-testid="bv-empty">
            {devSize === 0 || devSize === null ? 'Dev split is empty: set dev % above 0.' : 'The dev error comes with the next epoch point.'}
          </p>
        </>
      );
    }
    const trainDev = latest.trainDevError !== undefined && Number.isFinite(latest.trainDevError) ? latest.trainDevError : undefined;
    const d = diagnose({ humanError, trainError: latest.trainError, devError: latest.devError, trainDevError: trainDev });
    const max = Math.max(0.01, latest.devError, latest.trainError, humanError, trainDev ?? 0);
    const bar = (label: string, value: number, kind: string) => (
      <>
        <span>{label}</span>
        <div className={`bar ${kind}`} style={{ width: `${Math.max(0, value / max) * 100}%` }} />
        <span className="num">{pct(value)}</span>
      </>
    );
    return (
      <>
        <div className="bars">
          {bar('human-level', humanError, 'human')}
          {bar('training error', latest.trainError, '')}
          {trainDev !== undefined && bar('train-dev error', trainDev, '')}
          {bar('dev error', latest.devError, '')}
          {bar('avoidable bias', Math.max(0, d.avoidableBias), 'bias')}
          {bar(trainDev !== undefined ? 'variance (train-dev − train)' : 'variance', Math.max(0, d.variance), 'variance')}
          {d.dataMismatch !== undefined && bar('data mismatch (dev − train-dev)', Math.max(0, d.dataMismatch), 'mismatch')}
        </div>
        {trainDev === undefined && <p className="muted small">Add a train-dev split to separate variance from data mismatch.</p>}
        <p className={`verdict ${d.verdict === 'good' ? 'good' : 'bad'}`} data-testid="bv-verdict" data-verdict={d.verdict} data-mismatch={d.dataMismatchHigh}>
          {VERDICT[d.verdict]}
          {d.dataMismatchHigh && d.verdict !== 'data-mismatch' ? ', and data mismatch' : ''} · epoch {latest.epoch}
        </p>
        <ul className="advice">
          {d.advice.map((a) => (
            <li key={a}>{a}</li>
          ))}
        </ul>
      </>
    );
  })();

  return (
    <section className="panel" aria-label="Bias and variance" data-testid="bias-variance">
      <h2>Bias / variance</h2>
      <div className="panel-controls">
        <label>
          human-level error %
          <NumberInput
            aria-label="Human-level error %"
            size={5}
            value={+(humanError * 100).toFixed(2)}
            rule={PERCENT}
            onCommit={(v) => set({ humanError: v / 100 })}
          />
        </label>
      </div>
      {body}
      <LearningCurve />
    </section>
  );
}
