/**
 * Small screens (issue 13, item 6), at 1280 × 720 and 1400 × 900: the whole palette shows, the
 * toolbar keeps one row, data, the layer inspector and the dimensions each have a place of their
 * own, no minimap covers the network unless asked for, and the view refits when the window shrinks.
 */
import { expect, test, type Page } from '@playwright/test';

async function expectOneRow(page: Page) {
  const toolbar = page.locator('header.toolbar');
  const height = (await toolbar.boundingBox())!.height;
  expect(height, 'toolbar height').toBeLessThan(50);
  // Items of one row share their middle (they are centred on it); a wrapped item sits a row lower.
  const middles = await toolbar
    .locator(':scope > *')
    .evaluateAll((items) =>
      items.filter((i) => (i as HTMLElement).offsetParent).map((i) => (i.getBoundingClientRect().top + i.getBoundingClientRect().bottom) / 2),
    );
  expect(Math.max(...middles) - Math.min(...middles), 'toolbar items on one row').toBeLessThan(6);
}

async function nodesInside(page: Page): Promise<string[]> {
  const canvas = (await page.getByTestId('canvas').boundingBox())!;
  const outside: string[] = [];
  for (const node of await page.locator('.react-flow__node').all()) {
    const box = (await node.boundingBox())!;
    if (box.x < canvas.x - 1 || box.y < canvas.y - 1 || box.x + box.width > canvas.x + canvas.width + 1 || box.y + box.height > canvas.y + canvas.height + 1) {
      outside.push((await node.getAttribute('data-id'))!);
    }
  }
  return outside;
}

test.describe('at 1280 × 720', () => {
  test.use({ viewport: { width: 1280, height: 720 } });

  test('every layer kind in the palette shows, Output included, without scrolling', async ({ page }) => {
    await page.goto('/');
    const palette = page.getByRole('navigation', { name: 'Layer palette' });
    const fits = await palette.evaluate((el) => el.scrollHeight <= el.clientHeight);
    expect(fits, 'the palette needs no scrolling').toBe(true);
    for (const item of await palette.getByRole('button').all()) await expect(item).toBeInViewport({ ratio: 1 });
    await expect(page.getByTestId('palette-output')).toBeInViewport({ ratio: 1 });
  });

  test('the toolbar keeps one row, before and after a run', async ({ page }) => {
    await page.goto('/');
    await expectOneRow(page);
    const iterations = page.getByLabel('Iterations');
    await iterations.fill('200');
    await page.getByRole('button', { name: 'Train' }).click();
    await expect(page.getByTestId('run-summary')).toHaveAttribute('data-status', 'finished', { timeout: 60_000 });
    await expectOneRow(page);
    await page.screenshot({ path: 'test-results/screenshots/layout-1280x720-run.png' });
  });

  test('data, the layer inspector and the dimensions each have their own place', async ({ page }) => {
    await page.goto('/');
    // Data: a tab of its own, open at start.
    await expect(page.getByTestId('dataset-panel')).toBeVisible();
    await expect(page.getByTestId('dataset-panel')).toBeInViewport();
    // Dimensions: under the canvas, not below the data in the side column.
    const dock = page.getByTestId('dimensions-dock');
    await expect(dock).toBeInViewport();
    expect(await dock.evaluate((el) => el.closest('.side') === null)).toBe(true);
    await dock.getByRole('button', { name: /Dimensions/ }).click();
    await expect(page.getByTestId('dims-total')).toBeInViewport();
    await expect(page.getByTestId('dataset-panel')).toBeVisible(); // both at once
    // The inspector: selecting a layer opens it in place of the data.
    await page.getByTestId('node-dense-1').click();
    await expect(page.getByTestId('inspector')).toBeInViewport();
    await expect(page.getByTestId('dataset-panel')).toHaveCount(0);
    await expect(page.getByTestId('dims-total')).toBeInViewport();
    await page.screenshot({ path: 'test-results/screenshots/layout-1280x720-inspector.png' });
  });

  test('no minimap covers the canvas; the Controls can show it', async ({ page }) => {
    await page.goto('/');
    await expect(page.locator('.react-flow__node')).toHaveCount(3);
    await expect(page.locator('.react-flow__minimap')).toHaveCount(0);
    await page.getByRole('button', { name: 'Show the minimap' }).click();
    await expect(page.locator('.react-flow__minimap')).toBeVisible();
    await page.getByRole('button', { name: 'Hide the minimap' }).click();
    await expect(page.locator('.react-flow__minimap')).toHaveCount(0);
  });
});

test('at 1400 × 900 the toolbar keeps one row and no minimap covers the network until asked for', async ({ page }) => {
  await page.goto('/');
  await expectOneRow(page);
  await page.getByRole('button', { name: 'Templates ▾' }).click();
  await page.getByTestId('template-lenet5').click();
  await expect(page.locator('.react-flow__node-output')).toBeVisible();
  await expect(page.locator('.react-flow__minimap')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/screenshots/layout-1400x900-lenet.png' });
  await page.getByRole('button', { name: 'Show the minimap' }).click();
  await expect(page.locator('.react-flow__minimap')).toBeVisible();
});

test('shrinking the window refits the network into the view', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Templates ▾' }).click();
  await page.getByTestId('template-resnet-block').click();
  await expect.poll(() => nodesInside(page)).toEqual([]);
  await page.setViewportSize({ width: 1280, height: 720 });
  await expect.poll(() => nodesInside(page), { timeout: 5000 }).toEqual([]);
  await page.setViewportSize({ width: 1100, height: 650 });
  await expect.poll(() => nodesInside(page), { timeout: 5000 }).toEqual([]);
});
