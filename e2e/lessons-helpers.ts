/** Driving a lesson by mouse (and typing key by key), shared by the lesson tests. */
import { expect, type Download, type Locator, type Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { canvasSettled } from './helpers';

export async function openLesson(page: Page, id: string) {
  await page.getByTestId('learn-menu').click();
  await page.getByRole('menuitem', { name: 'Lessons…' }).click();
  await page.getByTestId(`lesson-${id}`).click();
  await expect(page.getByTestId('lesson-panel')).toBeVisible();
  await canvasSettled(page);
}

export const panel = (page: Page) => page.getByTestId('lesson-panel');

export async function expectStep(page: Page, stepId: string) {
  await expect(panel(page)).toHaveAttribute('data-step', stepId);
}

/** Types each prediction into its box, key by key, then presses Check (in the lesson panel, or in `scope`). */
export async function predict(scope: Page | Locator, answers: Record<string, string>) {
  for (const [key, typed] of Object.entries(answers)) {
    const box = scope.getByTestId(`predict-${key}`).locator('input');
    await box.click();
    await box.press('ControlOrMeta+a');
    await box.press('Backspace');
    await box.pressSequentially(typed);
  }
  if ('goto' in scope) await check(scope);
  else await scope.getByRole('button', { name: 'Check' }).click();
}

export async function check(page: Page) {
  await panel(page).getByTestId('lesson-check').click();
}

export async function expectMet(page: Page, timeout = 15_000) {
  await expect(panel(page).getByTestId('lesson-outcome')).toHaveAttribute('data-met', 'true', { timeout });
}

export async function next(page: Page) {
  await panel(page).getByTestId('lesson-next').click();
  await canvasSettled(page);
}

/** Train from the toolbar; a run goal is checked by itself when the run finishes. */
export async function trainAndMeet(page: Page, timeout = 90_000) {
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expectMet(page, timeout);
}

/** Clicks a layer on the canvas (opens it in the inspector). */
export async function selectLayer(page: Page, nodeId: string) {
  await page.getByTestId(`node-${nodeId}`).locator('.layer-node__title').click();
  await expect(page.getByTestId('inspector')).toBeVisible();
}

/** Completes the lesson: Save results gives the results file and the project, saved under `dir`. */
export async function saveResults(page: Page, dir: string, id: string) {
  const downloads: Download[] = [];
  const collect = (download: Download) => void downloads.push(download);
  page.on('download', collect);
  await panel(page).getByTestId('lesson-save-results').click();
  await expect.poll(() => downloads.length).toBe(2);
  page.off('download', collect);
  const saved: string[] = [];
  for (const download of downloads) {
    const path = join(dir, download.suggestedFilename());
    await download.saveAs(path);
    saved.push(path);
  }
  expect(downloads.map((d) => d.suggestedFilename())).toEqual([`${id}.results.json`, `${id}.dendrite.json`]);
  return { results: saved[0], project: saved[1] };
}

/** `dendrite verify` from the built CLI (npm run build makes out/cli). */
export function verify(results: string, project: string) {
  const run = spawnSync(process.execPath, [join(__dirname, '..', 'bin', 'dendrite.cjs'), 'verify', results, project], { encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}
