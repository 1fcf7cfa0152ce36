/** Export a trained model and import it back; a broken model file is refused with the path of the problem. */
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';

test('export the trained planar model, then import it onto an empty canvas', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Model ▾' }).click();
  await expect(page.getByRole('menuitem', { name: /Export model/ })).toBeDisabled();
  await page.getByRole('button', { name: 'Model ▾' }).click();
  await page.getByLabel('Iterations').fill('300');
  await page.getByRole('button', { name: 'Train' }).click();
  await expect(page.getByTestId('train-accuracy')).toBeVisible({ timeout: 60_000 });

  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Model ▾' }).click();
  await page.getByRole('menuitem', { name: /Export model/ }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(/\.model\.json$/);
  const path = test.info().outputPath('planar.model.json');
  await download.saveAs(path);
  const model = JSON.parse(readFileSync(path, 'utf8'));
  expect(model).toMatchObject({ format: 'dendrite.model', version: 1, numClasses: 2 });
  expect(model.parameters.map((p: { layer: string; name: string; shape: number[] }) => [p.layer, p.name, p.shape])).toEqual([
    ['dense-1', 'W', [4, 2]],
    ['dense-1', 'b', [4, 1]],
    ['output-1', 'W', [1, 4]],
    ['output-1', 'b', [1, 1]],
  ]);

  page.once('dialog', (dialog) => {
    expect(dialog.message()).toContain('Discard the unsaved changes');
    void dialog.accept();
  });
  await page.getByRole('button', { name: 'New' }).click();
  await expect(page.locator('.react-flow__node')).toHaveCount(0);
  const chooserPromise = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Model ▾' }).click();
  await page.getByRole('menuitem', { name: /Import model/ }).click();
  await (await chooserPromise).setFiles(path);
  await expect(page.getByTestId('project-message')).toContainText('Imported planar.model.json: 4 weight tensors');
  await expect(page.getByTestId('node-dense-1')).toContainText('W[1]: (4, 2)');
  await expect(page.getByTestId('edge-shape-e-dense-1-output-1')).toHaveText('(4, m)');
  await page.getByRole('button', { name: 'Model ▾' }).click();
  await expect(page.getByRole('menuitem', { name: /Export model/ })).toBeEnabled();
});

test('a model file with a bad layer is refused whole, naming the path', async ({ page }) => {
  await page.goto('/');
  const chooserPromise = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Model ▾' }).click();
  await page.getByRole('menuitem', { name: /Import model/ }).click();
  const broken = {
    format: 'dendrite.model',
    version: 1,
    spec: {
      format: 'dendrite.spec',
      version: 1,
      layers: [
        { id: 'x', kind: 'input', inputs: [], shape: [2] },
        { id: 'd', kind: 'dense', inputs: ['x'], units: 0 },
      ],
    },
    parameters: [],
    state: [],
    normalisation: { kind: 'none', shift: [], scale: [] },
    numClasses: 2,
    provenance: { createdAt: 'now', app: 'x', backend: 'reference', seed: 1, data: 'x' },
  };
  await (await chooserPromise).setFiles({ name: 'broken.model.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(broken)) });
  await expect(page.getByTestId('project-message')).toContainText('broken.model.json was not imported: spec.layers[1].units');
  await expect(page.getByTestId('node-dense-1')).toContainText('4 units · tanh'); // nothing changed
});
