/** The Data panel: what the chosen dataset is, importing a CSV, and how the data is split and normalised. */
import { useState } from 'react';
import { useServices, useSettings } from '../stores';
import { findDataset } from '../run/datasets';
import { classCounts, type Normalisation } from '../../../../engine/data';
import { CsvImport } from './CsvImport';
import { BinaryImport } from './BinaryImport';
import { GeneratorControls } from './GeneratorControls';
import { setPrep, useDatasetStore } from './dataset-store';
import { adoptInputShape } from './input-shape';
import { TrainDevControl } from './TrainDevControl';
import { AugmentControls } from './AugmentControls';
import { DatasetReference } from './DatasetReference';
import { ImageFolderImport } from './ImageFolderImport';
import { ClassGrid } from './ClassGrid';
import { NumberInput } from '../controls/NumberInput';
import type { NumberRule } from '../controls/number-rule';

const pct = (f: number) => Math.round(f * 100);
const SEED: NumberRule = { min: -1e9, max: 1e9, integer: true };
/** Empty or 0 means every example. */
const EXAMPLES_USED: NumberRule = { min: 0, max: 1e9, integer: true };

export function DatasetPanel() {
  const { graph } = useServices();
  const datasetId = useSettings((s) => s.datasetId);
  const memory = useDatasetStore((s) => s.datasets[datasetId]);
  const loading = useDatasetStore((s) => s.loading[datasetId]);
  const prep = useDatasetStore((s) => s.prep);
  const [importing, setImporting] = useState(false);
  const [importingFiles, setImportingFiles] = useState(false);
  const [importingImages, setImportingImages] = useState(false);
  const dataset = findDataset(datasetId);

  const status = !dataset ? 'none' : dataset.kind === 'generator' ? 'ready' : memory ? 'ready' : typeof loading === 'string' ? 'failed' : 'loading';
  const override = useDatasetStore((s) => s.generators[datasetId]);
  const m = memory?.data.m ?? override?.m ?? dataset?.m ?? 0;
  const used = prep.limit > 0 ? Math.min(prep.limit, m) : m;
  const counts = memory ? classCounts(memory.data) : [];

  return (
    <section className="panel dataset-panel" aria-label="Data" data-testid="dataset-panel" data-status={status}>
      <h2>Data</h2>
      <DatasetReference />
      {dataset ? (
        <>
          <p data-testid="dataset-summary">
            <strong>{dataset.label}</strong>: {m.toLocaleString('en')} examples of shape ({dataset.shape.exampleShape.join(', ')}),{' '}
            {(dataset.shape.tasks ?? 1) > 1
              ? `${dataset.shape.tasks} yes/no tasks`
              : dataset.shape.numClasses >= 2
                ? `${dataset.shape.numClasses} classes`
                : 'regression'}
            {status === 'ready' && dataset.kind !== 'generator' && memory?.loadSeconds !== undefined && ` — loaded in ${memory.loadSeconds.toFixed(2)} s`}
          </p>
          {dataset.kind === 'generator' && <GeneratorControls dataset={dataset} />}
          {status === 'loading' && (
            <p role="status" data-testid="dataset-loading">
              Loading {dataset.label}… <progress />
            </p>
          )}
          {status === 'failed' && (
            <div className="diagnostic error" role="alert">
              {loading as string}
            </div>
          )}
          {counts.length > 0 && counts.length <= 20 && (
            <p className="class-balance" title="examples per class">
              Classes: {counts.map((c, k) => `${memory?.data.classNames?.[k] ?? k} ${c}`).join(' · ')}
            </p>
          )}
          {memory && <ClassGrid dataset={memory.data} perClass={6} size={28} />}
          {memory?.warnings.map((w) => (
            <div key={w} className="diagnostic warning">
              {w}
            </div>
          ))}
          <button
            type="button"
            onClick={() => adoptInputShape(graph, dataset.shape.exampleShape)}
            title="Set the input layer's shape to this dataset's example shape"
          >
            Input layer ← ({dataset.shape.exampleShape.join(', ')})
          </button>
        </>
      ) : (
        <p className="empty">No dataset: plan only.</p>
      )}{' '}
      <button type="button" onClick={() => setImporting((v) => !v)} aria-expanded={importing}>
        Import CSV…
      </button>{' '}
      <button type="button" onClick={() => setImportingFiles((v) => !v)} aria-expanded={importingFiles}>
        Import IDX / CIFAR / HDF5…
      </button>{' '}
      <button type="button" onClick={() => setImportingImages((v) => !v)} aria-expanded={importingImages}>
        Import image folder…
      </button>
      {importing && <CsvImport onDone={() => setImporting(false)} />}
      {importingFiles && <BinaryImport />}
      {importingImages && <ImageFolderImport onDone={() => setImportingImages(false)} />}
      <fieldset className="prep" data-testid="prep">
        <legend>Prepare</legend>
        <label>
          <input type="checkbox" checked={prep.splitOn} onChange={(e) => setPrep({ splitOn: e.target.checked })} /> Split train / dev / test
        </label>
        {prep.splitOn && (
          <div>
            <label>
              train %{' '}
              <NumberInput
                aria-label="Train %"
                value={pct(prep.train)}
                rule={{ min: 0, max: 100 - pct(prep.dev), integer: true }}
                size={3}
                onCommit={(v) => setPrep({ train: v / 100 })}
              />
            </label>{' '}
            <label>
              dev %{' '}
              <NumberInput
                aria-label="Dev %"
                value={pct(prep.dev)}
                rule={{ min: 0, max: 100 - pct(prep.train), integer: true }}
                size={3}
                onCommit={(v) => setPrep({ dev: v / 100 })}
              />
            </label>{' '}
            <span>test {Math.max(0, 100 - pct(prep.train) - pct(prep.dev))} %</span>{' '}
            <label>
              seed <NumberInput aria-label="Split seed" value={prep.splitSeed} rule={SEED} size={4} onCommit={(v) => setPrep({ splitSeed: v })} />
            </label>{' '}
            <label>
              <input type="checkbox" checked={prep.stratify} onChange={(e) => setPrep({ stratify: e.target.checked })} /> stratified
            </label>
            <TrainDevControl value={prep.trainDev} />
          </div>
        )}
        <label>
          Normalise inputs{' '}
          <select aria-label="Normalisation" value={prep.normalisation} onChange={(e) => setPrep({ normalisation: e.target.value as Normalisation })}>
            <option value="none">none</option>
            <option value="minmax">min–max to [0, 1]</option>
            <option value="standardise">standardise (μ, σ² of train)</option>
          </select>
        </label>
        {dataset && dataset.shape.exampleShape.length === 3 && <AugmentControls prep={prep} data={memory?.data} />}
        {dataset && dataset.kind !== 'generator' && (
          <label>
            {' '}
            Use the first{' '}
            <NumberInput
              aria-label="Examples used"
              value={prep.limit || undefined}
              rule={EXAMPLES_USED}
              placeholder="all"
              size={6}
              onCommit={(v) => setPrep({ limit: v })}
              onClear={() => setPrep({ limit: 0 })}
            />{' '}
            examples ({used.toLocaleString('en')} used; full-batch training is slow on thousands of images)
          </label>
        )}
      </fieldset>
    </section>
  );
}
