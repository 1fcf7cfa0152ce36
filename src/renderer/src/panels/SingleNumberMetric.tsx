/**
 * The course's single-number evaluation metric: choose what to maximise (accuracy,
 * F1, macro-F1) and optionally a satisficing constraint (recall ≥ x, precision ≥ x,
 * false positive rate ≤ x), evaluated at the current threshold, with pass/fail. For a
 * binary output, "best threshold" picks the threshold that maximises the metric among
 * those meeting the constraint.
 */
import { bestThreshold, type ClassificationMetrics, type OptimisingMetric, type SatisficingMetric, singleNumber } from '../../../../engine/train';
import type { EvaluationReport } from '../../../../engine/protocol';
import { usePanelPrefs } from './panel-prefs';
import { NumberInput } from '../controls/NumberInput';
import { PERCENT } from '../controls/number-rule';

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
const OPTIMISING: { id: OptimisingMetric; label: string }[] = [
  { id: 'accuracy', label: 'accuracy' },
  { id: 'f1', label: 'F1' },
  { id: 'macro-f1', label: 'macro-F1' },
];
const SATISFICING: { id: SatisficingMetric; label: string; op: '>=' | '<='; bound: number }[] = [
  { id: 'recall', label: 'recall', op: '>=', bound: 0.9 },
  { id: 'precision', label: 'precision', op: '>=', bound: 0.9 },
  { id: 'false-positive-rate', label: 'false positive rate', op: '<=', bound: 0.05 },
  { id: 'accuracy', label: 'accuracy', op: '>=', bound: 0.9 },
];
const label = (id: string) => SATISFICING.find((s) => s.id === id)?.label ?? OPTIMISING.find((o) => o.id === id)?.label ?? id;

export function SingleNumberMetric({ metrics, evaluation }: { metrics: ClassificationMetrics; evaluation: EvaluationReport }) {
  const { optimising, constraint, threshold, set } = usePanelPrefs();
  const binary = evaluation.numClasses === 2;
  const goal = !binary && optimising === 'f1' ? 'macro-f1' : optimising;
  const result = singleNumber(metrics, goal, constraint ?? undefined);
  const suffix = binary ? '' : ' (macro)';

  const pickThreshold = () => {
    const best = bestThreshold(evaluation.actual, evaluation.scores, goal, constraint ?? undefined);
    if (best) set({ threshold: best.threshold });
  };
  const noThreshold = evaluation.binaryScores && constraint && !bestThreshold(evaluation.actual, evaluation.scores, goal, constraint);

  return (
    <div
      className="single-number"
      data-testid="single-number"
      data-score={result.score ?? ''}
      data-met={result.constraint ? String(result.constraint.met) : ''}
    >
      <div className="panel-controls">
        <label>
          maximise
          <select aria-label="Optimising metric" value={goal} onChange={(e) => set({ optimising: e.target.value as OptimisingMetric })}>
            {OPTIMISING.filter((o) => binary || o.id !== 'f1').map((o) => (
              <option key={o.id} value={o.id}>
                {o.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          subject to
          <select
            aria-label="Satisficing metric"
            value={constraint?.metric ?? ''}
            onChange={(e) => {
              const choice = SATISFICING.find((s) => s.id === e.target.value);
              set({
                constraint: choice ? { metric: choice.id, op: choice.op, bound: constraint?.metric === choice.id ? constraint.bound : choice.bound } : null,
              });
            }}
          >
            <option value="">no constraint</option>
            {SATISFICING.map((s) => (
              <option key={s.id} value={s.id}>
                {s.label}
                {suffix}
              </option>
            ))}
          </select>
        </label>
        {constraint && (
          <label>
            {constraint.op === '>=' ? '≥' : '≤'}
            <NumberInput
              aria-label="Satisficing bound %"
              size={5}
              value={+(constraint.bound * 100).toFixed(2)}
              rule={PERCENT}
              onCommit={(v) => set({ constraint: { ...constraint, bound: v / 100 } })}
            />
            %
          </label>
        )}
      </div>
      <p className="small">
        {label(goal)}
        {evaluation.binaryScores ? ` at threshold ${threshold.toFixed(2)}` : ''}:{' '}
        <strong data-testid="single-number-value">{pct(result.optimising.value)}</strong>
        {result.constraint && (
          <>
            {' · '}
            {label(result.constraint.metric)}
            {suffix} {pct(result.constraint.value)} {result.constraint.op === '>=' ? '≥' : '≤'} {pct(result.constraint.bound)}{' '}
            <strong className={result.constraint.met ? 'ok' : 'fail'} data-testid="constraint-verdict">
              {result.constraint.met ? '✓ met' : '✗ not met: this model is not acceptable, whatever its ' + label(goal)}
            </strong>
          </>
        )}
      </p>
      {evaluation.binaryScores && (
        <p className="small">
          <button type="button" onClick={pickThreshold} disabled={!!noThreshold} data-testid="best-threshold">
            Best threshold
          </button>{' '}
          <span className="muted">
            {noThreshold
              ? 'No threshold meets the constraint on this set.'
              : `the threshold with the highest ${label(goal)}${constraint ? ' that meets the constraint' : ''}`}
          </span>
        </p>
      )}
    </div>
  );
}
