/**
 * Model ▾ Export ONNX / PyTorch / NumPy in the web host: disabled until there are trained weights,
 * then each downloads a file built in the page (under its Content-Security-Policy); the ONNX file
 * predicts in ONNX Runtime what Dendrite's own predict gives for the exported model.
 */
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-web';
import { importModel } from '../engine/export/import';
import { predict } from '../engine/export/predict';
import { watchForErrors } from './helpers';

const FORMATS = [
  { item: /Export ONNX/, file: /\.onnx$/ },
  { item: /Export PyTorch/, file: /\.py$/ },
  { item: /Export NumPy \(course style\)/, file: /_numpy\.py$/ },
];

async function download(page: Page, item: RegExp, name: string): Promise<{ suggested: string; bytes: Buffer }> {
  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Model ▾' }).click();
  await page.getByRole('menuitem', { name: item }).click();
  const file = await downloadPromise;
  const path = test.info().outputPath(name);
  await file.saveAs(path);
  return { suggested: file.suggestedFilename(), bytes: readFileSync(path) };
}

test('export the trained planar network as ONNX, PyTorch and NumPy', async ({ page }) => {
  const errors = watchForErrors(page);
  await page.goto('/');
  await page.getByRole('button', { name: 'Model ▾' }).click();
  for (const { item } of FORMATS) await expect(page.getByRole('menuitem', { name: item })).toBeDisabled();
  await page.getByRole('button', { name: 'Model ▾' }).click();

  const iterations = page.getByLabel('Iterations');
  await iterations.click();
  await iterations.press('ControlOrMeta+a');
  await iterations.pressSequentially('300');
  await page.getByRole('button', { name: 'Train' }).click();
  await expect(page.getByTestId('train-accuracy')).toBeVisible({ timeout: 60_000 });

  const onnx = await download(page, FORMATS[0].item, 'planar.onnx');
  expect(onnx.suggested).toMatch(FORMATS[0].file);
  await expect(page.getByTestId('project-message')).toContainText(`Exported the trained model as ONNX: ${onnx.suggested}`);
  const pytorch = await download(page, FORMATS[1].item, 'planar.py');
  expect(pytorch.suggested).toMatch(FORMATS[1].file);
  expect(pytorch.bytes.toString('utf8')).toContain(`python3 ${pytorch.suggested} --predict examples.csv`);
  expect(pytorch.bytes.toString('utf8')).toContain('class Net(nn.Module):');
  const numpy = await download(page, FORMATS[2].item, 'planar_numpy.py');
  expect(numpy.suggested).toMatch(FORMATS[2].file);
  expect(numpy.bytes.toString('utf8')).toContain('def L_model_backward(AL, Y, caches, lambd=0.0):');

  // The ONNX file computes what Dendrite computes for the same weights (its JSON export).
  const json = await download(page, /Export model/, 'planar.model.json');
  const imported = importModel(json.bytes.toString('utf8'));
  if (!imported.ok) throw new Error(imported.error);
  const x = Float32Array.from({ length: 200 }, (_, i) => Math.sin(i * 1.3) * 4);
  const expected = predict(imported.model, x).map((p) => p.output[0]);
  const session = await ort.InferenceSession.create(new Uint8Array(onnx.bytes));
  const output = (await session.run({ input: new ort.Tensor('float32', x, [100, 2]) })).output.data as Float32Array;
  expect(Math.max(...expected.map((v, i) => Math.abs(v - output[i])))).toBeLessThan(1e-5);
  expect(errors).toEqual([]);
});
