/**
 * Evaluation: the decision boundary (2-D data, live), the confusion matrix (counts or
 * row-normalised), precision/recall/F1 per class and macro, a threshold slider for a
 * binary (sigmoid) output, the single-number metric with a satisficing constraint, and a
 * grid of examples with predictions, mistakes first.
 */
import { useMemo } from 'react';
import { classificationMetrics } from '../../../../engine/train';
import type { EvaluationReport } from '../../../../engine/protocol';
import { useRun } from '../stores';
import { BoundaryCanvas } from './BoundaryCanvas';
import { ErrorAnalysis } from './ErrorAnalysis';
import { usePanelPrefs } from './panel-prefs';
import { SingleNumberMetric } from './SingleNumberMetric';
import './panels.css';

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

/** Predicted classes at a threshold (binary sigmoid outputs), else the argmax the trainer sent. */
export function predictionsAt(report: EvaluationReport, threshold: number): number[] {
  return report.binaryScores ? report.scores.map((p) => (p >= threshold ? 1 : 0)) : report.predicted;
}

export function EvaluationPanel() {
  const evaluation = useRun((s) => s.evaluation);
  const boundary = useRun((s) => s.boundary);
  const boundaryIteration = useRun((s) => s.boundaryIteration);
  const boundaryUpdates = useRun((s) => s.boundaryUpdates);
  const status = useRun((s) => s.status);
  const { threshold, normalised, cell, set } = usePanelPrefs();

  const predicted = useMemo(() => (evaluation ? predictionsAt(evaluation, threshold) : []), [evaluation, threshold]);
  const metrics = useMemo(() => {
    if (!evaluation) return null;
    return classificationMetrics(evaluation.actual, predicted, evaluation.numClasses);
  }, [evaluation, predicted]);

  const names = (c: number) => evaluation?.classNames?.[c] ?? String(c);
  const isImage = evaluation ? evaluation.exampleShape.length === 3 || (evaluation.exampleShape[0] ?? 0) >= 64 : false;

  return (
    <section className="panel" aria-label="Evaluation" data-testid="evaluation">
      <h2>Evaluation</h2>
      {boundary ? (
        <div data-testid="boundary" data-iteration={boundaryIteration} data-updates={boundaryUpdates}>
          <p className="muted small">Decision boundary at iteration {boundaryIteration.toLocaleString('en')} (inputs as the network sees them).</p>
          <BoundaryCanvas grid={boundary} threshold={evaluation?.binaryScores ? threshold : 0.5} />
        </div>
      ) : evaluation ? (
        <p className="muted small">No decision boundary: it is drawn for datasets with 2 input features.</p>
      ) : (
        <p className="empty">
          {status === 'idle'
            ? 'Press Train to see the decision boundary (2-D datasets) and the confusion matrix.'
            : status === 'failed'
              ? 'The run failed before anything could be evaluated.'
              : 'Waiting for the first predictions…'}
        </p>
      )}
      {evaluation && metrics && (
        <>
          <p className="small">
            On the <strong>{evaluation.set}</strong> set ({evaluation.actual.length.toLocaleString('en')} examples
            {evaluation.final ? ', final' : `, iteration ${evaluation.iteration.toLocaleString('en')}`}): accuracy{' '}
            <strong data-testid="eval-accuracy" data-value={metrics.accuracy}>
              {pct(metrics.accuracy)}
            </strong>
            {evaluation.set === 'train' && <span className="muted"> · Dev split is empty: set dev % above 0 to evaluate on unseen data.</span>}
          </p>
          <div className="panel-controls">
            {evaluation.binaryScores && (
              <label>
                threshold {threshold.toFixed(2)}
                <input
                  type="range"
                  min={0.01}
                  max={0.99}
                  step={0.01}
                  value={threshold}
                  aria-label="Threshold"
                  onChange={(e) => set({ threshold: Number(e.target.value) })}
                />
              </label>
            )}
            <label>
              <input type="checkbox" checked={normalised} aria-label="Row-normalised" onChange={(e) => set({ normalised: e.target.checked })} /> row-normalised
            </label>
          </div>
          {normalised && <p className="muted small">Each row in % of its actual class (recall on the diagonal).</p>}
          <div className="scroll-x">
            <table className="compact confusion" data-testid="confusion-matrix">
              <thead>
                <tr>
                  <th>actual \ predicted</th>
                  {metrics.confusion.map((_, c) => (
                    <th key={c}>{names(c)}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {metrics.confusion.map((row, r) => {
                  const sum = row.reduce((a, b) => a + b, 0);
                  return (
                    <tr key={r}>
                      <th>{names(r)}</th>
                      {row.map((v, c) => {
                        const share = sum ? v / sum : 0;
                        const chosen = cell?.[0] === r && cell?.[1] === c;
                        // A cell is a filter on the examples below: click again (or Show all) to clear it.
                        const choose = () => set({ cell: chosen ? null : [r, c] });
                        return (
                          <td
                            key={c}
                            className={`cell${chosen ? ' chosen' : ''}`}
                            data-testid={`cm-${r}-${c}`}
                            role="button"
                            tabIndex={0}
                            aria-pressed={chosen}
                            aria-label={`Actual ${names(r)}, predicted ${names(c)}: ${v} example${v === 1 ? '' : 's'}`}
                            onClick={choose}
                            onKeyDown={(event) => {
                              if (event.key === 'Enter' || event.key === ' ') {
                                event.preventDefault();
                                choose();
                              }
                            }}
                            style={{ background: r === c ? `rgba(39,174,96,${share * 0.6})` : `rgba(192,57,43,${share * 0.6})` }}
                          >
                            {normalised ? Math.round(share * 100) : v}
                          </td>
                        );
                      })}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <table className="compact" data-testid="class-scores" style={{ marginTop: 6 }}>
            <thead>
              <tr>
                <th>class</th>
                <th>precision</th>
                <th>recall</th>
                <th>F1</th>
                <th>support</th>
              </tr>
            </thead>
            <tbody>
              {metrics.perClass.map((s, c) => (
                <tr key={c}>
                  <th>{names(c)}</th>
                  <td>{s.precision.toFixed(3)}</td>
                  <td>{s.recall.toFixed(3)}</td>
                  <td>{s.f1.toFixed(3)}</td>
                  <td>{s.support}</td>
                </tr>
              ))}
              <tr>
                <th>macro</th>
                <td>{metrics.macro.precision.toFixed(3)}</td>
                <td>{metrics.macro.recall.toFixed(3)}</td>
                <td data-testid="macro-f1">{metrics.macro.f1.toFixed(3)}</td>
                <td>{evaluation.actual.length}</td>
              </tr>
            </tbody>
          </table>
          <SingleNumberMetric metrics={metrics} evaluation={evaluation} />
          {evaluation.shown && evaluation.shown.length > 0 && (
            <ErrorAnalysis evaluation={evaluation} predicted={predicted} confusion={metrics.confusion} names={names} isImage={isImage} />
          )}
        </>
      )}
    </section>
  );
}
