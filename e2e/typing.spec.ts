/**
 * Every text and number field keeps focus and the whole value when typed one key at a time, as a
 * person types. Fields used to be re-keyed on their value, so the first valid key remounted the
 * box: "2500" iterations became 2, α "0.0075" became 0.007, and the rest of the typing was lost.
 *
 * Each field is cleared, typed key by key, checked to still hold focus and the whole text, then
 * left with Tab: on blur a field shows its committed value again, so a value cut short would show.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { watchForErrors } from './helpers';

async function typeLikeAPerson(page: Page, field: Locator, text: string, committed = text) {
  await field.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Backspace');
  await field.pressSequentially(text, { delay: 15 });
  await expect(field, 'still focused after the last key').toBeFocused();
  await expect(field).toHaveValue(text);
  await page.keyboard.press('Tab');
  await expect(field, 'the committed value shown after blur').toHaveValue(committed);
}

test('toolbar, data and panel fields keep focus and the whole value typed key by key', async ({ page }) => {
  const errors = watchForErrors(page);
  await page.goto('/');
  await expect(page.getByTestId('edge-shape-e-input-1-dense-1')).toHaveText('(2, m)');

  // Toolbar: the examples from the report.
  await typeLikeAPerson(page, page.getByLabel('Iterations'), '2500');
  await typeLikeAPerson(page, page.getByLabel('Learning rate α'), '1.5');
  await typeLikeAPerson(page, page.getByLabel('Learning rate α'), '0.0075');

  // The run's length in epochs instead.
  await page.getByLabel('Run length unit').selectOption('epochs');
  await typeLikeAPerson(page, page.getByLabel('Epochs', { exact: true }), '250');
  await page.getByLabel('Run length unit').selectOption('iterations');
  await expect(page.getByLabel('Iterations')).toHaveValue('2500');

  // The Training tab: λ, every schedule's constants, the patience and the seed.
  await page.getByTestId('tab-training').click();
  await typeLikeAPerson(page, page.getByLabel('L2 λ'), '0.75');
  await page.getByLabel('Schedule').selectOption('inverse');
  await typeLikeAPerson(page, page.getByLabel('Decay rate'), '0.25');
  await page.getByLabel('Schedule').selectOption('exponential');
  await typeLikeAPerson(page, page.getByLabel('Decay base'), '0.95');
  await page.getByLabel('Schedule').selectOption('sqrt');
  await typeLikeAPerson(page, page.getByLabel('Decay k'), '1.5');
  await page.getByLabel('Schedule').selectOption('staircase');
  await typeLikeAPerson(page, page.getByLabel('Decay factor'), '0.55');
  await typeLikeAPerson(page, page.getByLabel('Decay interval (epochs)'), '15');
  await page.getByLabel('Early stopping').check();
  await typeLikeAPerson(page, page.getByLabel('Patience (epochs)'), '25');
  await typeLikeAPerson(page, page.getByLabel('Training seed'), '31415');
  await page.getByTestId('tab-data').click();

  // The flower generator's size, noise and seed.
  await typeLikeAPerson(page, page.getByLabel('Examples m'), '1000');
  await typeLikeAPerson(page, page.getByLabel('Noise'), '0.35');
  await typeLikeAPerson(page, page.getByLabel('Data seed'), '1234');

  // Splits: train, dev, the split seed and the train-dev share.
  await page.getByLabel('Split train / dev / test').check();
  await typeLikeAPerson(page, page.getByLabel('Dev %'), '15');
  await typeLikeAPerson(page, page.getByLabel('Train %'), '25');
  await expect(page.getByTestId('prep')).toContainText('test 60 %');
  await typeLikeAPerson(page, page.getByLabel('Split seed'), '4242');
  await page.getByLabel('Train-dev split').check();
  await typeLikeAPerson(page, page.getByLabel('Train-dev % of train'), '12');

  // A value outside the range is shown as wrong and never applied; blur restores the last good one.
  const iterations = page.getByLabel('Iterations');
  await iterations.click();
  await page.keyboard.press('ControlOrMeta+A');
  await iterations.pressSequentially('0');
  await expect(iterations).toHaveAttribute('aria-invalid', 'true');
  await page.keyboard.press('Tab');
  await expect(iterations).toHaveValue('2500');

  // The inspector: a dense layer's units (a stepper whose box is typed into too).
  await page.getByTestId('node-dense-1').click();
  await typeLikeAPerson(page, page.getByRole('textbox', { name: 'Units n[l]' }), '128');
  await expect(page.getByTestId('node-dense-1')).toContainText('W[1]: (128, 2)');

  // An image dataset: the shift bound and the number of examples used.
  await page.getByLabel('Dataset').selectOption('mnist');
  await expect(page.getByTestId('dataset-panel')).toHaveAttribute('data-status', 'ready', { timeout: 60_000 });
  await typeLikeAPerson(page, page.getByLabel('Examples used'), '2000');
  await expect(page.getByTestId('dataset-panel')).toContainText('2,000 used');
  await typeLikeAPerson(page, page.getByLabel('Maximum shift'), '3');

  // The image-folder import's target size.
  await page.getByRole('button', { name: 'Import image folder…' }).click();
  await typeLikeAPerson(page, page.getByLabel('Image height'), '64');
  await typeLikeAPerson(page, page.getByLabel('Image width'), '48');

  expect(errors).toEqual([]);
});

test('the typed settings are the ones the run uses', async ({ page }) => {
  await page.goto('/');
  await typeLikeAPerson(page, page.getByLabel('Iterations'), '2500');
  await typeLikeAPerson(page, page.getByLabel('Learning rate α'), '0.75');
  await page.getByRole('button', { name: 'Train' }).click();
  await expect(page.getByTestId('run-summary')).toHaveAttribute('data-status', 'finished', { timeout: 90_000 });
  await expect(page.getByTestId('run-summary')).toContainText('2,500');

  // The panels' fields: the human-level error (Run tab) and the satisficing bound (Evaluate tab).
  await page.getByTestId('tab-run').click();
  await typeLikeAPerson(page, page.getByLabel('Human-level error %'), '2.5');
  await page.getByTestId('tab-evaluate').click();
  await page.getByLabel('Satisficing metric').selectOption('recall');
  await typeLikeAPerson(page, page.getByLabel('Satisficing bound %'), '92.5');
  // Error analysis: a category's name is text; it is kept until Enter adds it.
  await typeLikeAPerson(page, page.getByLabel('New category'), 'mislabelled');
});
