/**
 * The examples of the evaluation, for error analysis: all of them (mistakes first) or those of the
 * confusion-matrix cell clicked; tagging them with the student's own categories of mistakes; and the
 * count per category, as the course's error-analysis spreadsheet.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { EvaluationReport } from '../../../../engine/protocol';
import { useDatasetStore } from '../data/dataset-store';
import { findDataset } from '../run/datasets';
import { useSettings } from '../stores';
import { classColour } from './BoundaryCanvas';
import { addCategory, categoryProblem, removeCategory, toggleTag, useErrorAnalysis } from './error-analysis-store';
import { usePanelPrefs } from './panel-prefs';

/** The examples a tag can name: a dataset by id, a generated one also by the settings that made it. */
export function useExampleSetKey(): string {
  const datasetId = useSettings((s) => s.datasetId);
  const seed = useSettings((s) => s.datasetSeed);
  const generator = useDatasetStore((s) => s.generators[datasetId]);
  const dataset = findDataset(datasetId);
  if (dataset?.kind !== 'generator') return datasetId;
  return `${datasetId} m=${generator?.m ?? dataset.m} noise=${generator?.noise ?? dataset.noise ?? 'default'} seed=${seed}`;
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

interface Props {
  evaluation: EvaluationReport;
  predicted: number[];
  confusion: number[][];
  names(c: number): string;
  isImage: boolean;
}

export function ErrorAnalysis({ evaluation, predicted, confusion, names, isImage }: Props) {
  const { cell, set } = usePanelPrefs();
  const { categories, tags, active } = useErrorAnalysis();
  const datasetKey = useExampleSetKey();
  const tagged = useMemo(() => tags[datasetKey] ?? {}, [tags, datasetKey]);
  const shown = evaluation.shown ?? [];
  const inCell = (index: number) => !cell || (evaluation.actual[index] === cell[0] && predicted[index] === cell[1]);
  const visible = shown.filter((e) => inCell(e.index));
  const mistakesShown = shown.filter((e) => predicted[e.index] !== evaluation.actual[e.index]);
  const mistakesTotal = evaluation.actual.reduce((n, y, i) => n + (predicted[i] !== y ? 1 : 0), 0);
  const taggable = shown.some((e) => e.source !== undefined);

  const counts = useMemo(
    () =>
      categories.map((category) => ({
        category,
        mistakes: mistakesShown.filter((e) => e.source !== undefined && tagged[e.source]?.includes(category)).length,
      })),
    [categories, mistakesShown, tagged],
  );
  const examined = mistakesShown.filter((e) => e.source !== undefined && (tagged[e.source]?.length ?? 0) > 0).length;

  return (
    <div className="error-analysis" data-testid="error-analysis">
      <div className="error-analysis__heading small">
        {cell ? (
          <>
            <strong data-testid="cell-filter">
              Actual {names(cell[0])}, predicted {names(cell[1])}
            </strong>
            : {visible.length.toLocaleString('en')} shown of {confusion[cell[0]]?.[cell[1]]?.toLocaleString('en') ?? 0} in this cell{' '}
            <button type="button" className="link" onClick={() => set({ cell: null })}>
              Show all
            </button>
          </>
        ) : (
          <>
            Examples, mistakes first ({mistakesShown.length.toLocaleString('en')} of {mistakesTotal.toLocaleString('en')} mistakes, and a few right answers per
            class). Click a cell of the confusion matrix to see only its examples.
          </>
        )}
      </div>
      {visible.length === 0 ? (
        <p className="empty">No example of this cell came with the report.</p>
      ) : (
        <div className="example-grid" data-testid="prediction-grid">
          {visible.map(({ index, source, x }) => {
            const p = predicted[index]!;
            const y = evaluation.actual[index]!;
            const wrong = p !== y;
            const own = source !== undefined ? (tagged[source] ?? []) : [];
            const canTag = source !== undefined && active !== null;
            return (
              <button
                type="button"
                key={index}
                className={`example${wrong ? ' wrong' : ''}${own.length ? ' tagged' : ''}`}
                title={source !== undefined ? `example ${source} of the dataset${canTag ? ` — click to tag “${active}”` : ''}` : `example ${index}`}
                data-testid={`example-${source ?? `i${index}`}`}
                disabled={!canTag}
                aria-pressed={canTag ? own.includes(active) : undefined}
                onClick={() => canTag && toggleTag(datasetKey, source, active)}
              >
                {isImage ? (
                  <ExampleImage x={x} shape={evaluation.exampleShape} />
                ) : (
                  <div className="muted">
                    (
                    {x
                      .slice(0, 3)
                      .map((v) => v.toFixed(2))
                      .join(', ')}
                    {x.length > 3 ? ', …' : ''})
                  </div>
                )}
                <div>
                  <span style={{ color: classColour(p) }}>ŷ={names(p)}</span> {wrong ? '✗' : '✓'} y={names(y)}
                </div>
                {own.length > 0 && <div className="example__tags">{own.join(', ')}</div>}
              </button>
            );
          })}
        </div>
      )}
      {taggable && <Categories examined={examined} mistakesShown={mistakesShown.length} counts={counts} />}
    </div>
  );
}

function Categories({ examined, mistakesShown, counts }: { examined: number; mistakesShown: number; counts: { category: string; mistakes: number }[] }) {
  const { categories, active } = useErrorAnalysis();
  const [draft, setDraft] = useState('');
  const problem = draft ? categoryProblem(draft, categories) : null;
  const add = () => {
    if (categoryProblem(draft, categories)) return;
    addCategory(draft);
    setDraft('');
  };
  return (
    <section className="error-analysis__categories" aria-label="Error analysis">
      <h3>Error analysis</h3>
      <p className="muted small">
        Name the kinds of mistakes you see, pick one, then click the examples it describes (click again to untag). The counts say how much of the error each
        kind explains — the most that fixing it could gain.
      </p>
      <div className="panel-controls">
        <input
          type="text"
          aria-label="New category"
          placeholder="e.g. blurry"
          value={draft}
          maxLength={60}
          aria-invalid={problem !== null}
          title={problem ?? undefined}
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') add();
          }}
        />
        <button type="button" onClick={add} disabled={!draft.trim() || problem !== null}>
          Add category
        </button>
        {problem && <span className="field__error">{problem}</span>}
      </div>
      {categories.length > 0 && (
        <table className="compact error-analysis__counts" data-testid="error-counts">
          <thead>
            <tr>
              <th>tag with</th>
              <th>category</th>
              <th>mistakes</th>
              <th title="Of the mistakes tagged so far">% of tagged</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {counts.map(({ category, mistakes }) => (
              <tr key={category} data-testid={`error-count-${category}`}>
                <td>
                  <input
                    type="radio"
                    name="active-category"
                    aria-label={`Tag with ${category}`}
                    checked={active === category}
                    onChange={() => useErrorAnalysis.setState({ active: category })}
                  />
                </td>
                <th>{category}</th>
                <td className="count">{mistakes}</td>
                <td>{examined ? `${Math.round((mistakes / examined) * 100)} %` : '—'}</td>
                <td>
                  <button type="button" className="link" aria-label={`Remove ${category}`} onClick={() => removeCategory(category)}>
                    ×
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {categories.length > 0 && (
        <p className="muted small" data-testid="examined">
          {examined} of {mistakesShown} mistakes shown are tagged.
        </p>
      )}
    </section>
  );
}
