/** Import a CSV/TSV: preview, label column, task, bad rows, then class balance, feature statistics and input shape. */
import { useMemo, useState } from 'react';
import {
  analyseColumns,
  buildCsvDataset,
  buildTaskDataset,
  classCounts,
  type CsvOptions,
  type CsvResult,
  type CsvTable,
  type CsvTask,
  featureStats,
} from '../../../../engine/data';
import { useServices } from '../stores';
import { addDataset } from './dataset-store';
import { adoptInputShape } from './input-shape';
import { PickFiles, type PickedFile } from './PickFiles';
import { ImportProgress, useImportJob } from './use-import';
import { parseTableInWorker } from './import-client';
import type { DatasetFileRef } from '../../../shared/dataset-files';

const fmt = (v: number) => (Math.abs(v) >= 1000 || (Math.abs(v) < 0.01 && v !== 0) ? v.toExponential(2) : v.toFixed(3).replace(/\.?0+$/, ''));

export function CsvImport({ onDone }: { onDone: () => void }) {
  const { graph, settings } = useServices();
  const [table, setTable] = useState<CsvTable | null>(null);
  const [ref, setRef] = useState<DatasetFileRef | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [options, setOptions] = useState<Required<Pick<CsvOptions, 'label' | 'task' | 'onBadRow'>>>({ label: 0, task: 'auto', onBadRow: 'drop' });
  // Multi-task: several yes/no label columns instead of one label (null: one label column).
  const [labels, setLabels] = useState<number[] | null>(null);

  const columns = useMemo(() => (table ? analyseColumns(table) : []), [table]);
  const built = useMemo((): { result: CsvResult | null; error: string | null } => {
    if (!table) return { result: null, error: null };
    try {
      if (labels) {
        const { dataset, warnings } = buildTaskDataset(table, labels);
        const features = columns.filter((c) => !labels.includes(c.index)).map((c) => ({ name: c.name, column: c.index }));
        return { result: { dataset, warnings, task: 'classification', features, oneHot: [], badRows: [] }, error: null };
      }
      return { result: buildCsvDataset(table, options), error: null };
    } catch (e) {
      return { result: null, error: (e as Error).message };
    }
  }, [table, options, labels, columns]);

  const parsing = useImportJob();
  const onFile = async (file: PickedFile | undefined) => {
    if (!file) return;
    setError(null);
    try {
      // Parsed in the import worker: a large file never freezes the window.
      const { outcome: parsed } = await parsing.runTask(() => parseTableInWorker(file));
      setTable(parsed);
      setRef(file.ref);
      setOptions((o) => ({ ...o, label: parsed.width - 1 }));
    } catch (e) {
      setTable(null);
      setError((e as Error).message);
    }
  };

  const use = () => {
    if (!built.result || !table) return;
    const { dataset, warnings, task } = built.result;
    const label = `${table.file} (${dataset.m.toLocaleString('en')})`;
    const entry = addDataset({
      label,
      description: `Imported from ${table.file}: ${dataset.m} examples, ${dataset.exampleShape[0]} features, ${labels ? `${labels.length} yes/no tasks` : task === 'classification' ? `${dataset.numClasses} classes` : 'regression'}.`,
      data: dataset,
      warnings,
      ...(ref ? { source: { importer: { kind: 'csv' as const, ...options, ...(labels ? { labels } : {}) }, label, files: [ref] } } : {}),
    });
    settings.setState({ datasetId: entry.id });
    adoptInputShape(graph, dataset.exampleShape);
    setTable(null);
    onDone();
  };

  const result = built.result;
  const counts = result ? classCounts(result.dataset) : [];
  const stats = result ? featureStats(result.dataset, 12) : [];
  return (
    <div className="csv-import" data-testid="csv-import">
      <PickFiles
        label="CSV or TSV file"
        multiple={false}
        accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values"
        testId="csv-file"
        onPicked={(files) => void onFile(files[0])}
        onError={setError}
      />
      <ImportProgress state={parsing} what="the table" />
      {error && (
        <div className="diagnostic error" role="alert" data-testid="csv-error">
          {error}
        </div>
      )}
      {table && (
        <>
          <p>
            {table.rows.length.toLocaleString('en')} rows × {table.width} columns, {table.hasHeader ? 'with a header' : 'no header'}, delimiter{' '}
            {table.delimiter === '\t' ? 'tab' : JSON.stringify(table.delimiter)}
          </p>
          <div className="dimension-table">
            <table data-testid="csv-preview">
              <thead>
                <tr>
                  {table.header.map((h, i) => (
                    <th key={i} title={columns[i]?.kind}>
                      {h}
                      {i === options.label ? ' (label)' : ''}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {table.rows.slice(0, 6).map((row, r) => (
                  <tr key={r}>
                    {row.map((cell, c) => (
                      <td key={c}>{cell}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <label>
            <input
              type="checkbox"
              aria-label="Multi-task: several yes/no labels"
              checked={labels !== null}
              onChange={(e) => setLabels(e.target.checked ? [options.label] : null)}
            />{' '}
            several yes/no label columns (multi-task)
          </label>{' '}
          {labels && (
            <span className="csv-labels" role="group" aria-label="Yes/no task columns">
              {columns.map((c) => (
                <label key={c.index}>
                  <input
                    type="checkbox"
                    aria-label={`Task ${c.name}`}
                    checked={labels.includes(c.index)}
                    onChange={(e) => setLabels(e.target.checked ? [...labels, c.index].sort((a, b) => a - b) : labels.filter((i) => i !== c.index))}
                  />{' '}
                  {c.name}
                </label>
              ))}
            </span>
          )}
          {!labels && (
            <>
              <label>
                Label column{' '}
                <select aria-label="Label column" value={options.label} onChange={(e) => setOptions({ ...options, label: Number(e.target.value) })}>
                  {columns.map((c) => (
                    <option key={c.index} value={c.index}>
                      {c.name} ({c.kind === 'numeric' ? 'numbers' : `${c.categories.length} categories`})
                    </option>
                  ))}
                </select>
              </label>{' '}
              <label>
                Task{' '}
                <select aria-label="Task" value={options.task} onChange={(e) => setOptions({ ...options, task: e.target.value as CsvTask })}>
                  <option value="auto">auto</option>
                  <option value="classification">classification</option>
                  <option value="regression">regression (MSE)</option>
                </select>
              </label>
            </>
          )}{' '}
          <label>
            Bad rows{' '}
            <select aria-label="Bad rows" value={options.onBadRow} onChange={(e) => setOptions({ ...options, onBadRow: e.target.value as 'drop' | 'stop' })}>
              <option value="drop">drop them</option>
              <option value="stop">stop</option>
            </select>
          </label>
          {built.error && (
            <div className="diagnostic error" role="alert" data-testid="csv-error">
              {built.error}
            </div>
          )}
          {result && (
            <div data-testid="csv-summary">
              <p data-testid="csv-shape">
                Input shape <strong>({result.dataset.exampleShape.join(', ')})</strong>, {result.dataset.m.toLocaleString('en')} examples,{' '}
                {labels
                  ? `${labels.length} yes/no tasks (use ${labels.length} sigmoid output units)`
                  : result.task === 'classification'
                    ? `${result.dataset.numClasses} classes`
                    : 'regression target (use a linear output, MSE)'}
              </p>
              {result.oneHot.map((o) => (
                <p key={o.column}>
                  One-hot: {o.column} → {o.categories.join(', ')}
                </p>
              ))}
              {result.warnings.map((w) => (
                <div key={w} className="diagnostic warning">
                  {w}
                </div>
              ))}
              {counts.length > 0 && (
                <ul className="class-balance" data-testid="class-balance">
                  {counts.map((count, k) => (
                    <li key={k}>
                      {result.dataset.classNames?.[k] ?? k}: {count} ({((100 * count) / result.dataset.m).toFixed(1)} %)
                    </li>
                  ))}
                </ul>
              )}
              <div className="dimension-table">
                <table data-testid="feature-stats">
                  <thead>
                    <tr>
                      <th>feature</th>
                      <th className="num">min</th>
                      <th className="num">max</th>
                      <th className="num">μ</th>
                      <th className="num">σ</th>
                    </tr>
                  </thead>
                  <tbody>
                    {stats.map((s, f) => (
                      <tr key={f}>
                        <td>{result.features[f].name}</td>
                        <td className="num">{fmt(s.min)}</td>
                        <td className="num">{fmt(s.max)}</td>
                        <td className="num">{fmt(s.mean)}</td>
                        <td className="num">{fmt(s.std)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </div>
          )}
          <button type="button" className="primary" onClick={use} disabled={!result}>
            Use this dataset
          </button>{' '}
          <button
            type="button"
            onClick={() => {
              setTable(null);
              onDone();
            }}
          >
            Cancel
          </button>
        </>
      )}
    </div>
  );
}
