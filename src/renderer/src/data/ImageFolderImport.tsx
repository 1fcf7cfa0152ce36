/**
 * Import an image folder: one subfolder per class, PNG or JPEG, decoded in the import worker,
 * resized to H×W, grayscale or RGB, in [0, 1]. Shows a grid of examples per class, the class
 * balance, unreadable files and the input shape before the dataset is used.
 */
import { useState } from 'react';
import { classCounts, type Dataset } from '../../../../engine/data';
import { useServices } from '../stores';
import { addDataset } from './dataset-store';
import { adoptInputShape } from './input-shape';
import { ClassGrid } from './ClassGrid';
import { NumberInput } from '../controls/NumberInput';
import { ImportProgress, useImportJob } from './use-import';
import { folderRef } from './dataset-source';
import type { DatasetSource } from '../../../shared/dataset-files';

const MAX_SIDE = 256;

interface Imported {
  folder: string;
  dataset: Dataset;
  warnings: string[];
  seconds: number;
  source: DatasetSource;
}

export function ImageFolderImport({ onDone }: { onDone: () => void }) {
  const { graph, settings } = useServices();
  const [size, setSize] = useState({ height: 32, width: 32 });
  const [channels, setChannels] = useState<1 | 3>(3);
  const [imported, setImported] = useState<Imported | null>(null);
  const [error, setError] = useState<string | null>(null);
  const job = useImportJob();

  const onFolder = async (list: FileList | null) => {
    if (!list) return;
    setError(null);
    setImported(null);
    const all = Array.from(list);
    const folder = all[0]?.webkitRelativePath.split('/')[0] || 'the folder';
    try {
      if (all.length === 0) throw new Error(`${folder}: is empty: expected one subfolder per class, each holding PNG or JPEG images`);
      const files = await Promise.all(all.map(async (f) => ({ path: f.webkitRelativePath || f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
      // Hashed before the bytes are handed to the worker: the project references the folder by this digest.
      const ref = await folderRef(
        folder,
        files.map((f) => ({ name: f.path, bytes: f.bytes })),
      );
      const { outcome, seconds } = await job.run({ kind: 'images', folder, files, ...size, channels });
      const label = `${folder} (${outcome.dataset.m.toLocaleString('en')})`;
      const source: DatasetSource = { importer: { kind: 'images', ...size, channels }, label, files: [ref] };
      setImported({ folder, dataset: outcome.dataset, warnings: outcome.warnings, seconds, source });
    } catch (e) {
      setError((e as Error).message);
    }
  };

  const use = () => {
    if (!imported) return;
    const { dataset, folder, warnings, seconds, source } = imported;
    const entry = addDataset({
      label: source.label,
      description: `Image folder ${folder}: ${dataset.m} images, ${dataset.numClasses} classes, resized to ${dataset.exampleShape.join('×')}.`,
      data: dataset,
      warnings,
      loadSeconds: seconds,
      source,
    });
    settings.setState({ datasetId: entry.id });
    adoptInputShape(graph, dataset.exampleShape);
    setImported(null);
    onDone();
  };

  const sizeField = (key: 'height' | 'width', label: string) => (
    <label>
      {label}{' '}
      <NumberInput
        aria-label={`Image ${key}`}
        value={size[key]}
        rule={{ min: 1, max: MAX_SIDE, integer: true }}
        size={3}
        onCommit={(v) => setSize((s) => ({ ...s, [key]: v }))}
      />
    </label>
  );

  return (
    <div className="image-import" data-testid="image-import">
      <div>
        {sizeField('height', 'H')} × {sizeField('width', 'W')}{' '}
        <select aria-label="Colour" value={channels} onChange={(e) => setChannels(Number(e.target.value) as 1 | 3)}>
          <option value={3}>RGB</option>
          <option value={1}>grayscale</option>
        </select>{' '}
        <label>
          Folder (one subfolder per class){' '}
          <input type="file" multiple data-testid="image-folder" {...{ webkitdirectory: '' }} onChange={(e) => void onFolder(e.target.files)} />
        </label>
      </div>
      <ImportProgress state={job} what="images" />
      {error && (
        <div className="diagnostic error" role="alert" data-testid="image-error">
          {error}
        </div>
      )}
      {imported && <FolderPreview imported={imported} onUse={use} />}
    </div>
  );
}

function FolderPreview({ imported, onUse }: { imported: Imported; onUse: () => void }) {
  const { dataset, warnings } = imported;
  const counts = classCounts(dataset);
  return (
    <div data-testid="image-preview">
      <p data-testid="image-shape">
        Input shape ({dataset.exampleShape.join(', ')}) · {dataset.m.toLocaleString('en')} images, {dataset.numClasses} classes
      </p>
      <p className="class-balance" data-testid="image-balance">
        Classes: {counts.map((c, k) => `${dataset.classNames?.[k] ?? k} ${c}`).join(' · ')}
      </p>
      <ClassGrid dataset={dataset} />
      {warnings.length > 0 && (
        <details className="diagnostic warning" data-testid="image-warnings" open={warnings.length <= 5}>
          <summary>
            {warnings.length} file{warnings.length > 1 ? 's' : ''} skipped
          </summary>
          <ul>
            {warnings.slice(0, 50).map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </details>
      )}
      <button type="button" onClick={onUse}>
        Use this dataset
      </button>
    </div>
  );
}
