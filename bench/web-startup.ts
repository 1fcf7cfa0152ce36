/**
 * How fast the web build starts (issue 13, item 9): the JavaScript the page loads before the
 * first canvas node shows, and the time from navigation to that node.
 *
 *   npx vite build --config vite.web.config.ts
 *   npx tsx bench/web-startup.ts [--runs 9] [--port 5289] [--cpu-throttle 1]
 *
 * Starts `vite preview`, opens Debian's Chromium (playwright-core) with a fresh profile per run
 * (nothing cached), and per run records the encoded and decoded size of every script resource
 * fetched up to the first `.react-flow__node`, and the time of that node from navigationStart.
 * Prints the median and the range over the runs, and the JavaScript files of the last run.
 */
import { spawn } from 'node:child_process';
import { chromium } from 'playwright-core';

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && process.argv[at + 1] ? process.argv[at + 1] : fallback;
}

const runs = Number(option('runs', '9'));
const port = Number(option('port', '5289'));
const cpuThrottle = Number(option('cpu-throttle', '1'));

async function waitForServer(url: string, timeoutMs: number): Promise<void> {
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`vite preview did not start on ${url}`);
}

const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

interface Sample {
  firstNodeMs: number;
  scripts: { name: string; bytes: number; decoded: number }[];
}

async function main() {
  const server = spawn('npx', ['vite', 'preview', '--config', 'vite.web.config.ts', '--port', String(port), '--strictPort'], {
    stdio: 'ignore',
    detached: true,
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForServer(url, 60_000);
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const samples: Sample[] = [];
    for (let i = 0; i < runs; i++) {
      // A new context per run: an empty cache, as on a first visit.
      const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
      const page = await context.newPage();
      if (cpuThrottle > 1) {
        const cdp = await context.newCDPSession(page);
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuThrottle });
      }
      await page.goto(url, { waitUntil: 'commit' });
      await page.waitForSelector('.react-flow__node', { state: 'visible', timeout: 60_000 });
      // A string, not a function: tsx's keepNames helpers (__name) do not exist in the page.
      const sample = (await page.evaluate(`(() => {
        const firstNodeMs = performance.now();
        const scripts = performance.getEntriesByType('resource')
          .filter((e) => e.name.endsWith('.js') && e.responseEnd <= firstNodeMs)
          .map((e) => ({ name: e.name.split('/').pop(), bytes: e.encodedBodySize, decoded: e.decodedBodySize }));
        return { firstNodeMs, scripts };
      })()`)) as Sample;
      samples.push(sample);
      await context.close();
    }
    await browser.close();
    const totals = samples.map((s) => s.scripts.reduce((sum, f) => sum + f.decoded, 0));
    const times = samples.map((s) => s.firstNodeMs);
    console.log(
      JSON.stringify(
        {
          runs,
          cpuThrottle,
          initialJsMB: +(median(totals) / 1e6).toFixed(2),
          firstNodeMedianMs: Math.round(median(times)),
          firstNodeRangeMs: [Math.round(Math.min(...times)), Math.round(Math.max(...times))],
          scripts: samples.at(-1)!.scripts.map((f) => `${f.name} ${(f.decoded / 1e6).toFixed(2)} MB`),
        },
        null,
        2,
      ),
    );
  } finally {
    if (server.pid) process.kill(-server.pid);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
