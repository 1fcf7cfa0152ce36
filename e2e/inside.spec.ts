/**
 * Issue 18, the Inside tab: step through one example of the planar network (the numbers on
 * screen are the engine's, computed here again for the same request), and look inside LeNet-5's
 * conv layers on the bundled MNIST — filters, feature maps, a saliency map — computed by a
 * trainer worker on request.
 */
import { expect, test } from '@playwright/test';
import { compileGraph } from '../engine/compile';
import { createReferenceBackend } from '../engine/kernels/reference';
import { stepThrough } from '../engine/train/step-through';
import { toGraphInput } from '../src/renderer/src/graph/document';
import { planarExample } from '../src/renderer/src/graph/examples';
import { watchForErrors } from './helpers';

const shot = (name: string) => `test-results/screenshots/inside-${name}.png`;

test('step through one example of the planar network: forward, cost, backward, update — the engine’s numbers', async ({ page }) => {
  const errors = watchForErrors(page);
  await page.goto('/');
  await page.getByTestId('tab-inside').click();
  const example = page.getByLabel('Example', { exact: true });
  await example.click();
  await example.press('ControlOrMeta+a');
  await example.pressSequentially('7');
  await page.getByRole('button', { name: 'Step through example 7' }).click();
  const stage = page.getByTestId('step-stage');
  await expect(stage).toContainText('Forward: Input · layer 0');

  // The same request the app builds on first launch: flower (400, seed 1), split 60/20/20 stratified, seed 2.
  const spec = compileGraph(toGraphInput(planarExample(), { exampleShape: [2], numClasses: 2 })).spec!;
  const expected = stepThrough(
    {
      runId: 'e2e',
      spec,
      data: { kind: 'generator', name: 'flower', m: 400, seed: 1 },
      split: { train: 0.6, dev: 0.2, seed: 1, stratify: true },
      config: { iterations: 10000, batchSize: 'full', learningRate: 1.2, optimizer: { kind: 'gd' }, seed: 2 },
    },
    7,
    createReferenceBackend('float32'),
  );
  const shown = (v: number) => String(+v.toFixed(4));
  const cells = async (testId: string) => page.getByTestId(testId).locator('td').allTextContents();
  const z1 = expected.forward.find((l) => l.id === 'dense-1')!.tensors.find((t) => t.name === 'Z[1]')!;
  const x = expected.forward[0].tensors[0];
  expect(await cells('tensor-A[0]-table')).toEqual(Array.from(x.values!, shown));

  await page.getByRole('button', { name: 'Next stage' }).click();
  await expect(stage).toContainText('Forward: Dense · layer 1');
  expect(await cells('tensor-Z[1]-table')).toEqual(Array.from(z1.values!, shown));
  await expect(page.getByTestId('tensor-W[1]')).toContainText('(4, 2)');
  await page.getByRole('button', { name: 'Next stage' }).click();
  await expect(stage).toContainText('Forward: Output · layer 2');
  await page.getByRole('button', { name: 'Next stage' }).click();
  await expect(stage).toHaveAttribute('data-stage', 'cost');
  await expect(page.getByTestId('step-cost-value')).toHaveText(expected.cost.J.toPrecision(6));
  await page.getByRole('button', { name: 'Next stage' }).click();
  await expect(stage).toContainText('Backward: Output · layer 2');
  const dz2 = expected.backward[0].tensors.find((t) => t.name === 'dZ[2]')!;
  expect(await cells('tensor-dZ[2]-table')).toEqual(Array.from(dz2.values!, shown));
  await page.getByRole('button', { name: 'Next stage' }).click();
  await expect(stage).toContainText('Backward: Dense · layer 1');
  await expect(page.getByTestId('tensor-dW[1]')).toBeVisible();
  await page.screenshot({ path: shot('backward') });
  await page.getByRole('button', { name: 'Next stage' }).click();
  await expect(stage).toHaveAttribute('data-stage', 'update');
  await expect(page.getByTestId('step-update')).toContainText('W := W − α dW with α = 1.2');
  const w1After = expected.update.tensors.find((t) => t.name === 'W[1]')!.after!;
  expect(await cells('tensor-W[1]-after-table')).toEqual(Array.from(w1After, shown));
  await expect(page.getByRole('button', { name: 'Next stage' })).toBeDisabled();
  expect(errors).toEqual([]);
});

test('inside LeNet-5 on the bundled MNIST: first-layer filters, feature maps and a saliency map', async ({ page }) => {
  const errors = watchForErrors(page);
  await page.goto('/');
  await page.getByRole('button', { name: 'Templates ▾' }).click();
  await page.getByTestId('template-lenet5').click();
  await expect(page.getByTestId('dataset-panel')).toContainText('MNIST', { timeout: 30_000 });
  // The views need the digits themselves (until they load, the panel says to try again).
  await expect(page.getByTestId('dataset-panel')).toHaveAttribute('data-status', 'ready', { timeout: 60_000 });
  await page.getByTestId('tab-inside').click();

  await page.getByRole('button', { name: 'Filters of the first conv layer' }).click();
  await expect(page.getByTestId('conv-filters')).toHaveAttribute('data-count', '6', { timeout: 60_000 });
  await expect(page.getByTestId('conv-filters').locator('canvas')).toHaveCount(6);

  await page.getByLabel('Example set').selectOption('dev');
  await page.getByLabel('Feature maps of').selectOption('conv2d-1');
  await page.getByRole('button', { name: 'Feature maps' }).click();
  await expect(page.getByTestId('feature-maps')).toHaveAttribute('data-shape', '28x28x6', { timeout: 60_000 });
  await page.getByLabel('Feature maps of').selectOption('pool-2');
  await page.getByRole('button', { name: 'Feature maps' }).click();
  await expect(page.getByTestId('feature-maps')).toHaveAttribute('data-shape', '5x5x16', { timeout: 60_000 });

  await page.getByRole('button', { name: 'Saliency map' }).click();
  await expect(page.getByTestId('saliency').locator('canvas')).toHaveCount(2, { timeout: 60_000 });
  await expect(page.getByTestId('saliency')).toContainText('input (label');
  await page.getByTestId('inside').screenshot({ path: shot('mnist') });
  // The saliency map is not blank: some pixel of it is brighter than black.
  const bright = await page.getByRole('img', { name: 'saliency map' }).evaluate((canvas: HTMLCanvasElement) => {
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    let max = 0;
    for (let i = 0; i < data.length; i += 4) max = Math.max(max, data[i]);
    return max;
  });
  expect(bright).toBe(255);
  expect(errors).toEqual([]);
});
