/** Import IDX pairs (MNIST / Fashion-MNIST, .gz or not) or CIFAR-10 binary batches, chosen together. */
import { useState } from 'react';
import { useServices } from '../stores';
import { addDataset } from './dataset-store';
import { adoptInputShape } from './input-shape';
import { readBinaryFiles } from './binary-files';
import { PickFiles, type PickedFile } from './PickFiles';

export function BinaryImport() {
  const { graph, settings } = useServices();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const onFiles = (files: PickedFile[]) => {
    setError(null);
    setBusy(true);
    const started = performance.now();
    try {
      const { dataset, warnings, label } = readBinaryFiles(files);
      const fullLabel = `${label} (${dataset.m.toLocaleString('en')})`;
      const entry = addDataset({
        label: fullLabel,
        description: `Imported from ${files.map((f) => f.name).join(', ')}.`,
        data: dataset,
        warnings,
        loadSeconds: (performance.now() - started) / 1000,
        source: { importer: { kind: 'binary' }, label: fullLabel, files: files.map((f) => f.ref) },
      });
      settings.setState({ datasetId: entry.id });
      adoptInputShape(graph, dataset.exampleShape);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="binary-import">
      <PickFiles label="IDX pair or CIFAR-10 batches" multiple accept=".gz,.bin,.idx,.ubyte,*" testId="binary-files" onPicked={onFiles} onError={setError} />
      {busy && (
        <p role="status">
          Reading… <progress />
        </p>
      )}
      {error && (
        <div className="diagnostic error" role="alert" data-testid="binary-error">
          {error}
        </div>
      )}
    </div>
  );
}
