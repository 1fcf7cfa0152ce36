/**
 * Error analysis as the course teaches it (issue 13, item 7): a confusion-matrix cell filters the
 * examples to its own; the student names categories of mistakes, tags examples with them and reads
 * the count per category; the tags are saved in the project and come back with it.
 */
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { watchForErrors } from './helpers';

async function train(page: Page) {
  await page.getByRole('button', { name: 'Train' }).click();
  await expect(page.getByTestId('run-summary')).toHaveAttribute('data-status', 'finished', { timeout: 90_000 });
  await page.getByTestId('tab-evaluate').click();
  await expect(page.getByTestId('prediction-grid')).toBeVisible();
}

const cards = (page: Page) => page.getByTestId('prediction-grid').locator('.example');

test('a confusion cell filters the examples; tags with named categories are counted, saved and reopened', async ({ page }) => {
  const errors = watchForErrors(page);
  await page.goto('/');
  const iterations = page.getByLabel('Iterations');
  await iterations.click();
  await page.keyboard.press('ControlOrMeta+A');
  await iterations.pressSequentially('300');
  await page.keyboard.press('Tab');
  await train(page);

  // Actual 0, predicted 1: the grid shows that cell's examples and nothing else.
  const cell = page.getByTestId('cm-0-1');
  const inCell = Number(await cell.textContent());
  expect(inCell).toBeGreaterThan(1);
  const all = await cards(page).count();
  await cell.click();
  await expect(page.getByTestId('cell-filter')).toHaveText('Actual 0, predicted 1');
  await expect(cards(page)).toHaveCount(inCell);
  for (const text of await cards(page).allTextContents()) expect(text).toContain('ŷ=1 ✗ y=0');
  await page.getByRole('button', { name: 'Show all' }).click();
  await expect(cards(page)).toHaveCount(all);
  // The keyboard reaches a cell too.
  await page.getByTestId('cm-1-0').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('cell-filter')).toHaveText('Actual 1, predicted 0');
  await page.getByTestId('cm-1-0').click();
  await expect(page.getByTestId('cell-filter')).toHaveCount(0);

  // Two categories, named by typing.
  const name = page.getByLabel('New category');
  for (const category of ['blurry', 'mislabelled']) {
    await name.click();
    await name.pressSequentially(category, { delay: 15 });
    await expect(name).toBeFocused();
    await expect(name).toHaveValue(category);
    await page.keyboard.press('Enter');
    await expect(name).toHaveValue('');
  }
  await page.getByLabel('New category').pressSequentially('Blurry');
  await expect(page.getByRole('button', { name: 'Add category' })).toBeDisabled();
  await page.getByLabel('New category').fill('');

  // The last category added is the one a click tags with; then switch to the first.
  const mistakes = cards(page).filter({ hasText: '✗' });
  const tagged = [
    await mistakes.nth(0).getAttribute('data-testid'),
    await mistakes.nth(1).getAttribute('data-testid'),
    await mistakes.nth(2).getAttribute('data-testid'),
  ];
  await page.getByTestId(tagged[0]!).click();
  await page.getByTestId(tagged[1]!).click();
  await page.getByLabel('Tag with blurry').check();
  await page.getByTestId(tagged[2]!).click();
  await expect(page.getByTestId(tagged[0]!)).toContainText('mislabelled');
  await expect(page.getByTestId(tagged[2]!)).toContainText('blurry');
  await expect(page.getByTestId('error-count-blurry').locator('.count')).toHaveText('1');
  await expect(page.getByTestId('error-count-mislabelled').locator('.count')).toHaveText('2');
  await expect(page.getByTestId('error-count-mislabelled')).toContainText('67 %');
  await expect(page.getByTestId('examined')).toContainText('3 of');
  // A second click untags.
  await page.getByTestId(tagged[2]!).click();
  await expect(page.getByTestId('error-count-blurry').locator('.count')).toHaveText('0');
  await page.getByTestId(tagged[2]!).click();

  // Saved in the project …
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  const path = test.info().outputPath('tags.dendrite.json');
  await (await download).saveAs(path);
  const saved = JSON.parse(readFileSync(path, 'utf8'));
  expect(saved.errorAnalysis.categories).toEqual(['blurry', 'mislabelled']);
  expect(saved.errorAnalysis.tags).toHaveLength(3);
  const rows = tagged.map((id) => Number(id!.replace('example-', '')));
  expect(saved.errorAnalysis.tags.map((t: { example: number }) => t.example).sort()).toEqual([...rows].sort());

  // … and back: the same run on the same split shows the same examples, tagged.
  await page.reload();
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Open…' }).click();
  await (await chooser).setFiles(path);
  await expect(page.getByLabel('Iterations')).toHaveValue('300');
  await train(page);
  await expect(page.getByTestId('error-count-blurry').locator('.count')).toHaveText('1');
  await expect(page.getByTestId('error-count-mislabelled').locator('.count')).toHaveText('2');
  await expect(page.getByTestId(tagged[0]!)).toContainText('mislabelled');
  await page.screenshot({ path: 'test-results/screenshots/error-analysis.png' });
  expect(errors).toEqual([]);
});
