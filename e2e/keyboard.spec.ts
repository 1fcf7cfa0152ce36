/**
 * Keyboard and menus (issue 13, item 10): Escape closes every menu (and so does a click elsewhere),
 * a wire from a layer to itself is refused with a message as a cycle is, and wires can be made
 * without a mouse — select two layers, press W.
 */
import { expect, test } from '@playwright/test';
import { dragTo } from './helpers';

test('Escape closes the Templates and Model menus and gives the focus back; a click elsewhere closes them too', async ({ page }) => {
  await page.goto('/');
  for (const name of ['Templates ▾', 'Model ▾']) {
    const button = page.getByRole('button', { name });
    await button.click();
    await expect(page.getByRole('menu')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('menu')).toHaveCount(0);
    await expect(button).toBeFocused();
    await expect(button).toHaveAttribute('aria-expanded', 'false');

    await button.click();
    await expect(page.getByRole('menu')).toBeVisible();
    await page.getByTestId('canvas').click({ position: { x: 40, y: 40 } });
    await expect(page.getByRole('menu')).toHaveCount(0);
  }
  // The shortcuts dialog (a native dialog) closes on Escape as well.
  await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
  await expect(page.getByTestId('shortcuts')).toBeVisible();
  await expect(page.getByTestId('shortcuts')).toContainText('Wire the two selected layers');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('shortcuts')).toBeHidden();
});

test('a wire from a layer to itself is refused with a message, let go on its handle or on its body', async ({ page }) => {
  await page.goto('/');
  const edges = page.locator('.react-flow__edge');
  await expect(edges).toHaveCount(2);
  const refusal = page.locator('.canvas__refusal');
  const handle = (await page.getByTestId('handle-in-dense-1-in').boundingBox())!;
  await dragTo(page, page.getByTestId('handle-out-dense-1'), { x: handle.x + handle.width / 2, y: handle.y + handle.height / 2 });
  await expect(refusal).toHaveText('A layer cannot feed itself.');
  await expect(refusal).toHaveCount(0, { timeout: 5000 });
  // Let go over the middle of the layer itself, where a student aims.
  const body = (await page.getByTestId('node-dense-1').boundingBox())!;
  await dragTo(page, page.getByTestId('handle-out-dense-1'), { x: body.x + body.width / 2, y: body.y + body.height / 2 });
  await expect(refusal).toHaveText('A layer cannot feed itself.');
  await expect(edges).toHaveCount(2);
  await expect(page.getByTestId('edge-shape-e-input-1-dense-1')).toHaveText('(2, m)');
});

test('a wire let go on another layer’s body goes into its free input', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('edge-shape-e-dense-1-output-1').waitFor();
  await page.locator('.react-flow__edge').nth(1).click({ force: true });
  await page.keyboard.press('Delete');
  await expect(page.locator('.react-flow__edge')).toHaveCount(1);
  const body = (await page.getByTestId('node-output-1').boundingBox())!;
  await dragTo(page, page.getByTestId('handle-out-dense-1'), { x: body.x + body.width / 2, y: body.y + body.height / 2 });
  await expect(page.getByTestId('edge-shape-e-dense-1-output-1')).toHaveText('(4, m)');
});

test('wires without a mouse: select two layers, press W', async ({ page }) => {
  await page.goto('/');
  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: 'New' }).click();
  await expect(page.locator('.react-flow__node')).toHaveCount(0);
  // Layers added from the palette with the keyboard.
  await page.getByTestId('palette-input').focus();
  await page.keyboard.press('Enter');
  await page.getByTestId('palette-dense').focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('.react-flow__node')).toHaveCount(2);
  // Both are in the middle of the view; move the dense layer right with the arrow keys (it is selected).
  await page.locator('.react-flow__node-dense').focus();
  for (let i = 0; i < 25; i++) await page.keyboard.press('Shift+ArrowRight');

  // W with one layer selected says what to do.
  await page.locator('.react-flow__node-input').focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('w');
  await expect(page.locator('.canvas__refusal')).toContainText('Select two layers to wire');

  // Tab to the dense layer and add it to the selection, then W.
  await page.keyboard.press('Tab');
  await expect(page.locator('.react-flow__node-dense')).toBeFocused();
  await page.keyboard.press('ControlOrMeta+Enter');
  await expect(page.locator('.react-flow__node.selected')).toHaveCount(2);
  await page.keyboard.press('w');
  await expect(page.getByTestId('edge-shape-e-input-1-dense-1')).toHaveText('(2, m)');
  await expect(page.locator('.react-flow__edge')).toHaveCount(1);

  // The same key refuses what a drawn wire would refuse: the dense layer into the input.
  await page.keyboard.press('w');
  await expect(page.locator('.canvas__refusal')).toHaveText('Those two layers are already wired.');
  await page.keyboard.press('ControlOrMeta+z');
  await expect(page.locator('.react-flow__edge')).toHaveCount(0);
});
