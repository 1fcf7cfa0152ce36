/**
 * Evaluation: the decision boundary (2-D data, live), the confusion matrix (counts or
 * row-normalised), precision/recall/F1 per class and macro, a threshold slider for a
 * binary (sigmoid) output, the single-number metric with a satisficing constraint, and a
 * grid of examples with predictions, mistakes first.
 */
import { useEffect, useMemo, useRef } from 'react';
import { classificationMetrics } from '../../../../engine/train/metrics';
import type { EvaluationReport } from '../../../../engine/protocol/messages';
import { useRun } from '../stores';
import { BoundaryCanvas, classColour } from './BoundaryCanvas';
import { usePanelPrefs } from './panel-prefs';
import { SingleNumberMetric } from './SingleNumberMetric';
import './panels.css';

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

/** Predicted classes at a threshold (binary sigmoid outputs), else the argmax the trainer sent. */
export function predictionsAt(report: EvaluationReport, threshold: number): number[] {
  return report.binaryScores ? report.scores.map((p) => (p >= threshold ? 1 : 0)) : report.predicted;
}

function ExampleImage({ x, shape }: { x: number[]; shape: number[] }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const [h, w, c] = shape.length === 3 ? shape : [Math.round(Math.sqrt(x.length)), Math.round(Math.sqrt(x.length)), 1];
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of x) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    const image = ctx.createImageData(w, h);
    for (let i = 0; i < h * w; i++) {
      for (let k = 0; k < 3; k++) {
        const v = x[i * c + (c === 3 ? k : 0)];
        image.data[4 * i + k] = Math.round(((v - lo) / (hi - lo || 1)) * 255);
      }
      image.data[4 * i + 3] = 255;
    }
    ctx.putImageData(image, 0, 0);
  }, [x, h, w, c]);
  return <canvas ref={ref} width={w} height={h} />;
}

export function EvaluationPanel() {
  const evaluation = useRun((s) => s.evaluation);
  const boundary = useRun((s) => s.boundary);
  const boundaryIteration = useRun((s) => s.boundaryIteration);
  const boundaryUpdates = useRun((s) => s.boundaryUpdates);
  const status = useRun((s) => s.status);
  const { threshold, normalised, set } = usePanelPrefs();

  const metrics = useMemo(() => {
    if (!evaluation) return null;
    return classificationMetrics(evaluation.actual, predictionsAt(evaluation, threshold), evaluation.numClasses);
  }, [evaluation, threshold]);

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
        <p className="empty">{status === 'idle' ? 'Press Train to see the decision boundary (2-D datasets) and the confusion matrix.' : status === 'failed' ? 'The run failed before anything could be evaluated.' : 'Waiting for the first predictions…'}</p>
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
                <input type="range" min={0.01} max={0.99} step={0.01} value={threshold} aria-label="Threshold" onChange={(e) => set({ threshold: Number(e.target.value) })} />
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
                      return (
                        <td key={c} className="cell" data-testid={`cm-${r}-${c}`} style={{ background: r === c ? `rgba(39,174,96,${share * 0.6})` : `rgba(192,57,43,${share * 0.6})` }}>
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
            <>
              <p className="small">Examples, mistakes first:</p>
              <div className="example-grid" data-testid="prediction-grid">
                {evaluation.shown.map(({ index, x }) => {
                  const predicted = predictionsAt(evaluation, threshold)[index];
                  const actual = evaluation.actual[index];
                  const wrong = predicted !== actual;
                  return (
                    <div key={index} className={`example${wrong ? ' wrong' : ''}`} title={`example ${index}`}>
                      {isImage ? (
                        <ExampleImage x={x} shape={evaluation.exampleShape} />
                      ) : (
                        <div className="muted">({x.slice(0, 3).map((v) => v.toFixed(2)).join(', ')}{x.length > 3 ? ', …' : ''})</div>
                      )}
                      <div>
                        <span style={{ color: classColour(predicted) }}>ŷ={names(predicted)}</span> {wrong ? '✗' : '✓'} y={names(actual)}
                      </div>
                    </div>
                  );
                })}
              </div>
            </>
          )}
        </>
      )}
    </section>
  );
}
