/**
 * The canvas as a student uses it: build LeNet-5 from the palette by mouse and read
 * the course's dimensions off the edges; break it, read the error and the hint on
 * the right node, fix it, undo and redo; load every template; save, reload, open.
 */
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { canvasSettled, dragTo, watchForErrors, wire, zoom } from './helpers';

const LENET = ['input-1', 'conv2d-1', 'pool-1', 'conv2d-2', 'pool-2', 'flatten-1', 'dense-1', 'dense-2', 'output-1'] as const;

async function setNumber(page: Page, nodeId: string, label: string, value: number) {
  await canvasSettled(page);
  await page.getByTestId(`node-${nodeId}`).click();
  const field = page.getByTestId('inspector').getByRole('textbox', { name: label, exact: true });
  await field.fill(String(value));
  await expect(field).toHaveAttribute('aria-invalid', 'false');
}

async function choose(page: Page, nodeId: string, option: string) {
  await canvasSettled(page);
  await page.getByTestId(`node-${nodeId}`).click();
  await page.getByTestId('inspector').getByRole('radio', { name: option, exact: true }).click();
}

test('build LeNet-5 by mouse and see its dimensions on every edge', async ({ page }) => {
  const errors = watchForErrors(page);
  await page.goto('/');
  await page.getByRole('button', { name: 'New' }).click();
  await page.getByLabel('Dataset').selectOption('none');

  // Zoom out with the canvas's own control until nine layers fit.
  while ((await zoom(page)) > 0.5) await page.getByRole('button', { name: 'Zoom Out' }).click();

  const canvas = (await page.getByTestId('canvas').boundingBox())!;
  const spots = LENET.map((_, i) => ({
    // Two rows, the second right to left, away from the canvas's edges (a wire dragged near an edge pans the view).
    x: canvas.x + canvas.width * (i < 5 ? 0.1 + i * 0.17 : 0.78 - (i - 5) * 0.2),
    y: canvas.y + canvas.height * (i < 5 ? 0.25 : 0.65),
  }));
  for (const [i, id] of LENET.entries()) {
    const kind = id.replace(/-\d+$/, '');
    await dragTo(page, page.getByTestId(`palette-${kind}`), spots[i]!);
    await expect(page.getByTestId(`node-${id}`)).toBeVisible();
  }
  for (let i = 1; i < LENET.length; i += 1) {
    await wire(page, page.getByTestId(`handle-out-${LENET[i - 1]}`), page.getByTestId(`handle-in-${LENET[i]}-in`));
  }
  await expect(page.locator('.react-flow__edge')).toHaveCount(LENET.length - 1);

  await choose(page, 'input-1', 'images'); // 28×28×1 by default
  await setNumber(page, 'conv2d-2', 'Filters n_C', 16);
  await choose(page, 'conv2d-2', 'valid (p = 0)');
  await setNumber(page, 'dense-1', 'Units n[l]', 120);
  await setNumber(page, 'dense-2', 'Units n[l]', 84);
  await setNumber(page, 'output-1', 'Units n[l]', 10);
  await choose(page, 'output-1', 'softmax');

  const expected: Record<string, string> = {
    'e-input-1-conv2d-1': '28×28×1',
    'e-conv2d-1-pool-1': '28×28×6',
    'e-pool-1-conv2d-2': '14×14×6',
    'e-conv2d-2-pool-2': '10×10×16',
    'e-pool-2-flatten-1': '5×5×16',
    'e-flatten-1-dense-1': '(400, m)',
    'e-dense-1-dense-2': '(120, m)',
    'e-dense-2-output-1': '(84, m)',
  };
  for (const [edge, shape] of Object.entries(expected)) await expect(page.getByTestId(`edge-shape-${edge}`)).toHaveText(shape);
  await expect(page.getByTestId('node-output-1')).toContainText('A[5]: (10, m)');
  await expect(page.getByTestId('node-conv2d-2')).toContainText('W[2]: 5 × 5 × 6 × 16');
  await expect(page.getByTestId('dims-total')).toHaveText('61,706');
  await expect(page.locator('.layer-node.has-error')).toHaveCount(0);
  await page.getByRole('button', { name: 'Auto-layout' }).click();
  await page.getByRole('button', { name: 'Fit View' }).click();
  await page.screenshot({ path: 'test-results/screenshots/canvas-lenet5.png' });

  // Break it: a 17×17 filter on a 14×14 input.
  await setNumber(page, 'conv2d-2', 'Filter size f', 17);
  const broken = page.getByTestId('node-conv2d-2');
  await expect(broken).toHaveClass(/has-error/);
  await expect(broken).toContainText('⌊(14 + 2·0 − 17)/1⌋ + 1 = -2');
  await expect(broken).toContainText("Use f ≤ 14, or padding 'same'.");
  await expect(page.locator('.layer-node.has-error')).toHaveCount(1);
  await expect(page.getByRole('button', { name: 'Train' })).toBeDisabled();
  await page.screenshot({ path: 'test-results/screenshots/canvas-lenet5-broken.png' });

  // Fix it, then undo (broken again) and redo (fixed again).
  await setNumber(page, 'conv2d-2', 'Filter size f', 5);
  await expect(page.locator('.layer-node.has-error')).toHaveCount(0);
  await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } }); // focus the canvas, not a field
  await page.keyboard.press('Control+z');
  await expect(broken).toHaveClass(/has-error/);
  await page.keyboard.press('Control+Shift+z');
  await expect(page.locator('.layer-node.has-error')).toHaveCount(0);
  await expect(page.getByTestId('edge-shape-e-conv2d-2-pool-2')).toHaveText('10×10×16');
  expect(errors).toEqual([]);
});

