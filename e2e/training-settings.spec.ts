/**
 * Course 2's controls in the interface (issue 13, item 2): L2 λ, learning-rate decay with a
 * preview of α over the run, early stopping that keeps the best weights, epochs instead of
 * iterations, and the training seed with "New seed" — each typed key by key, used by the run,
 * named in the run's label, saved in the project and back after opening it.
 */
import { readFileSync } from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { watchForErrors } from './helpers';

async function typeLikeAPerson(page: Page, field: Locator, text: string) {
  await field.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Backspace');
  await field.pressSequentially(text, { delay: 15 });
  await expect(field).toBeFocused();
  await expect(field).toHaveValue(text);
  await page.keyboard.press('Tab');
  await expect(field).toHaveValue(text);
}

test('every course-2 control: typed, previewed, used by the run, in its label, saved and reopened', async ({ page }) => {
  const errors = watchForErrors(page);
  await page.goto('/');
  await typeLikeAPerson(page, page.getByLabel('Learning rate α'), '0.01');
  // Epochs instead of iterations.
  await page.getByLabel('Run length unit').selectOption('epochs');
  await typeLikeAPerson(page, page.getByLabel('Epochs', { exact: true }), '30');

  await page.getByTestId('tab-training').click();
  await page.getByLabel('Mini-batch size').selectOption('64');
  await expect(page.getByTestId('run-length')).toContainText('4 iterations per epoch, so this run is 120 iterations ≈ 30 epochs');
  await page.getByLabel('Optimizer').selectOption('adam');
  await typeLikeAPerson(page, page.getByLabel('L2 λ'), '0.7');

  // Decay: the course's 0.95^epoch, typed as 0.9; the preview is the engine's schedule over these 30 epochs.
  await page.getByLabel('Schedule').selectOption('exponential');
  await typeLikeAPerson(page, page.getByLabel('Decay base'), '0.9');
  const preview = page.getByTestId('decay-preview');
  await expect(preview).toHaveAttribute('data-epochs', '30');
  expect(Number(await preview.getAttribute('data-first'))).toBeCloseTo(0.01, 10);
  expect(Number(await preview.getAttribute('data-last'))).toBeCloseTo(0.01 * 0.9 ** 29, 10);
  await expect(preview).toContainText('α = 0.01 at epoch 0 → 0.000471 at epoch 29');

  await page.getByLabel('Early stopping').check();
  await typeLikeAPerson(page, page.getByLabel('Patience (epochs)'), '5');

  // The seed: typed, then a new one drawn.
  const seed = page.getByLabel('Training seed');
  await typeLikeAPerson(page, seed, '42');
  await page.getByRole('button', { name: 'New seed' }).click();
  await expect(seed).not.toHaveValue('42');
  const drawn = await seed.inputValue();
  expect(drawn).toMatch(/^\d+$/);

  await page.getByRole('button', { name: 'Train' }).click();
  await expect(page.getByTestId('run-summary')).toHaveAttribute('data-status', 'finished', { timeout: 90_000 });
  // 30 epochs of 4 iterations — unless early stopping (patience 5) ended it sooner, which depends on
  // the drawn seed: then the summary says so.
  const summary = (await page.getByTestId('run-summary').textContent()) ?? '';
  const [, iterations, epochs] = /Iterations(\d+) \((\d+) epochs?\)/.exec(summary) ?? [];
  expect(Number(iterations)).toBe(4 * Number(epochs));
  if (Number(epochs) !== 30) {
    expect(Number(epochs)).toBeLessThan(30);
    expect(summary).toContain('early stopping: the dev cost stopped improving');
  }
  await page.getByTestId('tab-runs').click();
  await expect(page.getByTestId('run-label-0')).toHaveText(`#1 adam α=0.01 batch 64 30 epochs λ=0.7 decay 0.9^epoch early stop 5 seed ${drawn} flower`);

  // Saved in the project …
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  const path = test.info().outputPath('course2.dendrite.json');
  await (await download).saveAs(path);
  const saved = JSON.parse(readFileSync(path, 'utf8'));
  expect(saved.training).toMatchObject({
    learningRate: 0.01,
    lengthUnit: 'epochs',
    epochs: 30,
    batchSize: 64,
    optimizer: 'adam',
    l2: 0.7,
    decay: { kind: 'exponential', base: 0.9 },
    earlyStopping: { patience: 5 },
    seed: Number(drawn),
  });
  expect(saved.runs[0].settings).toMatchObject({ epochs: 30, l2: 0.7, decay: 'decay 0.9^epoch', patience: 5, seed: Number(drawn) });

  // … and back after opening it in a fresh page.
  await page.reload();
  await expect(page.getByLabel('Iterations')).toHaveValue('10000');
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Open…' }).click();
  await (await chooser).setFiles(path);
  await expect(page.getByLabel('Epochs', { exact: true })).toHaveValue('30');
  await page.getByTestId('tab-training').click();
  await expect(page.getByLabel('Mini-batch size')).toHaveValue('64');
  await expect(page.getByLabel('Optimizer')).toHaveValue('adam');
  await expect(page.getByLabel('L2 λ')).toHaveValue('0.7');
  await expect(page.getByLabel('Schedule')).toHaveValue('exponential');
  await expect(page.getByLabel('Decay base')).toHaveValue('0.9');
  await expect(page.getByLabel('Early stopping')).toBeChecked();
  await expect(page.getByLabel('Patience (epochs)')).toHaveValue('5');
  await expect(page.getByLabel('Training seed')).toHaveValue(drawn);
  await page.getByTestId('tab-runs').click();
  await expect(page.getByTestId('run-label-0')).toContainText('λ=0.7 decay 0.9^epoch early stop 5');
  expect(errors).toEqual([]);
});

test('early stopping ends the run when the dev cost stops improving and keeps the best epoch’s weights', async ({ page }) => {
  await page.goto('/');
  await typeLikeAPerson(page, page.getByLabel('Learning rate α'), '0.05');
  await page.getByLabel('Run length unit').selectOption('epochs');
  await typeLikeAPerson(page, page.getByLabel('Epochs', { exact: true }), '2000');
  await page.getByTestId('tab-training').click();
  await page.getByLabel('Optimizer').selectOption('adam');
  await page.getByLabel('Early stopping').check();
  await typeLikeAPerson(page, page.getByLabel('Patience (epochs)'), '10');
  await page.getByRole('button', { name: 'Train' }).click();
  const summary = page.getByTestId('run-summary');
  await expect(summary).toHaveAttribute('data-status', 'finished', { timeout: 90_000 });
  await expect(page.getByTestId('finish-reason')).toContainText('early stopping: the dev cost stopped improving after epoch');
  const kept = Number(await page.getByTestId('best-epoch').getAttribute('data-epoch'));
  // Ten epochs without improvement after the best one, well before the 2,000 asked for.
  await expect(summary).toContainText(`(${(kept + 10).toLocaleString('en')} epochs)`);
  expect(kept).toBeLessThan(2000 - 10);
  await expect(page.getByTestId('best-epoch')).toContainText(
    `epoch ${kept.toLocaleString('en')} (lowest dev cost), not epoch ${(kept + 10).toLocaleString('en')}`,
  );
});

test('without a dev split, early stopping says it has nothing to watch', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('Split train / dev / test').uncheck();
  await page.getByTestId('tab-training').click();
  await page.getByLabel('Early stopping').check();
  await expect(page.getByTestId('early-stopping-needs-dev')).toContainText('turn on the train / dev / test split');
});
