/**
 * Faults the user did not cause: a panel that throws while rendering leaves the rest of the
 * window usable. The trainer here is a stand-in Web Worker (served in place of the real one)
 * that sends a malformed event, as a buggy or corrupted trainer could.
 */
import { expect, test, type Page } from '@playwright/test';

/** Replaces the trainer worker with `script` (it receives the start-run message like the real one). */
async function fakeTrainer(page: Page, script: string) {
  // The page is cross-origin isolated (COEP require-corp, for the threaded wasm backend), so a
  // dedicated worker's script must carry the same policy or it is blocked.
  const headers = { 'Cross-Origin-Embedder-Policy': 'require-corp', 'Cross-Origin-Opener-Policy': 'same-origin' };
  await page.route('**/assets/web-worker-*.js', (route) => route.fulfill({ contentType: 'text/javascript', headers, body: script }));
}

test('a panel that throws is replaced by one line and Try again; the canvas and the other panels keep working', async ({ page }) => {
  await fakeTrainer(
    page,
    `self.onmessage = (e) => {
      if (e.data.type !== 'start-run') return;
      const runId = e.data.request.runId;
      self.postMessage({ type: 'run-started', runId, backend: { name: 'reference' }, trainSize: 10, devSize: 0, testSize: 0, iterationsPerEpoch: 1, totalIterations: 5 });
      // An epoch event without its metrics: the Run tab's panels read them while rendering.
      self.postMessage({ type: 'epoch', runId, metrics: null });
    };`,
  );
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto('/');
  await page.getByRole('button', { name: 'Train' }).click();

  const failed = page.getByTestId('panel-failed');
  await expect(failed.first()).toBeVisible();
  await expect(failed.first()).toContainText(/failed: /);
  // The window is usable: the canvas still shows the network, other tabs open, layers can be selected.
  await expect(page.locator('.react-flow__node')).toHaveCount(3);
  await page.getByTestId('tab-build').click();
  await expect(page.getByTestId('panel-failed')).toHaveCount(0);
  await page.locator('.react-flow__node').first().click();
  await expect(page.getByTestId('tab-build')).toHaveAttribute('aria-selected', 'true');
  // Try again mounts the panel afresh (it fails again here, the data is still bad: and says so again).
  await page.getByTestId('tab-run').click();
  await expect(page.getByTestId('panel-failed').first()).toBeVisible();
  await page.getByTestId('panel-failed').first().getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByTestId('panel-failed').first()).toBeVisible();
  expect(pageErrors).toEqual([]); // caught by the boundaries, not escaped to the window
});

test('a run that diverges says so, gives no bias/variance advice and does not call its gradients healthy', async ({ page }) => {
  await page.goto('/');
  const alpha = page.getByLabel('Learning rate α');
  await alpha.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Backspace');
  await alpha.pressSequentially('100', { delay: 15 });
  await page.keyboard.press('Tab');
  await page.getByRole('button', { name: 'Train' }).click();
  await expect(page.getByText(/Gradient descent is diverging or oscillating/)).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText(/Lower the learning rate \(α = 100 now; try 10\)/)).toBeVisible();
  await page.getByTestId('tab-run').click();
  await expect(page.getByTestId('bv-diverged')).toBeVisible();
  await expect(page.getByText(/High bias|High variance|Train a bigger network/)).toHaveCount(0);
  await page.getByTestId('tab-health').click();
  await expect(page.getByTestId('health-diverged')).toBeVisible();
  await expect(page.getByTestId('health-ok')).toHaveCount(0);
});

test('Stop on a CNN run in the browser keeps its weights: the run ends stopped, and Export and Continue from are offered', async ({ page }) => {
  page.on('dialog', (dialog) => void dialog.accept());
  await page.goto('/');
  await page.getByRole('button', { name: 'Templates ▾' }).click();
  await page.getByTestId('template-lenet5').click();
  await expect(page.getByTestId('dataset-panel')).toHaveAttribute('data-status', 'ready', { timeout: 30_000 });
  const iterations = page.getByLabel('Iterations');
  await iterations.click();
  await page.keyboard.press('ControlOrMeta+A');
  await iterations.pressSequentially('100000', { delay: 15 });
  await page.keyboard.press('Tab');
  await page.getByTestId('tab-training').click();
  await page.getByLabel('Mini-batch size').selectOption('64');
  await page.getByRole('button', { name: 'Train' }).click();
  const chart = page.getByTestId('cost-chart');
  await expect.poll(async () => Number(await chart.getAttribute('data-points')), { timeout: 60_000 }).toBeGreaterThan(2);
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(page.getByTestId('run-summary')).toHaveAttribute('data-status', 'finished', { timeout: 30_000 });
  await expect(page.getByTestId('run-summary')).toContainText('stopped by you');
  await expect(page.getByText(/did not answer Stop/)).toHaveCount(0);
  await page.getByRole('button', { name: 'Model ▾' }).click();
  await expect(page.getByRole('menuitem', { name: /Export model/ })).toBeEnabled();
  await page.keyboard.press('Escape');
  await page.getByTestId('tab-training').click();
  await expect(page.locator('.continue-from')).toContainText(/Continue from run #\d+’s weights/);
});

test('an autosave that fails (storage full) is shown, not swallowed, and the warning goes once it works again', async ({ page }) => {
  await page.addInitScript(() => {
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key: string, value: string) {
      if (key === 'dendrite.autosave' && !(window as { storageBack?: boolean }).storageBack) {
        throw new DOMException('Setting the value exceeded the quota.', 'QuotaExceededError');
      }
      return setItem.call(this, key, value);
    };
  });
  await page.goto('/');
  const alpha = page.getByLabel('Learning rate α');
  await alpha.click();
  await page.keyboard.press('ControlOrMeta+A');
  await alpha.pressSequentially('0.5', { delay: 15 });
  await page.keyboard.press('Tab');
  const banner = page.getByTestId('project-message');
  await expect(banner).toContainText(
    "Autosave failed: the browser's storage for this site is full or unavailable (QuotaExceededError). Save the project to keep your changes.",
  );
  await page.evaluate(() => ((window as { storageBack?: boolean }).storageBack = true));
  await alpha.click();
  await page.keyboard.press('ControlOrMeta+A');
  await alpha.pressSequentially('0.25', { delay: 15 });
  await page.keyboard.press('Tab');
  await expect(banner).toHaveCount(0);
});
