/**
 * Datasets as a student meets them: import a CSV (preview, pick the label, class balance,
 * feature statistics), watch the input layer adopt its shape, train, and beat chance; then
 * the bundled MNIST subset with the MLP template.
 */
import { expect, test } from '@playwright/test';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { watchForErrors } from './helpers';

/** 200 rows, label first, two numeric features, a text column and a numeric one; two bad rows. */
function makeCsv(): string {
  let state = 12345;
  const rand = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const colours = ['red', 'green', 'blue'];
  const lines = ['label,x1,x2,colour,x3'];
  for (let i = 0; i < 200; i++) {
    const x1 = rand() * 2 - 1;
    const x2 = rand() * 2 - 1;
    const colour = colours[i % 3];
    const label = x1 + 0.5 * x2 > 0 ? 'yes' : 'no';
    lines.push(`${label},${x1.toFixed(3)},${x2.toFixed(3)},${colour},${(rand() * 10).toFixed(2)}`);
    if (i === 50) lines.push('yes,0.5,NA,red,1');
    if (i === 120) lines.push('no,0.1,0.2,blue');
  }
  return lines.join('\n') + '\n';
}

test('import a CSV, pick the label, the input layer adopts the shape, train above chance', async ({ page }) => {
  const errors = watchForErrors(page);
  page.on('dialog', (dialog) => void dialog.accept());
  await page.goto('/');
  await expect(page.getByTestId('edge-shape-e-input-1-dense-1')).toHaveText('(2, m)');

  await page.getByRole('button', { name: 'Import CSV…' }).click();
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('csv-file').click();
  await (await chooser).setFiles({ name: 'students.csv', mimeType: 'text/csv', buffer: Buffer.from(makeCsv()) });

  await expect(page.getByTestId('csv-preview')).toContainText('colour');
  // The last column is the default label; choose the real one.
  await page.getByLabel('Label column').selectOption('0');
  await expect(page.getByTestId('csv-shape')).toContainText('Input shape (6)');
  await expect(page.getByTestId('csv-shape')).toContainText('200 examples, 2 classes');
  await expect(page.getByTestId('csv-summary')).toContainText('dropped 2 rows');
  await expect(page.getByTestId('csv-summary')).toContainText('lines 53, 124');
  await expect(page.getByTestId('csv-summary')).toContainText('One-hot: colour → red, green, blue');
  await expect(page.getByTestId('class-balance')).toContainText('yes');
  await expect(page.getByTestId('feature-stats')).toContainText('colour=green');
  await page.screenshot({ path: 'test-results/screenshots/datasets-csv-preview.png' });

  await page.getByRole('button', { name: 'Use this dataset' }).click();
  await expect(page.getByLabel('Dataset')).toHaveValue(/^import-/);
  await expect(page.getByTestId('edge-shape-e-input-1-dense-1')).toHaveText('(6, m)');
  await expect(page.getByTestId('dataset-summary')).toContainText('200 examples of shape (6)');

  await page.getByLabel('Normalisation').selectOption('standardise');
  await page.getByLabel('Iterations').fill('800');
  await page.getByRole('button', { name: 'Train' }).click();
  const accuracy = page.getByTestId('train-accuracy');
  await expect(accuracy).toBeVisible({ timeout: 90_000 });
  expect(Number(await accuracy.getAttribute('data-value'))).toBeGreaterThan(0.8);
  await expect(page.getByTestId('run-summary')).toContainText('Dev accuracy');
  await page.screenshot({ path: 'test-results/screenshots/datasets-csv-trained.png' });
  expect(errors).toEqual([]);
});

test('a CSV with one column is refused with a message naming the file', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Import CSV…' }).click();
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('csv-file').click();
  await (await chooser).setFiles({ name: 'one-column.csv', mimeType: 'text/csv', buffer: Buffer.from('a\n1\n2\n3\n') });
  await expect(page.getByTestId('csv-error')).toContainText('one-column.csv: has only one column');
});

