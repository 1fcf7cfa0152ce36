/**
 * Issue 18: every shipped lesson after the first (e2e/lessons.spec.ts) followed step by step by
 * mouse — steppers, choices, wires, the toolbar — with predictions typed key by key, until its
 * goals are met; then its results file and project go through `dendrite verify`, which re-runs
 * every recorded training in Node and must reproduce what Chromium measured, bit for bit.
 */
import { expect, test, type Page } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { watchForErrors, wire } from './helpers';
import { check, expectMet, expectStep, next, openLesson, predict, saveResults, selectLayer, trainAndMeet, verify } from './lessons-helpers';

const shot = (name: string) => `test-results/screenshots/lessons-${name}.png`;

async function finish(page: Page, id: string) {
  const files = await saveResults(page, mkdtempSync(join(tmpdir(), `dendrite-${id}-`)), id);
  const verified = verify(files.results, files.project);
  expect(verified.status, verified.stdout + verified.stderr).toBe(0);
  expect(verified.stdout).toContain('verified: every goal is met');
}

/** Types a number into a labelled field key by key. */
async function typeInto(page: Page, label: string, value: string) {
  const field = page.getByLabel(label, { exact: true });
  await field.click();
  await field.press('ControlOrMeta+a');
  await field.pressSequentially(value);
  await field.press('Tab');
}

test.beforeEach(async ({ page }) => {
  page.on('dialog', (dialog) => void dialog.accept());
  await page.goto('/');
});

test('lesson 2: the planar network, its shapes, and how many hidden units it needs', async ({ page }) => {
  const errors = watchForErrors(page);
  await openLesson(page, 'course-02-planar-hidden-layer');
  await predict(page, { 'dense-1/W': '(4, 2)', 'dense-1/b': '(4, 1)', 'dense-1/Z': '(4, m)', 'dense-1/params': '12' });
  await expectMet(page);
  await expect(page.getByTestId('formula-dense-1/Z')).toHaveText('Z[1]: (n[1], m) = (4, m)');
  await next(page);
  await expectStep(page, 'train');
  await trainAndMeet(page);
  await next(page);

  await expectStep(page, 'hidden-size');
  // One hidden unit is not enough: train, fail, read the hint, then add units with the stepper.
  await trainAndMeetOrFail(page, false);
  await expect(page.getByTestId('lesson-hints')).toContainText('try 3, 4 or 5');
  await selectLayer(page, 'dense-1');
  for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Increase Units n[l]' }).click();
  await expect(page.getByTestId('node-dense-1')).toContainText('4 units');
  await trainAndMeet(page);
  await page.screenshot({ path: shot('02-hidden-size') });
  await finish(page, 'course-02-planar-hidden-layer');
  expect(errors).toEqual([]);
});

/** Trains and waits for the automatic check; `met` says which verdict to expect. */
async function trainAndMeetOrFail(page: Page, met: boolean) {
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByTestId('lesson-outcome')).toHaveAttribute('data-met', String(met), { timeout: 90_000 });
}

test('lesson 3: zeros never break symmetry, He trains, and the gradients check', async ({ page }) => {
  await openLesson(page, 'course-03-initialisation');
  await trainAndMeet(page);
  await next(page);
  await expectStep(page, 'he');
  for (const id of ['dense-1', 'dense-2', 'dense-3']) {
    await selectLayer(page, id);
    await page.getByRole('radio', { name: /^He/ }).click();
    await expect(page.getByRole('radio', { name: /^He/ })).toHaveAttribute('aria-checked', 'true');
  }
  await trainAndMeet(page);
  await next(page);
  await expectStep(page, 'gradcheck');
  await check(page);
  await expectMet(page, 60_000);
  await expect(page.getByTestId('lesson-outcome')).toContainText('relative difference < 1e−5');
  await finish(page, 'course-03-initialisation');
});

test('lesson 4: a big network overfits 100 moons; dropout closes the gap', async ({ page }) => {
  await openLesson(page, 'course-04-regularisation');
  await trainAndMeet(page);
  await expect(page.getByTestId('lesson-outcome')).toContainText('dev error − train error ≥ 10 %');
  await next(page);
  await expectStep(page, 'dropout');
  for (const id of ['dropout-1', 'dropout-2']) {
    await selectLayer(page, id);
    await typeInto(page, 'keep_prob', '0.7');
    await expect(page.getByTestId(`node-${id}`)).toContainText('0.7');
  }
  await trainAndMeet(page);
  await page.screenshot({ path: shot('04-dropout') });
  await finish(page, 'course-04-regularisation');
});

