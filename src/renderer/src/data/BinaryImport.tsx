/** Import IDX pairs (MNIST / Fashion-MNIST, .gz or not) or CIFAR-10 binary batches, chosen together. */
import { useState } from 'react';
import { readIdxPair } from '../../../../engine/data/readers/idx';
import { readCifar10 } from '../../../../engine/data/readers/cifar';
import type { ReadResult } from '../../../../engine/data/readers/errors';
import { useServices } from '../stores';
import { addDataset } from './dataset-store';
import { adoptInputShape } from './input-shape';

/** Which reader fits these files: an IDX images + labels pair, or CIFAR-10 batches. */
export function readBinaryFiles(files: { name: string; bytes: Uint8Array }[]): ReadResult & { label: string } {
  if (files.length === 0) throw new Error('Choose the files to import.');
  const idx = files.filter((f) => /idx\d/i.test(f.name) || /ubyte/i.test(f.name));
  if (idx.length > 0) {
    const images = idx.find((f) => /idx[3-9]/i.test(f.name) || /images?/i.test(f.name));
    const labels = idx.find((f) => f !== images && (/idx1/i.test(f.name) || /labels?/i.test(f.name)));
    if (!images || !labels || idx.length !== 2) {
      throw new Error(`IDX import needs two files, images (…idx3-ubyte) and labels (…idx1-ubyte); got ${files.map((f) => f.name).join(', ')}`);
    }
    return { ...readIdxPair(images, labels), label: images.name.replace(/[-.]?images.*$/i, '') || images.name };
  }
  if (files.every((f) => /\.bin(\.gz)?$/i.test(f.name))) return { ...readCifar10(files), label: 'CIFAR-10' };
  throw new Error(`Not recognised: ${files.map((f) => f.name).join(', ')} (expected an IDX images + labels pair, or CIFAR-10 .bin batches)`);
}

export function BinaryImport() {
  const { graph, settings } = useServices();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const onFiles = async (list: FileList | null) => {
    if (!list || list.length === 0) return;
    setError(null);
    setBusy(true);
    const started = performance.now();
    try {
      const files = await Promise.all(Array.from(list, async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
      const { dataset, warnings, label } = readBinaryFiles(files);
      const entry = addDataset({
        label: `${label} (${dataset.m.toLocaleString('en')})`,
        description: `Imported from ${files.map((f) => f.name).join(', ')}.`,
        data: dataset,
        warnings,
        loadSeconds: (performance.now() - started) / 1000,
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
      <label>
        IDX pair or CIFAR-10 batches{' '}
        <input type="file" multiple data-testid="binary-files" accept=".gz,.bin,.idx,.ubyte,*" onChange={(e) => void onFiles(e.target.files)} />
      </label>
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
