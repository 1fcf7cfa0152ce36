/**
 * Issue 18, the first lesson as a student meets it on a fresh install: open it from the Learn
 * menu, follow its text, predict, train, and save results that `dendrite verify` accepts — and
 * refuses once tampered with. Every step by mouse, predictions typed key by key.
 */
import { expect, test } from '@playwright/test';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { watchForErrors } from './helpers';
import { check, expectMet, expectStep, next, openLesson, panel, predict, saveResults, trainAndMeet, verify } from './lessons-helpers';

const shot = (name: string) => `test-results/screenshots/lessons-${name}.png`;

test('lesson 1 from a fresh start to a results file dendrite verify accepts', async ({ page }) => {
  const errors = watchForErrors(page);
  await page.goto('/');
  // A fresh install points at the lessons (until the Learn menu has been opened once).
  await expect(page.getByTestId('learn-tip')).toBeVisible();
  await openLesson(page, 'course-01-logistic-regression');
  await expect(page.getByTestId('learn-tip')).toHaveCount(0);
  await expectStep(page, 'shapes');
  await expect(panel(page)).toContainText('Predict the shapes');
  // The shapes to predict are hidden on the canvas, and the palette is hidden for this step.
  await expect(page.locator('[data-testid="node-output-1"] .layer-node__shapes')).toBeHidden();
  await expect(page.locator('.palette')).toBeHidden();
  await page.screenshot({ path: shot('01-predict') });

  // A wrong prediction: marked, with the likely slip, and a hint appears.
  await predict(page, { 'output-1/W': '(2, 1)', 'output-1/b': '(1, 1)' });
  await expect(panel(page).getByTestId('lesson-outcome')).toHaveAttribute('data-met', 'false');
  await expect(page.getByTestId('predict-output-1/W')).toContainText('That is Wᵀ');
  await expect(page.getByTestId('lesson-hints')).toContainText('one row per unit of layer l');
  await expect(panel(page).getByTestId('lesson-next')).toBeDisabled();

  await predict(page, { 'output-1/W': '(1, 2)' });
  await expectMet(page);
  await expect(page.getByTestId('formula-output-1/W')).toHaveText('W[1]: (n[1], n[0]) = (1, 2)');
  await expect(page.locator('[data-testid="node-output-1"] .layer-node__shapes')).toBeVisible();
  await next(page);

  await expectStep(page, 'train');
  // This step locks the network: the canvas takes no clicks.
  await expect(page.locator('.canvas')).toHaveCSS('pointer-events', 'none');
  await trainAndMeet(page);
  await expect(panel(page).getByTestId('lesson-outcome')).toContainText('train accuracy < 70 %');
  await page.screenshot({ path: shot('01-trained') });
  await next(page);

  await expectStep(page, 'params');
  await predict(page, { 'output-1/params': '3' });
  await expectMet(page);
  await expect(page.getByTestId('formula-output-1/params')).toHaveText('n[1]·n[0] + n[1] = 1·2 + 1 = 3');
  await expect(panel(page).getByTestId('lesson-complete')).toBeVisible();
  await page.screenshot({ path: shot('01-complete') });

  const dir = mkdtempSync(join(tmpdir(), 'dendrite-lesson-'));
  const files = await saveResults(page, dir, 'course-01-logistic-regression');
  const verified = verify(files.results, files.project);
  expect(verified.stdout).toContain('✓ step 2 “Train it”: re-ran 1000 iterations on flower (m = 400, seed 2); metrics reproduced exactly');
  expect(verified.status, verified.stdout + verified.stderr).toBe(0);

  // The same file with a better accuracy written in is refused.
  const tampered = JSON.parse(readFileSync(files.results, 'utf8'));
  tampered.steps[1].evidence.metrics.trainAccuracy = 0.6;
  const tamperedPath = join(dir, 'tampered.results.json');
  writeFileSync(tamperedPath, JSON.stringify(tampered));
  const refused = verify(tamperedPath, files.project);
  expect(refused.status).toBe(1);
  expect(refused.stdout).toContain('✗ step 2 “Train it”: re-running the recorded training gives trainAccuracy');

  // The picker remembers the completed lesson after a reload (and only that one).
  await page.reload();
  await page.getByTestId('learn-menu').click();
  await page.getByRole('menuitem', { name: 'Lessons…' }).click();
  await expect(page.getByTestId('lesson-done-course-01-logistic-regression')).toContainText('✓ completed');
  await expect(page.locator('[data-testid^="lesson-done-"]')).toHaveCount(1);
  expect(errors).toEqual([]);
});

