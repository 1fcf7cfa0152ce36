/**
 * The real desktop app through Playwright's Electron driver: launch, train the
 * planar network in a utility process, and check the window's security settings
 * from inside. Needs the Electron binary, which Electron downloads from its own
 * servers (not the npm registry); where it is absent this test says so and skips.
 */
import { _electron as electron, expect, test } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const electronDir = resolve(__dirname, '../node_modules/electron');
const pathFile = join(electronDir, 'path.txt');
// Do not require('electron') here: without a binary it would try to download one.
const binary = existsSync(pathFile) ? join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim()) : null;
const available = binary !== null && existsSync(binary);

test.skip(
  !available,
  'The Electron binary is not installed (it is downloaded from outside the npm registry); run `npx install-electron` on a connected machine to run this test.',
);

test('the desktop app trains the planar network in a utility process', async () => {
  const app = await electron.launch({ executablePath: binary!, args: [resolve(__dirname, '..')] });
  try {
    const page = await app.firstWindow();
    // Loaded from the app's own scheme, never file:// (src/main/app-protocol.ts).
    expect(page.url()).toBe('app://dendrite/index.html');
    await expect(page.getByTestId('node-dense-1')).toContainText('W[1]: (4, 2)');
    // The renderer is isolated: no Node, and only the named preload API.
    expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    expect(await page.evaluate(() => Object.keys((window as unknown as { dendrite: object }).dendrite).sort())).toContain('startRun');
    await page.getByRole('button', { name: 'Train' }).click();
    const accuracy = page.getByTestId('train-accuracy');
    await expect(accuracy).toBeVisible({ timeout: 60_000 });
    expect(Number(await accuracy.getAttribute('data-value'))).toBeGreaterThanOrEqual(0.85);
    await expect(page.getByTestId('statusbar')).toContainText('Desktop host');

    // Export and re-import through the File menu, with main's dialogs answered by the test.
    const modelPath = test.info().outputPath('planar.model.json');
    await app.evaluate(({ dialog }, path) => {
      dialog.showSaveDialog = (async () => ({ canceled: false, filePath: path })) as typeof dialog.showSaveDialog;
      dialog.showOpenDialog = (async () => ({ canceled: false, filePaths: [path] })) as typeof dialog.showOpenDialog;
    }, modelPath);
    const clickMenu = (id: string) => app.evaluate(({ Menu }, itemId) => Menu.getApplicationMenu()?.getMenuItemById(itemId)?.click(), id);
    await clickMenu('file.exportModel');
    await expect.poll(() => existsSync(modelPath)).toBe(true);
    expect(JSON.parse(readFileSync(modelPath, 'utf8'))).toMatchObject({ format: 'dendrite.model', numClasses: 2 });
    await clickMenu('file.importModel');
    await expect(page.getByTestId('project-message')).toContainText('Imported planar.model.json');
    await expect(page.getByTestId('continue-from')).toBeChecked();
  } finally {
    await app.close();
  }
});
