/**
 * The foundation slice, by mouse only: build input → dense(4, tanh) → output(sigmoid)
 * from the palette, train on the planar flower, and watch the cost fall.
 */
import { expect, test } from '@playwright/test';
import { MAX_UNITS } from '../engine/spec/limits';
import { dragTo, watchForErrors, wire } from './helpers';

test('a newcomer builds the planar net by mouse and trains it', async ({ page }) => {
  const errors = watchForErrors(page);
  await page.goto('/');
  // The first launch opens on the ready-to-train planar example.
  await expect(page.getByTestId('node-dense-1')).toContainText('W[1]: (4, 2)');

  await page.getByRole('button', { name: 'New' }).click();
  await expect(page.locator('.react-flow__node')).toHaveCount(0);
  await expect(page.getByTestId('train-blocked')).toBeVisible();

  const canvas = await page.getByTestId('canvas').boundingBox();
  if (!canvas) throw new Error('no canvas');
  const y = canvas.y + canvas.height / 2;
  await dragTo(page, page.getByTestId('palette-input'), { x: canvas.x + 150, y });
  await dragTo(page, page.getByTestId('palette-dense'), { x: canvas.x + canvas.width / 2, y });
  await dragTo(page, page.getByTestId('palette-output'), { x: canvas.x + canvas.width - 180, y });
  await expect(page.locator('.react-flow__node')).toHaveCount(3);

  await wire(page, page.getByTestId('handle-out-input-1'), page.getByTestId('handle-in-dense-1-in'));
  await wire(page, page.getByTestId('handle-out-dense-1'), page.getByTestId('handle-in-output-1-in'));
  await expect(page.locator('.react-flow__edge')).toHaveCount(2);

  // Set the hidden layer to 4 tanh units with the inspector's buttons.
  await page.getByTestId('node-dense-1').click();
  const inspector = page.getByTestId('inspector');
  const decrease = inspector.getByRole('button', { name: 'Decrease Units n[l]' });
  for (let i = 0; i < 4; i += 1) await decrease.click();
  await inspector.getByRole('radio', { name: 'tanh' }).click();

  await expect(page.getByTestId('node-dense-1')).toContainText('4 units · tanh');
  await expect(page.getByTestId('node-dense-1')).toContainText('W[1]: (4, 2)');
  await expect(page.getByTestId('node-output-1')).toContainText('W[2]: (1, 4)');
  await expect(page.getByTestId('edge-shape-e-dense-1-output-1')).toHaveText('(4, m)');
  await expect(page.getByTestId('edge-shape-e-input-1-dense-1')).toHaveText('(2, m)');

  await page.getByRole('button', { name: 'Train' }).click();
  const accuracy = page.getByTestId('train-accuracy');
  await expect(accuracy).toBeVisible({ timeout: 90_000 });
  const value = Number(await accuracy.getAttribute('data-value'));
  expect(value).toBeGreaterThanOrEqual(0.85);

  const chart = page.getByTestId('cost-chart');
  const first = Number(await chart.getAttribute('data-first-cost'));
  const last = Number(await chart.getAttribute('data-last-cost'));
  expect(Number(await chart.getAttribute('data-points'))).toBeGreaterThan(20);
  expect(last).toBeLessThan(first * 0.6);
  await expect(chart.locator('.recharts-line path').first()).toBeVisible();
  // The web host is cross-origin isolated (vite.web.config.ts), so the threaded wasm build runs
  // (the thread governor may find one thread faster for a network this small, and says so).
  await expect(page.getByTestId('backend')).toHaveText(/^backend: wasm \(\d+ threads?(, 1 in use: faster for this run)?\)$/);

  await page.screenshot({ path: 'test-results/screenshots/foundation-trained.png' });
  expect(errors).toEqual([]);
});

test('a broken network says what is wrong on the node and disables Train', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('node-dense-1').click();
  const inspector = page.getByTestId('inspector');
  const units = inspector.getByRole('textbox', { name: 'Units n[l]', exact: true });
  await units.click();
  await units.press('Control+a');
  await units.press('0'); // typing is allowed here: this test is about the message, not the mouse
  await expect(inspector.getByText(`A whole number from 1 to ${MAX_UNITS.toLocaleString('en')}.`)).toBeVisible();
  // The invalid text is not applied, so the network still compiles.
  await expect(page.getByRole('button', { name: 'Train' })).toBeEnabled();

  // Remove the wire into the output: the output is no longer reachable from the input.
  await page.getByTestId('edge-shape-e-dense-1-output-1').waitFor();
  await page.locator('.react-flow__edge').nth(1).click({ force: true });
  await page.keyboard.press('Delete');
  await expect(page.locator('.react-flow__edge')).toHaveCount(1);
  await expect(page.getByRole('button', { name: 'Train' })).toBeDisabled();
  await expect(page.getByTestId('train-blocked')).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/foundation-broken.png' });
});

test('Stop ends a long run and keeps what it drew', async ({ page }) => {
  await page.goto('/');
  const iterations = page.getByLabel('Iterations');
  await iterations.fill('5000000');
  await page.getByRole('button', { name: 'Train' }).click();
  const chart = page.getByTestId('cost-chart');
  await expect.poll(async () => Number(await chart.getAttribute('data-points'))).toBeGreaterThan(5);
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(page.getByTestId('run-summary')).toHaveAttribute('data-status', 'finished');
  await expect(page.getByTestId('run-summary')).toContainText('stopped by you');
  await expect(page.getByRole('button', { name: 'Train' })).toBeEnabled();
});
