/**
 * Issue 17 in Chromium: the Inception module (concatenate, its shape error and fix hint, the
 * bottleneck's cost beside the plain 5×5's), freezing a layer, multi-task outputs (template and a
 * CSV with several label columns), Run ▸ Search… (typed ranges, trials through the run queue,
 * sorting, the plot, zoom in, overlay), Model ▸ Transfer Weights… (chosen per layer, frozen,
 * saved in the project), and the worked transfer example run from its template.
 */
import { readFileSync } from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { watchForErrors } from './helpers';

const shot = (name: string) => `test-results/screenshots/systems-${name}.png`;

async function template(page: Page, id: string) {
  await page.getByRole('button', { name: 'Templates ▾' }).click();
  await page.getByTestId(`template-${id}`).click();
}

/** Types a number key by key into a NumberInput, replacing what it holds. */
async function typeInto(field: Locator, text: string) {
  await field.click();
  await field.press('ControlOrMeta+a');
  await field.press('Backspace');
  await field.pressSequentially(text);
  await expect(field).toHaveAttribute('aria-invalid', 'false');
}

test('Inception module: channels concatenated, the bottleneck cost beside the plain 5×5, and a clear error when n_H differs', async ({ page }) => {
  const errors = watchForErrors(page);
  await page.goto('/');
  await page.getByLabel('Dataset').selectOption('none');
  await template(page, 'inception-module');
  await expect(page.getByTestId('node-concatenate-1')).toBeVisible();
  await expect(page.locator('.layer-node.has-error')).toHaveCount(0);
  // 64 + 128 + 32 + 32 channels.
  await expect(page.getByTestId('edge-shape-e-concatenate-1-pool-max')).toHaveText('28×28×256');
  await expect(page.getByTestId('edge-shape-e-pool-proj-concatenate-1-d')).toHaveText('28×28×32');
  // The course's cost example: 28·28·32·5·5·192 against 28·28·16·192 + 28·28·32·5·5·16.
  await expect(page.getByTestId('bottleneck-conv-5x5-plain')).toHaveText('120,422,400');
  await expect(page.getByTestId('bottleneck-conv-5x5-with')).toHaveText('12,443,648');
  await page.getByTestId('bottlenecks').screenshot({ path: shot('bottlenecks') });

  // A 3×3 without padding shrinks to 26×26: the concatenation says which branch and how to fix it.
  await page.getByTestId('node-conv-3x3').click();
  await page.getByTestId('inspector').getByRole('radio', { name: 'valid (p = 0)', exact: true }).click();
  const join = page.getByTestId('node-concatenate-1');
  await expect(join).toContainText('every branch needs the same n_H × n_W: branch 1 is 28×28×64 but branch 2 is 26×26×128');
  await expect(join).toContainText("padding 'same' and stride 1");
  await page.getByTestId('node-conv-3x3').click();
  await page.getByTestId('inspector').getByRole('radio', { name: 'same', exact: true }).click();
  await expect(page.locator('.layer-node.has-error')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('freeze a layer: ❄ on the node, trainable and frozen counts like Keras summary(), and training still runs', async ({ page }) => {
  const errors = watchForErrors(page);
  await page.goto('/');
  await template(page, 'planar');
  await expect(page.getByTestId('dims-trainable')).toHaveAttribute('data-frozen', '0');
  await page.getByTestId('node-dense-1').click();
  await page.getByTestId('inspector').getByLabel('Frozen').check();
  await expect(page.getByTestId('frozen-dense-1')).toBeVisible();
  await expect(page.getByTestId('node-dense-1')).toContainText('12 parameters, frozen');
  // 2 → 4 → 1: W[1] (4, 2) + b[1] frozen = 12; the output's 4 + 1 trainable.
  await expect(page.getByTestId('dims-trainable')).toHaveAttribute('data-frozen', '12');
  await expect(page.getByTestId('dims-trainable')).toHaveAttribute('data-trainable', '5');
  await typeInto(page.getByLabel('Iterations'), '300');
  await page.getByRole('button', { name: 'Train' }).click();
  await expect(page.getByTestId('train-accuracy')).toBeVisible({ timeout: 60_000 });
  expect(errors).toEqual([]);
});

test('multi-task: three sigmoid outputs train together with missing labels, each task reports its metrics', async ({ page }) => {
  const errors = watchForErrors(page);
  await page.goto('/');
  await template(page, 'multi-task');
  await expect(page.getByTestId('dataset-summary')).toContainText('3 yes/no tasks');
  await expect(page.locator('.layer-node.has-error')).toHaveCount(0);
  // The template brings Adam (Training tab); α and the length are typed anyway, as a student would.
  await typeInto(page.getByLabel('Learning rate α'), '0.01');
  await typeInto(page.getByLabel('Iterations'), '1500');
  await page.getByRole('button', { name: 'Train' }).click();
  const tasks = page.getByTestId('task-metrics');
  await expect(tasks).toBeVisible({ timeout: 90_000 });
  await expect(tasks).toContainText('right');
  await expect(tasks).toContainText('near the centre');
  for (const j of [0, 1, 2]) expect(Number(await page.getByTestId(`task-${j}`).getAttribute('data-accuracy'))).toBeGreaterThan(0.8);
  await tasks.screenshot({ path: shot('tasks') });
  expect(errors).toEqual([]);
});

test('a CSV with several label columns imports as multi-task data; the output must have a sigmoid unit per task', async ({ page }) => {
  page.on('dialog', (dialog) => void dialog.accept());
  await page.goto('/');
  const rows = ['x1,x2,pedestrian,car,sign'];
  for (let i = 0; i < 60; i++) {
    const a = Math.sin(i * 1.7);
    const b = Math.cos(i * 0.9);
    rows.push(`${a.toFixed(3)},${b.toFixed(3)},${a > 0 ? 1 : 0},${i % 5 === 0 ? '' : b > 0 ? 'yes' : 'no'},${a + b > 0.5 ? 'true' : 'false'}`);
  }
  await page.getByRole('button', { name: 'Import CSV…' }).click();
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('csv-file').click();
  await (await chooser).setFiles({ name: 'street.csv', mimeType: 'text/csv', buffer: Buffer.from(rows.join('\n')) });
  await page.getByLabel('Multi-task: several yes/no labels').check();
  await page.getByLabel('Task pedestrian').check();
  await page.getByLabel('Task car').check();
  await expect(page.getByTestId('csv-shape')).toContainText('3 yes/no tasks');
  await expect(page.getByTestId('csv-summary')).toContainText('labels are missing');
  await page.getByRole('button', { name: 'Use this dataset' }).click();
  await expect(page.getByTestId('dataset-summary')).toContainText('3 yes/no tasks');
  // The planar net has 1 output unit: the fix sets 3.
  const output = page.getByTestId('node-output-1');
  await expect(output).toContainText('needs 3 sigmoid units, one per task');
  await output.getByRole('button', { name: 'Set units to 3' }).click();
  await expect(page.locator('.layer-node.has-error')).toHaveCount(0);
});

test('Run ▸ Search…: typed ranges, trials through the run queue, sorted results, the plot, zoom in, overlay, kept in the project', async ({ page }) => {
  const errors = watchForErrors(page);
  page.on('dialog', (dialog) => void dialog.accept());
  await page.goto('/');
  await template(page, 'planar');
  await page.getByTestId('tab-training').click();
  await page.getByRole('button', { name: 'Search…' }).click();
  const dialog = page.getByTestId('search-dialog');
  await expect(dialog).toBeVisible();
  await typeInto(dialog.getByLabel('α from'), '0.01');
  await typeInto(dialog.getByLabel('α to'), '10');
  await dialog.getByLabel('Vary n[l]').check();
  await typeInto(dialog.getByLabel('n[l] from'), '2');
  await typeInto(dialog.getByLabel('n[l] to'), '16');
  await typeInto(dialog.getByLabel('Trials'), '5');
  await typeInto(dialog.getByLabel('Budget per trial'), '400');
  await dialog.getByRole('button', { name: 'Start search' }).click();
  await expect(dialog).toHaveAttribute('data-status', 'done', { timeout: 90_000 });
  const rows = dialog.locator('[data-testid^="search-row-"]');
  await expect(rows).toHaveCount(5);
  await expect(dialog.locator('[data-testid^="search-row-"][data-status="finished"]')).toHaveCount(5);
  // Sorted by dev error, best first; its header again: worst first; by α: α ascending.
  const scores = async () => await rows.evaluateAll((r) => r.map((row) => Number(row.getAttribute('data-score'))));
  const ascending = await scores();
  expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
  await dialog.getByRole('button', { name: /^dev error/ }).click();
  await expect.poll(scores).toEqual([...ascending].sort((a, b) => b - a));
  await dialog.getByRole('button', { name: /^α/ }).click();
  const alphas = async () => rows.evaluateAll((r) => r.map((row) => Number(row.querySelector('td[data-value]')!.getAttribute('data-value'))));
  await expect
    .poll(async () => {
      const a = await alphas();
      return a.every((v, i) => i === 0 || v >= a[i - 1]);
    })
    .toBe(true);
  // α was sampled on a log scale: so is the plot's axis.
  const plot = dialog.getByTestId('search-plot');
  await expect(plot).toHaveAttribute('data-scale', 'log');
  await expect(plot).toHaveAttribute('data-points', '5');
  await dialog.screenshot({ path: shot('search') });

  // Zoom in: the ranges narrow around the best trials.
  await dialog.getByRole('button', { name: 'Zoom in' }).click();
  await expect(dialog.getByTestId('search-zoomed')).toBeVisible();
  const from = Number(await dialog.getByLabel('α from').inputValue());
  const to = Number(await dialog.getByLabel('α to').inputValue());
  expect(Math.log10(to) - Math.log10(from)).toBeLessThan(3);

  // A trial is a normal run: overlay it in Runs.
  await rows.first().getByRole('button', { name: 'overlay' }).click();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await page.getByTestId('tab-runs').click();
  await expect(page.getByText(/search 1 · trial \d: α = /).first()).toBeVisible();

  // Saved with the project and back after a reload.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  const path = test.info().outputPath('search.dendrite.json');
  await (await download).saveAs(path);
  expect(JSON.parse(readFileSync(path, 'utf8')).search.trials).toHaveLength(5);
  await page.reload();
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Open…' }).click();
  await (await chooser).setFiles(path);
  await page.getByTestId('tab-training').click();
  await page.getByRole('button', { name: 'Search…' }).click();
  await expect(page.getByTestId('search-dialog').locator('[data-testid^="search-row-"]')).toHaveCount(5);
  expect(errors).toEqual([]);
});

test('Model ▸ Transfer Weights…: chosen per layer, frozen, trained, and kept in the project', async ({ page }) => {
  const errors = watchForErrors(page);
  page.on('dialog', (dialog) => void dialog.accept());
  await page.goto('/');
  await template(page, 'planar');
  await typeInto(page.getByLabel('Iterations'), '500');
  await page.getByRole('button', { name: 'Train' }).click();
  await expect(page.getByTestId('train-accuracy')).toBeVisible({ timeout: 60_000 });

  await page.getByRole('button', { name: 'Model ▾' }).click();
  await page.getByRole('menuitem', { name: /Transfer weights/ }).click();
  const dialog = page.getByTestId('transfer-dialog');
  await dialog.getByRole('button', { name: 'The last run’s model' }).click();
  await expect(dialog.getByTestId('transfer-source')).toContainText('run #1');
  // Same ids, same shapes: both offered; the output starts fresh by choice, the hidden layer frozen.
  await expect(dialog.getByLabel('Weights of dense-1')).toHaveValue('dense-1');
  await dialog.getByLabel('Weights of output-1').selectOption('');
  await dialog.getByLabel('Freeze dense-1').check();
  await dialog.getByRole('button', { name: 'Use these weights' }).click();
  await expect(page.getByTestId('transfer-from')).toContainText('Transfer: 1 layer from run #1');
  await expect(page.getByTestId('frozen-dense-1')).toBeVisible();
  await page.getByRole('button', { name: 'Train' }).click();
  await expect(page.getByTestId('run-summary')).toHaveAttribute('data-status', 'finished', { timeout: 60_000 });
  // The new head on transferred, frozen features learns the flower again.
  expect(Number(await page.getByTestId('train-accuracy').getAttribute('data-value'))).toBeGreaterThan(0.7);

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  const path = test.info().outputPath('transfer.dendrite.json');
  await (await download).saveAs(path);
  expect(JSON.parse(readFileSync(path, 'utf8')).transfer).toMatchObject({ layers: { 'dense-1': 'dense-1' }, model: { format: 'dendrite.model' } });
  await page.reload();
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Open…' }).click();
  await (await chooser).setFiles(path);
  await expect(page.getByTestId('transfer-from')).toContainText('Transfer: 1 layer');
  expect(errors).toEqual([]);
});

test('the worked transfer example runs from its template: digits 0–4, then 5–9 transferred and from scratch', async ({ page }) => {
  test.setTimeout(480_000);
  const errors = watchForErrors(page);
  await page.goto('/');
  await template(page, 'transfer-digits');
  const guide = page.getByTestId('transfer-example');
  await expect(guide).toBeVisible();
  await typeInto(guide.getByLabel('Images of 5–9'), '50');
  await typeInto(guide.getByLabel('Subsets'), '1');
  await guide.getByRole('button', { name: 'Run the worked example' }).click();
  await expect(page.getByTestId('example-base')).toBeVisible({ timeout: 360_000 });
  expect(Number((await page.getByTestId('example-base').textContent())!.match(/([\d.]+) %/)![1])).toBeGreaterThan(90);
  const results = page.getByTestId('example-results');
  await expect(results).toBeVisible({ timeout: 240_000 });
  const transfer = Number(await results.getAttribute('data-transfer'));
  const scratch = Number(await results.getAttribute('data-scratch'));
  expect(transfer).toBeGreaterThan(0.6);
  expect(scratch).toBeGreaterThan(0.6);
  // The canvas is now task B: frozen convolutions, a new output, the 0–4 run's weights chosen.
  await expect(page.getByTestId('frozen-conv-1')).toBeVisible();
  await expect(page.getByTestId('node-digits-5-9')).toBeVisible();
  await expect(page.getByTestId('transfer-from')).toContainText('Transfer: 3 layers');
  await guide.screenshot({ path: shot('transfer-example') });
  console.log(`worked example in Chromium (reference kernels): transfer ${transfer.toFixed(3)}, scratch ${scratch.toFixed(3)}`);
  expect(errors).toEqual([]);
});
