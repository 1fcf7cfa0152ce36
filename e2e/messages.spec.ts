/**
 * Messages that were false or ambiguous (issue 13, item 4): "Dev split is empty" during the first
 * epoch, runs that read the same though trained differently, curves hidden under identical ones,
 * two different costs both called J, a cost printed with 17 digits, "1 units", and batch norm
 * with mini-batches of 1 trained without a word.
 */
import { expect, test, type Page } from '@playwright/test';
import { watchForErrors } from './helpers';

async function typeInto(page: Page, label: string, text: string) {
  const field = page.getByLabel(label, { exact: true });
  await field.click();
  await page.keyboard.press('ControlOrMeta+A');
  await field.pressSequentially(text);
  await page.keyboard.press('Tab');
}

async function trainAndWait(page: Page, status: 'finished' | 'failed' = 'finished') {
  await page.getByRole('button', { name: 'Train' }).click();
  await expect(page.getByTestId('run-summary')).toHaveAttribute('data-status', status, { timeout: 90_000 });
}

async function setBatch(page: Page, batch: string) {
  await page.getByTestId('tab-training').click();
  await page.getByLabel('Mini-batch size').selectOption(batch);
}

test('during the first epoch the dev split is not called empty', async ({ page }) => {
  await page.goto('/');
  // 100,000 flower points, stochastic gradient descent: the first epoch is 60,000 steps long.
  await typeInto(page, 'Examples m', '100000');
  await setBatch(page, '1');
  await typeInto(page, 'Iterations', '70000');
  await page.getByTestId('tab-run').click();
  // Every state of the cost chart while the run draws its first epoch.
  await page.evaluate(() => {
    const seen: { epochs: number; note: string }[] = [];
    (window as unknown as { seen: typeof seen }).seen = seen;
    new MutationObserver(() => {
      const chart = document.querySelector<HTMLElement>('[data-testid=cost-chart]');
      if (!chart || Number(chart.dataset.points) === 0) return;
      seen.push({ epochs: Number(chart.dataset.epochs), note: document.querySelector('[data-testid=dev-note]')?.textContent ?? '' });
    }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-points', 'data-epochs'] });
  });
  await page.getByRole('button', { name: 'Train' }).click();
  await expect(page.getByTestId('run-summary')).toHaveAttribute('data-status', 'finished', { timeout: 90_000 });
  const seen = await page.evaluate(() => (window as unknown as { seen: { epochs: number; note: string }[] }).seen);
  const firstEpoch = seen.filter((s) => s.epochs === 0);
  expect(firstEpoch.length, 'the chart drew points before the first epoch ended').toBeGreaterThan(0);
  for (const state of firstEpoch) expect(state.note).toContain('appear at the end of the first epoch');
  await expect(page.getByTestId('bv-verdict')).toBeVisible();
});

test('runs are labelled by what differs; identical curves both show; the Runs tab and the Run tab give the same training cost', async ({ page }) => {
  const errors = watchForErrors(page);
  await page.goto('/');
  await typeInto(page, 'Iterations', '300');
  await trainAndWait(page);
  const runTabCost = await page.getByTestId('final-train-cost').textContent();
  await setBatch(page, '32');
  await trainAndWait(page);
  await setBatch(page, '32');
  await trainAndWait(page); // the same settings again: the same curve

  await page.getByTestId('tab-runs').click();
  await expect(page.getByTestId('run-label-0')).toHaveText('#1 full batch');
  await expect(page.getByTestId('run-label-1')).toHaveText('#2 batch 32');
  await expect(page.getByTestId('run-label-2')).toHaveText('#3 batch 32');
  // The first run's cost here is the Run tab's "Training cost J", not the last mini-batch's.
  expect(runTabCost).toContain((await page.getByTestId('run-cost-0').textContent())!.replace(' · train J=', ''));

  for (const i of [1, 2]) await page.getByTestId(`run-item-${i}`).getByRole('checkbox').check();
  const chart = page.getByTestId('overlay-chart');
  await expect(chart).toHaveAttribute('data-lines', '2');
  // Runs #2 and #3 were trained the same way: their legend says so, and #3 is dashed over #2.
  await expect(chart.locator('.recharts-legend-wrapper')).toContainText('#2 gd α=1.2 batch 32 flower (same settings)');
  await expect(page.getByTestId('identical-curves')).toContainText('#3 lies exactly on #2');
  await expect(chart.locator('.recharts-line-curve[stroke-dasharray="6 6"]')).toHaveCount(1);
  expect(errors).toEqual([]);
});

test('a diverging cost prints in powers of ten and its axis labels fit the chart', async ({ page }) => {
  await page.goto('/');
  await typeInto(page, 'Learning rate α', '100');
  await typeInto(page, 'Iterations', '30');
  await page.getByTestId('tab-training').click();
  await typeInto(page, 'L2 λ', '10');
  await trainAndWait(page);
  const header = page.getByTestId('cost-header');
  await expect(header).toHaveText(/· \d(\.\d+)?e\+\d+ at iteration 30/);
  const chart = (await page.getByTestId('cost-chart').locator('svg.recharts-surface').first().boundingBox())!;
  const ticks = page.getByTestId('cost-chart').locator('.recharts-cartesian-axis-tick-value');
  expect(await ticks.count()).toBeGreaterThan(3);
  for (const tick of await ticks.all()) {
    const box = (await tick.boundingBox())!;
    expect(box.x, `tick "${await tick.textContent()}" inside the chart`).toBeGreaterThanOrEqual(chart.x - 1);
    expect((await tick.textContent())!.length).toBeLessThanOrEqual(8);
  }
});

test('"1 unit", not "1 units"', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('Dataset').selectOption('spirals');
  const output = page.getByTestId('node-output-1');
  await output.getByRole('button', { name: 'Set activation to softmax' }).click();
  await expect(output).toContainText('The dataset has 3 classes but the output has 1 unit: n[L] must equal the number of classes.');
  await expect(page.locator('.react-flow')).not.toContainText('1 units');
});

test('batch norm with mini-batches of 1 is warned about before Train', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Templates ▾' }).click();
  await page.getByTestId('template-resnet-block').click();
  await expect(page.getByTestId('train-warning')).toHaveCount(0);
  await setBatch(page, '1');
  await expect(page.getByTestId('train-warning')).toContainText('Batch norm with a mini-batch of 1');
  await expect(page.getByTestId('training-warning')).toContainText('Use a mini-batch of 32 or more');
  await page.getByLabel('Mini-batch size').selectOption('32');
  await expect(page.getByTestId('train-warning')).toHaveCount(0);
});