test('a lesson file opens from the Learn menu; a malformed one is refused with the reason', async ({ page }) => {
  await page.goto('/');
  const dir = mkdtempSync(join(tmpdir(), 'dendrite-lesson-file-'));
  const lesson = JSON.parse(readFileSync(join(__dirname, '..', 'resources', 'lessons', 'course-07-softmax.lesson.json'), 'utf8'));
  const broken = join(dir, 'broken.lesson.json');
  writeFileSync(broken, JSON.stringify({ ...lesson, steps: [{ ...lesson.steps[0], goal: { kind: 'telepathy' } }] }));
  const good = join(dir, 'mine.lesson.json');
  writeFileSync(good, JSON.stringify({ ...lesson, id: 'my-softmax', title: 'My softmax lesson' }));

  await page.getByTestId('learn-menu').click();
  await page.getByRole('menuitem', { name: 'Lessons…' }).click();
  let chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Open lesson file…' }).click();
  await (await chooser).setFiles(broken);
  await expect(page.getByTestId('lesson-picker').getByRole('alert')).toContainText('broken.lesson.json: The lesson is malformed: steps[0].goal.kind');
  await expect(page.getByTestId('lesson-panel')).toHaveCount(0);

  chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Open lesson file…' }).click();
  await (await chooser).setFiles(good);
  await expect(panel(page)).toContainText('My softmax lesson');
  await expectStep(page, 'units');
  // Its first step starts with the wrong number of output units: Check says why it is not met.
  await check(page);
  await expect(panel(page).getByTestId('lesson-outcome')).toContainText('The network does not compile yet');
  await expect(page.getByTestId('lesson-hints')).toContainText('press + next to Units n[l] once');
});

test('Save as lesson writes the project as a one-step lesson that opens again', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('Iterations').click();
  await page.getByLabel('Iterations').press('ControlOrMeta+a');
  await page.getByLabel('Iterations').pressSequentially('300');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByTestId('train-accuracy')).toBeVisible({ timeout: 60_000 });
  await page.getByTestId('learn-menu').click();
  const download = page.waitForEvent('download');
  await page.getByRole('menuitem', { name: 'Save as lesson…' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('planar.lesson.json');
  const dir = mkdtempSync(join(tmpdir(), 'dendrite-save-lesson-'));
  const path = join(dir, file.suggestedFilename());
  await file.saveAs(path);
  const lesson = JSON.parse(readFileSync(path, 'utf8'));
  expect(lesson).toMatchObject({ format: 'dendrite.lesson', version: 1, id: 'planar', steps: [{ id: 'task', goal: { kind: 'run' } }] });
  expect(lesson.steps[0].start.training.iterations).toBe(300);
  expect(lesson.steps[0].goal.conditions[0]).toMatchObject({ on: 'metric', metric: 'trainAccuracy', op: '>=' });

  // …and it opens as a lesson.
  await page.getByTestId('learn-menu').click();
  await page.getByRole('menuitem', { name: 'Lessons…' }).click();
  const chooser = page.waitForEvent('filechooser');
  page.once('dialog', (d) => void d.accept());
  await page.getByRole('button', { name: 'Open lesson file…' }).click();
  await (await chooser).setFiles(path);
  await expect(panel(page)).toContainText('Your task');
  await expect(page.getByTestId('node-dense-1')).toBeVisible();
});

test('quiz mode hides every shape until the student predicts it, then marks it with the formula', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('[data-testid="node-dense-1"] .layer-node__shapes')).toBeVisible();
  await page.getByTestId('learn-menu').click();
  await page.getByRole('menuitemcheckbox', { name: /Quiz mode/ }).click();
  await expect(page.getByTestId('quiz-card')).toBeVisible();
  await expect(page.locator('[data-testid="node-dense-1"] .layer-node__shapes')).toBeHidden();
  await expect(page.locator('.edge-shape').first()).toBeHidden();

  await page.getByTestId('node-dense-1').locator('.layer-node__title').click();
  await predict(page.getByTestId('quiz-card'), {
    'dense-1/W': '(4, 2)',
    'dense-1/b': '(4, 1)',
    'dense-1/Z': '(m, 4)',
    'dense-1/A': '(4, m)',
    'dense-1/params': '12',
  });
  const quiz = page.getByTestId('quiz-card');
  await expect(quiz.getByTestId('predict-dense-1/W')).toHaveClass(/right/);
  await expect(quiz.getByTestId('formula-dense-1/params')).toHaveText('n[1]·n[0] + n[1] = 4·2 + 4 = 12');
  await expect(quiz.getByTestId('predict-dense-1/Z')).toHaveClass(/wrong/);
  await expect(quiz.getByTestId('predict-dense-1/Z')).toContainText('Rows and columns are swapped');
  await page.screenshot({ path: shot('quiz') });

  await quiz.getByRole('button', { name: 'Leave quiz mode' }).click();
  await expect(page.locator('[data-testid="node-dense-1"] .layer-node__shapes')).toBeVisible();
});