test('bundled MNIST: the MLP template trains on a subset above chance', async ({ page }) => {
  const errors = watchForErrors(page);
  page.on('dialog', (dialog) => void dialog.accept());
  await page.goto('/');
  await page.getByRole('button', { name: 'Templates ▾' }).click();
  await page.getByTestId('template-mlp').click();
  await expect(page.getByLabel('Dataset')).toHaveValue('mnist');
  await expect(page.getByTestId('dataset-panel')).toHaveAttribute('data-status', 'ready', { timeout: 30_000 });
  await expect(page.getByTestId('dataset-summary')).toContainText('10,000 examples of shape (28, 28, 1), 10 classes');

  // The template brings its recipe (Adam, α = 0.001, mini-batches of 64); fewer examples and steps here.
  await page.getByLabel('Examples used').fill('500');
  await page.getByLabel('Iterations').fill('40');
  await page.getByRole('button', { name: 'Train' }).click();
  const accuracy = page.getByTestId('train-accuracy');
  await expect(accuracy).toBeVisible({ timeout: 110_000 });
  expect(Number(await accuracy.getAttribute('data-value'))).toBeGreaterThan(0.3);
  await page.screenshot({ path: 'test-results/screenshots/datasets-mnist-trained.png' });
  expect(errors).toEqual([]);
});

const FASHION = '/usr/share/datasets/fashion-mnist';
test('import the Fashion-MNIST test set (gzipped IDX pair); a lone labels file is refused', async ({ page }) => {
  test.skip(!existsSync(`${FASHION}/t10k-images-idx3-ubyte.gz`), 'Debian dataset-fashion-mnist is not installed');
  const errors = watchForErrors(page);
  await page.goto('/');
  await page.getByRole('button', { name: 'Import IDX / CIFAR / HDF5…' }).click();
  let chooser = page.waitForEvent('filechooser');
  await page.getByTestId('binary-files').click();
  await (await chooser).setFiles([`${FASHION}/t10k-labels-idx1-ubyte.gz`]);
  await expect(page.getByTestId('binary-error')).toContainText('IDX import needs two files');

  chooser = page.waitForEvent('filechooser');
  await page.getByTestId('binary-files').click();
  await (await chooser).setFiles([`${FASHION}/t10k-images-idx3-ubyte.gz`, `${FASHION}/t10k-labels-idx1-ubyte.gz`]);
  await expect(page.getByTestId('dataset-summary')).toContainText('10,000 examples of shape (28, 28, 1), 10 classes');
  await expect(page.getByTestId('edge-shape-e-input-1-dense-1')).toHaveText('28×28×1');
  await expect(page.getByTestId('dataset-panel')).toContainText('Classes: 0 1000 · 1 1000');
  await page.screenshot({ path: 'test-results/screenshots/datasets-fashion-mnist.png' });
  expect(errors).toEqual([]);
});

test('generator controls: size, noise and seed with a live preview', async ({ page }) => {
  const errors = watchForErrors(page);
  await page.goto('/');
  await page.getByLabel('Dataset').selectOption('moons');
  const preview = page.getByTestId('generator-preview');
  await expect(preview.locator('circle')).toHaveCount(400);
  await page.getByLabel('Examples m').fill('150');
  await expect(preview.locator('circle')).toHaveCount(150);
  const before = await preview.innerHTML();
  await page.getByLabel('Noise').fill('0.5');
  await expect.poll(() => preview.innerHTML()).not.toBe(before);
  await expect(page.getByTestId('dataset-summary')).toContainText('150 examples');
  await preview.screenshot({ path: 'test-results/screenshots/datasets-moons-preview.png' });
  expect(errors).toEqual([]);
});

