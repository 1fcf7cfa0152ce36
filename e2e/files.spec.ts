/**
 * Files from outside the app's dialogs: dropping a project or a model on the window,
 * and continuing training from a model's weights.
 */
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';

/** Drags a file over the canvas and drops it, the way a file manager would. */
async function dropFile(page: Page, name: string, text: string) {
  const transfer = await page.evaluateHandle(
    ([fileName, content]) => {
      const data = new DataTransfer();
      data.items.add(new File([content], fileName, { type: 'application/json' }));
      return data;
    },
    [name, text] as const,
  );
  await page.dispatchEvent('[data-testid=canvas]', 'dragenter', { dataTransfer: transfer });
  await page.dispatchEvent('[data-testid=canvas]', 'dragover', { dataTransfer: transfer });
  await expect(page.getByTestId('drop-overlay')).toBeVisible();
  await page.dispatchEvent('[data-testid=canvas]', 'drop', { dataTransfer: transfer });
  await expect(page.getByTestId('drop-overlay')).toHaveCount(0);
}

async function trainAndWait(page: Page) {
  await page.getByRole('button', { name: 'Train' }).click();
  await expect(page.getByTestId('run-summary')).toHaveAttribute('data-status', 'finished', { timeout: 60_000 });
}

const firstCost = async (page: Page) => Number(await page.getByTestId('cost-chart').getAttribute('data-first-cost'));

test('drop an exported model on the window and continue training from its weights', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('Iterations').fill('300');
  await trainAndWait(page);
  const freshFirstCost = await firstCost(page);
  // Fresh weights know nothing yet: J starts near ln 2 ≈ 0.69 (chance for a sigmoid output).
  expect(freshFirstCost).toBeGreaterThan(0.5);
  const firstRunAccuracy = Number(await page.getByTestId('train-accuracy').getAttribute('data-value'));

  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Model ▾' }).click();
  await page.getByRole('menuitem', { name: /Export model/ }).click();
  const path = test.info().outputPath('planar.model.json');
  await (await downloadPromise).saveAs(path);

  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: 'New' }).click();
  await expect(page.locator('.react-flow__node')).toHaveCount(0);

  await dropFile(page, 'planar.model.json', readFileSync(path, 'utf8'));
  await expect(page.getByTestId('project-message')).toContainText('Imported planar.model.json: 4 weight tensors');
  await expect(page.getByTestId('node-dense-1')).toContainText('W[1]: (4, 2)');
  await expect(page.getByTestId('continue-from')).toBeChecked();
  await expect(page.locator('.continue-from')).toContainText('Continue from planar.model.json');
  await page.screenshot({ path: 'test-results/screenshots/continue-from.png' });

  await page.getByLabel('Dataset').selectOption('flower');
  // Evaluate: the imported weights on the same data give the first run's accuracy exactly, without a step.
  await page.getByTestId('tab-training').click();
  await page.getByRole('button', { name: 'Evaluate', exact: true }).click();
  await expect(page.getByTestId('run-summary')).toHaveAttribute('data-status', 'finished', { timeout: 60_000 });
  expect(Number(await page.getByTestId('train-accuracy').getAttribute('data-value'))).toBe(firstRunAccuracy);
  await expect(page.getByTestId('run-summary')).toContainText(/Iterations\s*0/);

  await trainAndWait(page);
  const continuedFirstCost = await firstCost(page);
  expect(continuedFirstCost).toBeLessThan(freshFirstCost * 0.9);
  expect(Number(await page.getByTestId('train-accuracy').getAttribute('data-value'))).toBeGreaterThanOrEqual(firstRunAccuracy - 0.02);
  // The finished run's weights are now the ones on offer, still ticked.
  await page.getByTestId('tab-training').click();
  await expect(page.locator('.continue-from')).toContainText(/Continue from run #\d+’s weights/);

  // Unticked, a run starts from the seed's fresh weights again: exactly the first run's first cost.
  await page.getByTestId('continue-from').uncheck();
  await trainAndWait(page);
  expect(await firstCost(page)).toBe(freshFirstCost);
});

test('drop a saved project to open it; a file that is not ours is refused', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Templates ▾' }).click();
  await page.getByTestId('template-lenet5').click();
  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  const path = test.info().outputPath('lenet.dendrite.json');
  await (await downloadPromise).saveAs(path);

  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: 'New' }).click();
  await expect(page.locator('.react-flow__node')).toHaveCount(0);

  await dropFile(page, 'lenet.dendrite.json', readFileSync(path, 'utf8'));
  await expect(page.getByTestId('node-conv2d-2')).toContainText('16 filters');
  await expect(page.getByTestId('project-title')).toContainText('lenet');
  await expect(page.getByTestId('project-title')).not.toContainText('•');

  await dropFile(page, 'notes.txt', 'hello');
  await expect(page.getByTestId('project-message')).toContainText('notes.txt is not a Dendrite file');
  await dropFile(page, 'package.json', '{"name":"x"}');
  await expect(page.getByTestId('project-message')).toContainText('package.json: This is not a Dendrite project');
  await expect(page.getByTestId('node-conv2d-2')).toContainText('16 filters');
});

test('the keyboard shortcuts list opens from the status bar and with Ctrl+/', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
  const dialog = page.getByTestId('shortcuts');
  await expect(dialog).toBeVisible();
  // The browser has no native menu: it lists only the keys the page handles.
  await expect(dialog).toContainText('Undo');
  await expect(dialog).toContainText('Ctrl+Z');
  await expect(dialog).not.toContainText('Export the trained model');
  await page.screenshot({ path: 'test-results/screenshots/shortcuts.png' });
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
  await page.getByTestId('canvas').click({ position: { x: 300, y: 300 } });
  await page.keyboard.press('Control+/');
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});
