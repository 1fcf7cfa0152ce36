/**
 * The web host trains on the wasm backend: with cross-origin isolation (the COOP/COEP headers
 * vite.web.config.ts serves) on the threaded build, and on a page served without them on the
 * single-threaded build, saying why in the status bar.
 */
import { expect, test, type Page } from '@playwright/test';
import { watchForErrors } from './helpers';

async function trainThePlanarExample(page: Page): Promise<void> {
  // The first launch opens on the ready-to-train planar example.
  await expect(page.getByTestId('node-dense-1')).toContainText('W[1]: (4, 2)');
  await page.getByRole('button', { name: 'Train' }).click();
  const accuracy = page.getByTestId('train-accuracy');
  await expect(accuracy).toBeVisible({ timeout: 90_000 });
  expect(Number(await accuracy.getAttribute('data-value'))).toBeGreaterThanOrEqual(0.85);
}

test('a cross-origin-isolated page trains on the threaded wasm build', async ({ page }) => {
  const errors = watchForErrors(page);
  await page.goto('/');
  expect(await page.evaluate(() => self.crossOriginIsolated)).toBe(true);
  await trainThePlanarExample(page);
  // Several threads; the thread governor may find one faster for a network this small, and says so.
  await expect(page.getByTestId('backend')).toHaveText(/^backend: wasm \([2-9]\d* threads(, 1 in use: faster for this run)?\)$/);
  expect(errors).toEqual([]);
});

test('a page served without isolation headers trains on one wasm thread and says why', async ({ page }) => {
  const errors = watchForErrors(page);
  await page.route('**/*', async (route) => {
    const response = await route.fetch();
    const headers = { ...response.headers() };
    delete headers['cross-origin-opener-policy'];
    delete headers['cross-origin-embedder-policy'];
    await route.fulfill({ response, headers });
  });
  await page.goto('/');
  expect(await page.evaluate(() => self.crossOriginIsolated)).toBe(false);
  await trainThePlanarExample(page);
  await expect(page.getByTestId('backend')).toHaveText('backend: wasm (one thread: the page is not cross-origin isolated; 1 thread)');
  expect(errors).toEqual([]);
});
