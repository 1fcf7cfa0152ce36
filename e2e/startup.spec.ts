/**
 * Start-up loads only what the first screen needs (issue 13, item 9): elkjs, about half of the
 * renderer's JavaScript, is used by Auto-layout alone, so it arrives when a layout is first asked
 * for. (bench/web-startup.ts measures the sizes and the time to the first node.)
 */
import { expect, test, type Page } from '@playwright/test';
import { watchForErrors } from './helpers';

/** ELK's option ids appear in its code and nowhere else in ours. */
const ELK_MARKER = 'org.eclipse.elk.';

function recordScripts(page: Page): { url: string; body: Promise<string> }[] {
  const scripts: { url: string; body: Promise<string> }[] = [];
  page.on('response', (response) => {
    if (response.url().endsWith('.js')) scripts.push({ url: response.url(), body: response.text().catch(() => '') });
  });
  return scripts;
}

test('the first screen loads without elkjs; Auto-layout loads it and lays the graph out', async ({ page }) => {
  const errors = watchForErrors(page);
  const scripts = recordScripts(page);
  await page.goto('/');
  await expect(page.locator('.react-flow__node').first()).toBeVisible();
  const startup = await Promise.all(scripts.map(async (s) => ({ url: s.url, hasElk: (await s.body).includes(ELK_MARKER) })));
  expect(startup.length).toBeGreaterThan(0);
  expect(
    startup.filter((s) => s.hasElk).map((s) => s.url),
    'scripts loaded at start-up that contain elkjs',
  ).toEqual([]);

  // Move a node out of line, then Auto-layout: elkjs is fetched and puts it back in line.
  const dense = page.getByTestId('node-dense-1');
  const before = (await dense.boundingBox())!;
  await page.mouse.move(before.x + 40, before.y + 12);
  await page.mouse.down();
  await page.mouse.move(before.x + 40, before.y + 212, { steps: 8 });
  await page.mouse.up();
  const moved = (await dense.boundingBox())!;
  expect(moved.y).toBeGreaterThan(before.y + 100);
  const loaded = scripts.length;
  await page.getByRole('button', { name: 'Auto-layout' }).click();
  await expect.poll(async () => (await dense.boundingBox())!.y, { message: 'the layout moved the node back' }).toBeLessThan(moved.y - 100);
  const later = await Promise.all(scripts.slice(loaded).map(async (s) => (await s.body).includes(ELK_MARKER)));
  expect(later, 'elkjs arrived with Auto-layout').toContain(true);
  expect(errors).toEqual([]);
});
