/**
 * Issue 6, live panels: train the planar net and watch the cost fall and the decision
 * boundary form; read the evaluation, layer health and live dimension check; overlay
 * two runs; run gradient checking from the UI.
 */
import { expect, test } from '@playwright/test';
import { watchForErrors } from './helpers';

const shot = (name: string) => `test-results/screenshots/panels-${name}.png`;

test('planar net: falling cost, live decision boundary, evaluation, health, dimension check', async ({ page }) => {
  const errors = watchForErrors(page);
  await page.goto('/');
  // Before a run every panel says what to do.
  await page.getByTestId('tab-run').click();
  await expect(page.getByTestId('cost-chart')).toContainText('Press Train to see the cost');
  await page.getByTestId('tab-evaluate').click();
  await expect(page.getByTestId('evaluation')).toContainText('Press Train');

  await page.getByLabel('Iterations').fill('100000');
  await page.getByRole('button', { name: 'Train' }).click();
  // Train opens the Run tab.
  await expect(page.getByTestId('tab-run')).toHaveAttribute('aria-selected', 'true');
  const chart = page.getByTestId('cost-chart');
  await expect.poll(async () => Number(await chart.getAttribute('data-points'))).toBeGreaterThan(5);

  // The boundary is redrawn while training runs.
  await page.getByTestId('tab-evaluate').click();
  const boundary = page.getByTestId('boundary');
  await expect(boundary).toBeVisible();
  const firstIteration = Number(await boundary.getAttribute('data-iteration'));
  expect(firstIteration).toBeLessThan(100000);
  // Redrawn live: a later boundary arrives while the run goes on.
  await expect.poll(async () => Number(await boundary.getAttribute('data-iteration'))).toBeGreaterThan(firstIteration);
  await page.getByTestId('boundary').screenshot({ path: shot('boundary-live') });
  await expect(page.getByTestId('run-summary')).toHaveCount(0); // only the open tab is mounted
  await page.getByTestId('tab-run').click();
  await expect(page.getByTestId('train-accuracy')).toBeVisible({ timeout: 90_000 });
  const first = Number(await chart.getAttribute('data-first-cost'));
  const last = Number(await chart.getAttribute('data-last-cost'));
  expect(last).toBeLessThan(first * 0.6);
  await expect(chart.locator('.recharts-line path').first()).toBeVisible();
  // No dev split today: the bias/variance panel says how to get one.
  await expect(page.getByTestId('bias-variance')).toContainText(/Dev split is empty: set dev % above 0|Bias \/ variance/);
  // Smoothing and log scale.
  await page.getByLabel('Log scale').check();
  await page.screenshot({ path: shot('cost') });

  await page.getByTestId('tab-evaluate').click();
  await expect(page.getByTestId('boundary-canvas')).toBeVisible();
  await expect(page.getByTestId('boundary')).toHaveAttribute('data-iteration', '100000');
  // Redrawn during the run, not only at its end (the live views get a fixed share of a run that now takes about a second).
  expect(Number(await page.getByTestId('boundary').getAttribute('data-updates'))).toBeGreaterThan(1);
  await expect(page.getByTestId('confusion-matrix')).toBeVisible();
  expect(Number(await page.getByTestId('eval-accuracy').getAttribute('data-value'))).toBeGreaterThan(0.8);
  await expect(page.getByTestId('prediction-grid')).toBeVisible();
  // The threshold changes the predictions (an extreme threshold predicts class 0 almost everywhere).
  const tp = await page.getByTestId('cm-1-1').textContent();
  await page.getByLabel('Threshold').fill('0.99');
  await expect(page.getByTestId('cm-1-1')).not.toHaveText(tp ?? '');
  await page.getByLabel('Threshold').fill('0.5');
  await page.getByTestId('evaluation').screenshot({ path: shot('evaluation') });

  await page.getByTestId('tab-health').click();
  await expect(page.getByTestId('layer-health')).toBeVisible();
  expect(Number(await page.getByTestId('layer-health').getAttribute('data-samples'))).toBeGreaterThan(2);
  await expect(page.getByTestId('health-ok')).toBeVisible();
  await page.getByTestId('layer-health').screenshot({ path: shot('health') });

  await page.getByTestId('tab-build').click();
  await expect(page.getByTestId('dims-check-dense-1')).toHaveAttribute('data-check', 'ok');
  await expect(page.getByTestId('dims-check-output-1')).toHaveAttribute('data-check', 'ok');
  await page.getByTestId('dimension-table').screenshot({ path: shot('dimensions') });
  expect(errors).toEqual([]);
});