test('lesson 5: gradient descent crawls, momentum barely helps, Adam gets there', async ({ page }) => {
  await openLesson(page, 'course-05-optimisers');
  // The optimizer (Training tab) is locked in the first step.
  await page.getByTestId('tab-training').click();
  await expect(page.locator('.training__row:has(#training-optimizer)')).toHaveCSS('pointer-events', 'none');
  await trainAndMeet(page);
  await next(page);
  await page.getByTestId('tab-training').click();
  const optimizer = page.getByLabel('Optimizer');
  await optimizer.selectOption('momentum');
  await trainAndMeet(page);
  await next(page);
  await page.getByTestId('tab-training').click();
  await optimizer.selectOption('adam');
  await trainAndMeet(page);
  await finish(page, 'course-05-optimisers');
});

test('lesson 6: wire batch norm in and a large learning rate trains', async ({ page }) => {
  await openLesson(page, 'course-06-batch-norm');
  await trainAndMeet(page);
  await next(page);
  await expectStep(page, 'insert');
  await expect(page.getByTestId('train-blocked')).toBeVisible();
  await wire(page, page.getByTestId('handle-out-dense-1'), page.getByTestId('handle-in-batchnorm-1-in'));
  await wire(page, page.getByTestId('handle-out-batchnorm-1'), page.getByTestId('handle-in-activation-1-in'));
  await expect(page.getByTestId('train-blocked')).toHaveCount(0);
  await page.screenshot({ path: shot('06-wired') });
  await trainAndMeet(page);
  await finish(page, 'course-06-batch-norm');
});

test('lesson 7: one softmax unit per class, its shapes, and training', async ({ page }) => {
  await openLesson(page, 'course-07-softmax');
  await selectLayer(page, 'output-1');
  await page.getByRole('button', { name: 'Increase Units n[l]' }).click();
  await check(page);
  await expectMet(page);
  await next(page);
  await predict(page, { 'output-1/W': '(3, 8)', 'output-1/A': '(3, m)' });
  await expectMet(page);
  await next(page);
  await trainAndMeet(page);
  await finish(page, 'course-07-softmax');
});

test('lesson 8: conv and pool shapes on MNIST, then f and s for a 7×7 output', async ({ page }) => {
  await openLesson(page, 'course-08-conv-shapes');
  await predict(page, { 'conv2d-1/W': '(5, 5, 1, 6)', 'conv2d-1/A': '(m, 24, 24, 6)', 'conv2d-1/params': '156' });
  await expectMet(page);
  await expect(page.getByTestId('formula-conv2d-1/A')).toContainText('⌊(28 + 2·0 − 5)/1⌋ + 1 = 24');
  await next(page);
  await selectLayer(page, 'conv2d-1');
  await page.getByRole('radio', { name: 'same' }).click();
  await check(page);
  await expectMet(page);
  await next(page);
  await predict(page, { 'pool-1/A': '(m, 14, 14, 6)', 'pool-1/params': '0' });
  await expectMet(page);
  await next(page);
  await selectLayer(page, 'conv2d-2');
  for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Decrease Filter size f' }).click();
  await page.getByRole('button', { name: 'Increase Stride s' }).click();
  await check(page);
  await expectMet(page);
  await page.screenshot({ path: shot('08-conv') });
  await finish(page, 'course-08-conv-shapes');
});

test('lesson 9: wire a residual connection, predict its shapes, train it', async ({ page }) => {
  await openLesson(page, 'course-09-residual-block');
  await wire(page, page.getByTestId('handle-out-dense-1'), page.getByTestId('handle-in-add-1-a'));
  await check(page);
  await expectMet(page);
  await next(page);
  await predict(page, { 'add-1/A': '(16, m)', 'add-1/params': '0' });
  await expectMet(page);
  await next(page);
  await trainAndMeet(page);
  await page.screenshot({ path: shot('09-residual') });
  await finish(page, 'course-09-residual-block');
});
