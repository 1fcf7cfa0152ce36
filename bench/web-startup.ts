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
import { launchChromium, option, startPreview } from './web-preview';

const runs = Number(option('runs', '9'));
const port = Number(option('port', '5289'));
const cpuThrottle = Number(option('cpu-throttle', '1'));

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
  const { url, stop } = await startPreview(port);
  try {
    const browser = await launchChromium();
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
    stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
