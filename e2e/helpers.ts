import { expect, type Locator, type Page } from '@playwright/test';

export async function centre(locator: Locator) {
  const box = await locator.boundingBox();
  if (!box) throw new Error('element has no box');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** A real mouse drag: press, move in steps (the first ones small, to start the drag), hover, release. */
export async function dragTo(page: Page, from: Locator, to: { x: number; y: number }) {
  const start = await centre(from);
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  const dx = to.x - start.x;
  const dy = to.y - start.y;
  const length = Math.max(1, Math.hypot(dx, dy));
  await page.mouse.move(start.x + (dx / length) * 15, start.y + (dy / length) * 15, { steps: 3 });
  await page.mouse.move(to.x, to.y, { steps: Math.max(12, Math.round(length / 25)) });
  await page.mouse.move(to.x + 1, to.y, { steps: 1 });
  await page.mouse.move(to.x, to.y, { steps: 1 });
  await page.mouse.up();
}

export async function wire(page: Page, sourceHandle: Locator, targetHandle: Locator) {
  await dragTo(page, sourceHandle, await centre(targetHandle));
}

export async function zoom(page: Page): Promise<number> {
  const transform = await page.locator('.react-flow__viewport').evaluate((el) => getComputedStyle(el).transform);
  const match = /matrix\(([^,]+)/.exec(transform);
  return match ? Number(match[1]) : 1;
}

/** Fails the test on any uncaught page error or console error. */
export function watchForErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  return errors;
}

/**
 * Fit View, Auto-layout and a loaded network move the view for a moment: wait until it stops, or
 * a click or drag started before would land beside its target.
 */
export async function canvasSettled(page: Page) {
  const viewport = page.locator('.react-flow__viewport');
  let last = '';
  await expect
    .poll(
      async () => {
        const now = await viewport.evaluate((el) => getComputedStyle(el).transform);
        const same = now === last;
        last = now;
        return same;
      },
      { intervals: [150] },
    )
    .toBe(true);
}