test('train-dev split: the toggle holds out part of train, and the run reports train-dev error next to dev error', async ({ page }) => {
  const errors = watchForErrors(page);
  await page.goto('/');
  await page.getByLabel('Dataset').selectOption('moons');
  await page.getByLabel('Train-dev split').check();
  await page.getByLabel('Train-dev % of train').fill('25');
  await page.getByTestId('prep').screenshot({ path: 'test-results/screenshots/datasets-train-dev-toggle.png' });
  await page.getByLabel('Iterations').fill('300');
  await page.getByRole('button', { name: 'Train' }).click();
  await expect(page.getByTestId('train-accuracy')).toBeVisible({ timeout: 90_000 });
  await page.getByTestId('tab-run').click();
  await expect(page.getByText('train-dev error', { exact: false }).first()).toBeVisible();
  await expect(page.getByText('Add a train-dev split')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/screenshots/datasets-train-dev-run.png' });
  expect(errors).toEqual([]);
});

test('an imported CSV is referenced by the saved project (checksum, no data); reopening asks for the file and checks it', async ({ page }) => {
  const errors = watchForErrors(page);
  page.on('dialog', (dialog) => void dialog.accept());
  await page.goto('/');
  const csv = makeCsv();
  await page.getByRole('button', { name: 'Import CSV…' }).click();
  let chooser = page.waitForEvent('filechooser');
  await page.getByTestId('csv-file').click();
  await (await chooser).setFiles({ name: 'students.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByLabel('Label column').selectOption('0');
  await page.getByRole('button', { name: 'Use this dataset' }).click();
  await page.getByLabel('Train-dev split').check();

  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  const path = test.info().outputPath('with-csv.dendrite.json');
  await (await downloadPromise).saveAs(path);
  const saved = JSON.parse(readFileSync(path, 'utf8'));
  expect(saved.dataset.source.files).toEqual([{ name: 'students.csv', size: Buffer.byteLength(csv), sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
  expect(saved.dataset.source.importer).toEqual({ kind: 'csv', label: 0, task: 'auto', onBadRow: 'drop' });
  expect(saved.dataset.prep.trainDev).toBe(0.1);
  expect(readFileSync(path, 'utf8')).not.toContain('green'); // no data in the project

  await page.reload();
  chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Open…' }).click();
  await (await chooser).setFiles(path);
  const prompt = page.getByTestId('dataset-reference');
  await expect(prompt).toHaveAttribute('data-state', 'pick');
  await expect(prompt).toContainText('students.csv');
  await expect(page.getByLabel('Train-dev split')).toBeChecked();
  // A different file with the same name: the checksum tells.
  chooser = page.waitForEvent('filechooser');
  await page.getByTestId('dataset-locate').click();
  await (await chooser).setFiles({ name: 'students.csv', mimeType: 'text/csv', buffer: Buffer.from(csv.replace('red', 'pink')) });
  await expect(prompt).toHaveAttribute('data-state', 'changed');
  await expect(prompt).toContainText('the SHA-256 checksum differs');
  await expect(page.getByRole('button', { name: 'Use it anyway' })).toBeVisible();
  await prompt.screenshot({ path: 'test-results/screenshots/datasets-reference-changed.png' });
  chooser = page.waitForEvent('filechooser');
  await page.getByTestId('dataset-locate').click();
  await (await chooser).setFiles({ name: 'students.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await expect(prompt).toHaveCount(0);
  await expect(page.getByTestId('dataset-summary')).toContainText('200 examples of shape (6)');
  await expect(page.getByTestId('project-title')).not.toContainText('•');
  expect(errors).toEqual([]);
});

/** A class folder per colour, PNGs of different sizes, one broken file. */
function makeImageFolder(): string {
  const root = mkdtempSync(join(tmpdir(), 'dendrite-e2e-images-'));
  const colours: Record<string, [number, number, number]> = { red: [230, 20, 20], blue: [20, 20, 230], green: [20, 200, 20] };
  for (const [name, rgb] of Object.entries(colours)) {
    mkdirSync(join(root, 'colours', name), { recursive: true });
    for (let i = 0; i < 4 + (name === 'red' ? 2 : 0); i++) {
      const w = 10 + i;
      const img = new PNG({ width: w, height: 12 });
      for (let p = 0; p < w * 12; p++) img.data.set([rgb[0], rgb[1], rgb[2] - (p % w < 3 ? 20 : 0), 255], p * 4);
      writeFileSync(join(root, 'colours', name, `${i}.png`), PNG.sync.write(img));
    }
  }
  writeFileSync(join(root, 'colours', 'blue', 'broken.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]));
  return join(root, 'colours');
}

test('import an image folder: preview per class, class balance, unreadable files listed, the input layer adopts the shape; augmentation preview', async ({
  page,
}) => {
  const errors = watchForErrors(page);
  await page.goto('/');
  await page.getByRole('button', { name: 'Import image folder…' }).click();
  await page.getByLabel('Image height').fill('8');
  await page.getByLabel('Image width').fill('8');
  const folder = makeImageFolder();
  await page.getByTestId('image-folder').setInputFiles(folder);
  await expect(page.getByTestId('image-shape')).toContainText('Input shape (8, 8, 3) · 14 images, 3 classes');
  await expect(page.getByTestId('image-balance')).toContainText('blue 4 · green 4 · red 6');
  await expect(page.getByTestId('image-warnings')).toContainText('colours/blue/broken.png: unreadable');
  await expect(page.getByTestId('image-preview').locator('canvas')).toHaveCount(14);
  await page.getByTestId('image-import').screenshot({ path: 'test-results/screenshots/datasets-image-folder.png' });
  await page.getByRole('button', { name: 'Use this dataset' }).click();
  await expect(page.getByTestId('dataset-summary')).toContainText('14 examples of shape (8, 8, 3), 3 classes');
  await expect(page.getByTestId('edge-shape-e-input-1-dense-1')).toContainText('8×8×3');

  await page.getByLabel('Flip horizontally').check();
  await page.getByLabel('Maximum shift').fill('2');
  await expect(page.getByTestId('augment-preview').locator('canvas')).toHaveCount(16);
  await page.getByTestId('augment').screenshot({ path: 'test-results/screenshots/datasets-augment-preview.png' });

  // The project references the folder (one digest of its files), and asks for it again on open.
  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  const path = test.info().outputPath('with-images.dendrite.json');
  await (await downloadPromise).saveAs(path);
  const saved = JSON.parse(readFileSync(path, 'utf8'));
  expect(saved.dataset.source.importer).toEqual({ kind: 'images', height: 8, width: 8, channels: 3 });
  expect(saved.dataset.source.files).toHaveLength(1);
  expect(saved.dataset.prep).toMatchObject({ flipHorizontal: true, maxShift: 2 });
  await page.reload();
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Open…' }).click();
  await (await chooser).setFiles(path);
  await expect(page.getByTestId('dataset-reference')).toHaveAttribute('data-state', 'pick');
  await page.getByTestId('dataset-locate-folder').setInputFiles(folder);
  await expect(page.getByTestId('dataset-summary')).toContainText('14 examples of shape (8, 8, 3), 3 classes');
  await expect(page.getByLabel('Flip horizontally')).toBeChecked();
  expect(errors).toEqual([]);
});

test('an empty folder says so', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Import image folder…' }).click();
  const empty = mkdtempSync(join(tmpdir(), 'dendrite-e2e-empty-'));
  mkdirSync(join(empty, 'nothing', 'cats'), { recursive: true });
  writeFileSync(join(empty, 'nothing', 'cats', '.hidden'), 'x');
  await page.getByTestId('image-folder').setInputFiles(join(empty, 'nothing'));
  await expect(page.getByTestId('image-error')).toContainText('is empty: expected one subfolder per class');
});

test('import an HDF5 file in the course layout (decoded in the worker)', async ({ page }) => {
  const errors = watchForErrors(page);
  const h5wasm = (await import('h5wasm/node')).default;
  await h5wasm.ready;
  const path = join(mkdtempSync(join(tmpdir(), 'dendrite-e2e-h5-')), 'train_catvnoncat.h5');
  const f = new h5wasm.File(path, 'w');
  f.create_dataset({ name: 'list_classes', data: ['non-cat', 'cat'] });
  f.create_dataset({ name: 'train_set_x', data: new Uint8Array(6 * 8 * 8 * 3).map((_, i) => i % 256), shape: [6, 8, 8, 3] });
  f.create_dataset({ name: 'train_set_y', data: new Int32Array([0, 1, 0, 1, 1, 0]), shape: [6] });
  f.close();
  await page.goto('/');
  await page.getByRole('button', { name: 'Import IDX / CIFAR / HDF5…' }).click();
  await page.getByTestId('binary-files').setInputFiles(path);
  await expect(page.getByTestId('dataset-summary')).toContainText('6 examples of shape (8, 8, 3), 2 classes');
  await expect(page.getByTestId('dataset-panel')).toContainText('Classes: non-cat 3 · cat 3');
  expect(errors).toEqual([]);
});
