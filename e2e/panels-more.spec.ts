/**
 * Issue 6, the panels added this session: the live cost canvas (Recharts once the run
 * ends), weight histograms, the single-number metric with a satisficing constraint, the
 * gradient check of the trained weights, learning curves (and cancelling them), and the
 * run history kept in the project file across save and open.
 */
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { watchForErrors } from './helpers';

const shot = (name: string) => `test-results/screenshots/panels-${name}.png`;

async function trainAndWait(page: Page) {
  await page.getByRole('button', { name: 'Train' }).click();
  await expect(page.getByTestId('run-summary')).toHaveAttribute('data-status', 'finished', { timeout: 90_000 });
}

test('live canvas cost chart, weight histograms, single-number metric, gradient check of the trained weights', async ({ page }) => {
  const errors = watchForErrors(page);
  await page.goto('/');
  await page.getByLabel('Iterations').fill('2000000');
  await page.getByRole('button', { name: 'Train' }).click();
  const chart = page.getByTestId('cost-chart');
  // While the run is live the cost is drawn on a canvas…
  await expect(chart).toHaveAttribute('data-renderer', 'canvas');
  await expect.poll(async () => Number(await chart.getAttribute('data-points'))).toBeGreaterThan(20);
  await expect(page.getByTestId('live-cost-canvas')).toBeVisible();
  await chart.screenshot({ path: shot('cost-live-canvas') });
  // The Health tab's norms are drawn on a canvas while live too.
  await page.getByTestId('tab-health').click();
  await expect(page.getByTestId('live-health-canvas').first()).toBeVisible();
  await page.getByTestId('layer-health').screenshot({ path: shot('health-live') });
  await page.getByTestId('tab-run').click();
  // …and by Recharts (tooltips) once it stops.
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(page.getByTestId('run-summary')).toHaveAttribute('data-status', 'finished', { timeout: 60_000 });
  await expect(chart).toHaveAttribute('data-renderer', 'recharts');
  await expect(chart.locator('.recharts-line path').first()).toBeVisible();

  // Weight histograms: the initialisation (iteration 0) under the trained weights.
  await page.getByTestId('tab-health').click();
  const weights = page.getByTestId('weight-histograms');
  await expect(weights).toHaveAttribute('data-first-iteration', '0');
  expect(Number(await weights.getAttribute('data-latest-iteration'))).toBeGreaterThan(0);
  await expect(page.getByTestId('weights-dense-1')).toContainText('σ');
  await expect(page.getByTestId('weights-output-1').locator('path')).toHaveCount(2);
  await weights.screenshot({ path: shot('weight-histograms') });

  // Single-number metric: maximise accuracy subject to recall ≥ 100 % fails at 0.5 on the flower…
  await page.getByTestId('tab-evaluate').click();
  const metric = page.getByTestId('single-number');
  await expect(metric).toBeVisible();
  await page.getByLabel('Satisficing metric').selectOption('recall');
  await page.getByLabel('Satisficing bound %').fill('100');
  await expect(page.getByTestId('constraint-verdict')).toContainText('not met');
  await expect(metric).toHaveAttribute('data-met', 'false');
  // …and "Best threshold" picks one that meets it (a low threshold catches every positive).
  await page.getByTestId('best-threshold').click();
  await expect(metric).toHaveAttribute('data-met', 'true');
  expect(Number(await page.getByLabel('Threshold').inputValue())).toBeLessThan(0.5);
  await expect(page.getByTestId('constraint-verdict')).toContainText('met');
  await metric.screenshot({ path: shot('single-number') });
  await page.getByLabel('Satisficing metric').selectOption('');
  await page.getByLabel('Threshold').fill('0.5');

  // The gradient check now checks the trained weights, and says so.
  await page.getByTestId('tab-runs').click();
  await page.getByRole('button', { name: 'Check gradients' }).click();
  await expect(page.getByTestId('gradcheck')).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  await expect(page.getByTestId('gradcheck-weights')).toContainText('trained weights, run #1');
  expect(['great', 'fine']).toContain(await page.getByTestId('gradcheck').getAttribute('data-band'));
  await page.getByTestId('gradcheck').screenshot({ path: shot('gradcheck-trained') });
  expect(errors).toEqual([]);
});

