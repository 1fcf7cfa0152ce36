/**
 * Import IDX pairs (MNIST / Fashion-MNIST, .gz or not), CIFAR-10 binary batches, or an HDF5
 * file in the course's layout (train_set_x / train_set_y / list_classes). Decoded in the import
 * worker, with a progress bar for slow loads.
 */
import { useState } from 'react';
import { useServices } from '../stores';
import { addDataset } from './dataset-store';
import { adoptInputShape } from './input-shape';
import { PickFiles, type PickedFile } from './PickFiles';
import { ImportProgress, useImportJob } from './use-import';
import type { Importer } from '../../../shared/dataset-files';

const isHdf5 = (name: string) => /\.(h5|hdf5)$/i.test(name);

export function BinaryImport() {
  const { graph, settings } = useServices();
  const [error, setError] = useState<string | null>(null);
  const job = useImportJob();
  const onFiles = async (files: PickedFile[]) => {
    setError(null);
    const names = files.map((f) => f.name);
    const refs = files.map((f) => f.ref);
    try {
      const hdf5 = files.some((f) => isHdf5(f.name));
      if (hdf5 && files.length !== 1) throw new Error(`Import one HDF5 file at a time (got ${names.join(', ')}).`);
      const importer: Importer = hdf5 ? { kind: 'hdf5' } : { kind: 'binary' };
      // The bytes are handed to the worker: only names and references are used after this.
      const { outcome, seconds } = await job.run(hdf5 ? { kind: 'hdf5', file: files[0] } : { kind: 'binary', files });
      const { dataset, warnings, label } = outcome;
      const fullLabel = `${label} (${dataset.m.toLocaleString('en')})`;
      const entry = addDataset({
        label: fullLabel,
        description: `Imported from ${names.join(', ')}.`,
        data: dataset,
        warnings,
        loadSeconds: seconds,
        source: { importer, label: fullLabel, files: refs },
      });
      settings.setState({ datasetId: entry.id });
      adoptInputShape(graph, dataset.exampleShape);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <div className="binary-import">
      <PickFiles
        label="IDX pair, CIFAR-10 batches or HDF5 file"
        multiple
        accept=".gz,.bin,.idx,.ubyte,.h5,.hdf5,*"
        testId="binary-files"
        onPicked={(files) => void onFiles(files)}
        onError={setError}
      />
      <ImportProgress state={job} what={job.busy ? 'the files' : ''} />
      {error && (
        <div className="diagnostic error" role="alert" data-testid="binary-error">
          {error}
        </div>
      )}
    </div>
  );
}