test('dense after a conv offers to insert the flatten, in one click', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('Dataset').selectOption('none');
  await page.getByTestId('template-lenet5').waitFor({ state: 'detached' });
  await page.getByRole('button', { name: 'Templates ▾' }).click();
  await page.getByTestId('template-lenet5').click();
  await expect(page.getByTestId('edge-shape-e-flatten-1-dense-1')).toHaveText('(400, m)');
  // Remove the flatten: dense-1 now reads 5×5×16 images.
  await page.getByTestId('node-flatten-1').click();
  await page.keyboard.press('Delete');
  await wire(page, page.getByTestId('handle-out-pool-2'), page.getByTestId('handle-in-dense-1-in'));
  const dense = page.getByTestId('node-dense-1');
  await expect(dense).toContainText('needs a feature vector');
  await dense.getByRole('button', { name: 'Insert flatten' }).click();
  await expect(page.locator('.layer-node.has-error')).toHaveCount(0);
  await expect(page.locator('.react-flow__node-flatten')).toHaveCount(1);
});

test('every template loads and compiles clean', async ({ page }) => {
  await page.goto('/');
  for (const id of ['logistic', 'planar', 'deep', 'mlp', 'lenet5', 'resnet-block']) {
    await page.getByLabel('Dataset').selectOption(id === 'logistic' || id === 'planar' ? 'flower' : 'none');
    await page.getByRole('button', { name: 'Templates ▾' }).click();
    await page.getByTestId(`template-${id}`).click();
    await expect(page.locator('.react-flow__node').first()).toBeVisible();
    await expect(page.locator('.layer-node.has-error')).toHaveCount(0);
    await expect(page.getByTestId('dims-total')).not.toHaveText('0');
  }
  // The last one loaded has a residual block: its add layer sees two equal shapes.
  await expect(page.getByTestId('node-add-1')).toContainText('A_a + A_b');
  await page.getByRole('button', { name: 'Fit View' }).click();
  await page.screenshot({ path: 'test-results/screenshots/canvas-residual.png' });
});

test('save, reload the page, open the project: the same graph', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Templates ▾' }).click();
  await page.getByTestId('template-lenet5').click();
  await page.getByLabel('Dataset').selectOption('none');
  await expect(page.getByTestId('project-title')).toContainText('•');
  const before = await page.locator('.react-flow__node').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-id')).sort());

  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  const download = await downloadPromise;
  const path = test.info().outputPath('saved.dendrite.json');
  await download.saveAs(path);
  expect(download.suggestedFilename()).toMatch(/\.dendrite\.json$/);
  expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({ format: 'dendrite.project', version: 1 });
  await expect(page.getByTestId('project-title')).not.toContainText('•');

  await page.reload();
  await expect(page.getByTestId('node-dense-1')).toContainText('4 units'); // back to the planar example
  const chooserPromise = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Open…' }).click();
  await (await chooserPromise).setFiles(path);
  await expect(page.getByTestId('node-conv2d-2')).toContainText('16 filters');
  const after = await page.locator('.react-flow__node').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-id')).sort());
  expect(after).toEqual(before);
  await expect(page.getByLabel('Dataset')).toHaveValue('none');
  await expect(page.getByTestId('edge-shape-e-flatten-1-dense-1')).toHaveText('(400, m)');
});

test('a malformed project is refused with a clear message and changes nothing', async ({ page }) => {
  await page.goto('/');
  const chooserPromise = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Open…' }).click();
  await (
    await chooserPromise
  ).setFiles({
    name: 'broken.dendrite.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify({ format: 'dendrite.project', version: 1, graph: { nodes: 'many' } })),
  });
  await expect(page.getByTestId('project-message')).toContainText('broken.dendrite.json: The project file is malformed: graph.nodes');
  await expect(page.getByTestId('node-dense-1')).toContainText('4 units · tanh');
});

test('unsaved work is offered back after the page is closed', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('node-dense-1').click();
  await page.getByTestId('inspector').getByRole('button', { name: 'Increase Units n[l]' }).click();
  await expect(page.getByTestId('node-dense-1')).toContainText('5 units');
  await page.waitForTimeout(2600); // the autosave waits 2 s after the last change
  page.on('dialog', (dialog) => void dialog.accept());
  await page.reload();
  await page.getByRole('button', { name: 'Restore it' }).click();
  await expect(page.getByTestId('node-dense-1')).toContainText('5 units');
});

test('both themes, looked at', async ({ page }) => {
  await page.goto('/');
  for (const theme of ['light', 'dark'] as const) {
    await page.getByLabel('Theme').selectOption(theme);
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    await page.getByTestId('node-dense-1').click();
    await page.screenshot({ path: `test-results/screenshots/theme-${theme}.png` });
  }
});
