/** The CLI reads IDX image/label pairs (the Debian Fashion-MNIST test set is the real-file fixture). */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../engine/cli/main';
import { testCliIo } from '../helpers/cli-io';

const FASHION = '/usr/share/datasets/fashion-mnist';
const images = join(FASHION, 't10k-images-idx3-ubyte.gz');
const labels = join(FASHION, 't10k-labels-idx1-ubyte.gz');

const io = testCliIo;

const softmaxMlp = JSON.stringify({
  format: 'dendrite.spec',
  version: 1,
  layers: [
    { id: 'x', kind: 'input', inputs: [], shape: [28, 28, 1] },
    { id: 'f', kind: 'flatten', inputs: ['x'] },
    { id: 'y', kind: 'output', inputs: ['f'], units: 10, activation: 'softmax', loss: 'cross_entropy' },
  ],
});

describe('dendrite CLI with IDX data', () => {
  it('needs the Debian fixture (installed by .ci/run)', () => {
    expect(existsSync(images) && existsSync(labels)).toBe(true);
  });

  it('trains softmax regression on Fashion-MNIST t10k from an images,labels pair', async () => {
    const { host, out } = io();
    host.readText = (path) => (path === 'mlp.json' ? softmaxMlp : readFileSync(path, 'utf8'));
    const code = await main(
      [
        'train',
        '--spec',
        'mlp.json',
        '--data',
        `${images},${labels}`,
        '--iterations',
        '60',
        '--batch',
        '256',
        '--optimizer',
        'adam',
        '--lr',
        '0.003',
        '--backend',
        'reference',
      ],
      host,
    );
    expect(out.stderr).not.toMatch(/Error/);
    expect(code).toBe(0);
    const metrics = JSON.parse(out.stdout.trim().split('\n').pop()!);
    expect(metrics.iterations).toBe(60);
    expect(metrics.trainAccuracy).toBeGreaterThan(0.5); // chance is 0.1
  });

  it('refuses a truncated file, naming it, with exit 2', async () => {
    const truncated = new Uint8Array(readFileSync(images)).slice(0, 5000);
    const { host, out } = io({ 'cut-images-idx3-ubyte.gz': truncated });
    host.readText = () => softmaxMlp;
    const code = await main(['train', '--spec', 's.json', '--data', `cut-images-idx3-ubyte.gz,${labels}`], host);
    expect(code).toBe(2);
    expect(out.stderr).toMatch(/cut-images-idx3-ubyte\.gz/);
    expect(out.stderr.trim().split('\n').length).toBeLessThanOrEqual(2);
  });

  it('asks for the labels when given images alone', async () => {
    const { host, out } = io();
    host.readText = () => softmaxMlp;
    expect(await main(['train', '--spec', 's.json', '--data', images], host)).toBe(2);
    expect(out.stderr).toMatch(/images-file,labels-file/);
  });
});