test('overlay two runs and check the gradients from the UI', async ({ page }) => {
  const errors = watchForErrors(page);
  await page.goto('/');
  await page.getByLabel('Iterations').fill('1500');
  await page.getByRole('button', { name: 'Train' }).click();
  await expect(page.getByTestId('train-accuracy')).toBeVisible({ timeout: 60_000 });
  await page.getByLabel('Learning rate α').fill('0.3');
  await page.getByRole('button', { name: 'Train' }).click();
  await expect(page.getByTestId('train-accuracy')).toBeVisible({ timeout: 60_000 });

  await page.getByTestId('tab-runs').click();
  const runs = page.getByTestId('runs-panel');
  await expect(runs.getByRole('checkbox')).toHaveCount(2);
  await runs.getByRole('checkbox').nth(0).check();
  await runs.getByRole('checkbox').nth(1).check();
  await expect(page.getByTestId('overlay-chart')).toHaveAttribute('data-lines', '2');
  await expect(page.getByTestId('overlay-chart').locator('.recharts-line path')).toHaveCount(2);

  await page.getByRole('button', { name: 'Check gradients' }).click();
  await expect(page.getByTestId('gradcheck')).toHaveAttribute('data-status', 'done');
  await expect(page.getByTestId('gradcheck')).toHaveAttribute('data-band', 'great');
  await expect(page.getByTestId('gradcheck-overall')).toContainText('great');
  await expect(page.getByTestId('gradcheck-layer-dense-1')).toBeVisible();
  await page.screenshot({ path: shot('runs'), fullPage: true });
  expect(errors).toEqual([]);
});

test('a small MNIST MLP: confusion matrix and the prediction grid with images, mistakes first', async ({ page }) => {
  const errors = watchForErrors(page);
  page.on('dialog', (dialog) => void dialog.accept());
  await page.goto('/');
  await page.getByRole('button', { name: 'Templates ▾' }).click();
  await page.getByTestId('template-mlp').click();
  await expect(page.getByTestId('dataset-panel')).toHaveAttribute('data-status', 'ready', { timeout: 30_000 });
  await page.getByLabel('Examples used').fill('500');
  await page.getByLabel('Learning rate α').fill('0.3');
  await page.getByLabel('Iterations').fill('40');
  await page.getByRole('button', { name: 'Train' }).click();
  await expect(page.getByTestId('train-accuracy')).toBeVisible({ timeout: 110_000 });

  await page.getByTestId('tab-evaluate').click();
  const evaluation = page.getByTestId('evaluation');
  // No decision boundary for images; a 10 × 10 confusion matrix instead.
  await expect(page.getByTestId('boundary')).toHaveCount(0);
  await expect(page.getByTestId('confusion-matrix').locator('tbody tr')).toHaveCount(10);
  await expect(page.getByTestId('cm-9-9')).toBeVisible();
  await expect(page.getByTestId('class-scores')).toContainText('macro');
  const grid = page.getByTestId('prediction-grid');
  await expect(grid.locator('canvas').first()).toBeVisible();
  // Mistakes first: if any example is wrong, the first one is.
  const wrong = await grid.locator('.example.wrong').count();
  if (wrong > 0) await expect(grid.locator('.example').first()).toHaveClass(/wrong/);
  await page.getByLabel('Row-normalised').check();
  await expect(page.getByTestId('confusion-matrix')).toBeVisible();
  await expect(evaluation).toContainText('Each row in % of its actual class');
  await evaluation.screenshot({ path: shot('mnist-evaluation') });
  expect(errors).toEqual([]);
});
