/**
 * The web host as a student meets it: Chromium opens the built web host (served with its
 * cross-origin isolation headers), loads the LeNet-5 template on the bundled MNIST subset,
 * sets Adam, mini-batches of 64, α = 0.001 and 2,000 iterations, and trains. Prints one JSON
 * line: the seconds from Train to the final accuracy, and the backend line of the status bar.
 *
 *   npx tsx bench/web-lenet.ts        (part of npm run bench; CHROMIUM_PATH overrides /usr/bin/chromium)
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from '@playwright/test';

const root = resolve(__dirname, '..');
const ITERATIONS = 2000;

async function main(): Promise<void> {
  const out = mkdtempSync(join(tmpdir(), 'dendrite-web-bench-'));
  const build = spawnSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'vite.web.config.ts', '--logLevel', 'error'], {
    cwd: root,
    env: { ...process.env, DENDRITE_WEB_OUT: out },
    encoding: 'utf8',
  });
  if (build.status !== 0) throw new Error(`web build failed: ${build.stderr}`);
  const server = spawn(
    process.execPath,
    [join(root, 'node_modules/vite/bin/vite.js'), 'preview', '--config', 'vite.web.config.ts', '--port', process.env.DENDRITE_BENCH_PORT ?? '5291'],
    {
      cwd: root,
      env: { ...process.env, DENDRITE_WEB_OUT: out },
    },
  );
  const url = await new Promise<string>((resolveUrl, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(`vite preview did not start: ${text}`)), 30_000);
    server.stdout.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      // eslint-disable-next-line no-control-regex -- strips the ANSI colour codes (ESC [ … m) vite prints
      const found = /(http:\/\/127\.0\.0\.1:\d+)/.exec(text.replace(/\x1b\[[0-9;]*m/g, ''));
      if (found) {
        clearTimeout(timer);
        resolveUrl(found[1]);
      }
    });
  });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('dialog', (dialog) => void dialog.accept());
    await page.goto(url);
    await page.getByRole('button', { name: 'Templates ▾' }).click();
    await page.getByTestId('template-lenet5').click();
    await page.getByTestId('dataset-panel').and(page.locator('[data-status="ready"]')).waitFor({ timeout: 60_000 });
    await page.getByLabel('Batch').selectOption('64');
    await page.getByLabel('Optimizer').selectOption('adam');
    const lr = page.getByLabel('Learning rate α');
    await lr.fill('');
    await lr.pressSequentially('0.001');
    const iterations = page.getByLabel('Iterations');
    await iterations.fill('');
    await iterations.pressSequentially(String(ITERATIONS));
    await iterations.press('Tab');
    const started = performance.now();
    await page.getByRole('button', { name: 'Train' }).click();
    const accuracy = page.getByTestId('train-accuracy');
    await accuracy.waitFor({ state: 'visible', timeout: 15 * 60_000 });
    const seconds = (performance.now() - started) / 1000;
    const backend = (await page.getByTestId('backend').textContent())?.trim();
    console.log(
      JSON.stringify({
        workload: 'web-lenet',
        iterations: ITERATIONS,
        batch: 64,
        seconds: +seconds.toFixed(1),
        itPerSec: Math.round(ITERATIONS / seconds),
        trainAccuracy: Number(await accuracy.getAttribute('data-value')),
        backend,
        crossOriginIsolated: await page.evaluate(() => (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated),
        browser: `Chromium ${browser.version()}`,
      }),
    );
  } finally {
    await browser.close();
    server.kill();
    rmSync(out, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