test('learning curve on request, and cancelling one', async ({ page }) => {
  const errors = watchForErrors(page);
  await page.goto('/');
  await page.getByLabel('Iterations').fill('400');
  await page.getByTestId('tab-run').click();
  const curve = page.getByTestId('learning-curve');
  await page.getByTestId('learning-curve-start').click();
  await expect(curve).toHaveAttribute('data-status', 'done', { timeout: 90_000 });
  await expect(curve).toHaveAttribute('data-points', '4');
  // m = 10 %, 25 %, 50 %, 100 % of the training set, smallest first.
  const sizes = await page.getByTestId('learning-curve-table').locator('tbody th').allTextContents();
  const m = sizes.map((s) => Number(s.replace(/,/g, '')));
  expect(m).toEqual([...m].sort((a, b) => a - b));
  expect(m[0]).toBe(Math.round(m[3] * 0.1));
  await expect(curve.locator('.recharts-line path').first()).toBeVisible();
  await curve.screenshot({ path: shot('learning-curve') });
  // The main run's panels were not disturbed by the curve's runs.
  await expect(page.getByTestId('run-summary')).toHaveAttribute('data-status', 'idle');

  await page.getByLabel('Iterations').fill('3000000');
  await page.getByTestId('learning-curve-start').click();
  await expect(curve).toHaveAttribute('data-status', 'running');
  // Train waits while the curve's runs use the CPU.
  await expect(page.getByRole('button', { name: 'Train' })).toBeDisabled();
  await expect(page.getByTestId('train-blocked')).toContainText('learning curve');
  await page.getByTestId('learning-curve-cancel').click();
  await expect(curve).toHaveAttribute('data-status', 'cancelled');
  await expect(page.getByTestId('learning-curve-start')).toBeEnabled();
  await expect(page.getByRole('button', { name: 'Train' })).toBeEnabled();
  expect(errors).toEqual([]);
});

test('the run history is saved in the project and overlays after opening it again', async ({ page }) => {
  const errors = watchForErrors(page);
  await page.goto('/');
  await page.getByLabel('Iterations').fill('600');
  await trainAndWait(page);
  await page.getByLabel('Learning rate α').fill('0.2');
  await trainAndWait(page);

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  const path = test.info().outputPath('runs.dendrite.json');
  await (await download).saveAs(path);
  const text = readFileSync(path, 'utf8');
  const saved = JSON.parse(text);
  expect(saved.runs).toHaveLength(2);
  expect(saved.runs[1].settings.learningRate).toBe(0.2);
  expect(saved.runs[0].cost.length).toBeLessThanOrEqual(300);
  expect(saved.runs[0].final.trainAccuracy).toBeGreaterThan(0.5);

  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: 'New' }).click();
  await page.getByTestId('tab-runs').click();
  await expect(page.getByTestId('runs-panel').getByRole('checkbox')).toHaveCount(0);

  // Open it again (a drop, as from a file manager).
  const transfer = await page.evaluateHandle((content) => {
    const data = new DataTransfer();
    data.items.add(new File([content], 'runs.dendrite.json', { type: 'application/json' }));
    return data;
  }, text);
  await page.dispatchEvent('[data-testid=canvas]', 'dragenter', { dataTransfer: transfer });
  await page.dispatchEvent('[data-testid=canvas]', 'dragover', { dataTransfer: transfer });
  await page.dispatchEvent('[data-testid=canvas]', 'drop', { dataTransfer: transfer });
  await page.getByTestId('tab-runs').click();
  const runs = page.getByTestId('runs-panel');
  await expect(runs.getByRole('checkbox')).toHaveCount(2);
  await expect(runs).toContainText('α=0.2');
  await runs.getByRole('checkbox').nth(0).check();
  await runs.getByRole('checkbox').nth(1).check();
  await expect(page.getByTestId('overlay-chart').locator('.recharts-line path')).toHaveCount(2);
  await runs.screenshot({ path: shot('runs-restored') });
  expect(errors).toEqual([]);
});
