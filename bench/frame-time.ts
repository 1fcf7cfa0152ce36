/**
 * Renderer frame time and chart update rate during a training run in the web host
 * (issue 6: p95 frame time ≤ 20 ms, chart updates ≥ 10 Hz).
 *
 *   npx vite build --config vite.web.config.ts
 *   npx tsx bench/frame-time.ts [--iterations 100000] [--tab run|evaluate|health] [--port 5288] [--cpu-throttle 4]
 *
 * Starts `vite preview`, opens Debian's Chromium (playwright-core), sets the iterations,
 * presses Train and, until the run finishes, records every requestAnimationFrame
 * interval and every change of the cost chart (its data-last-cost attribute) and of
 * the decision boundary. Full-batch gradient descent on the planar flower makes one
 * iteration one epoch, so a "200-epoch run" is --iterations 200.
 *
 * Earlier the same day, before the canvas (shared 2-core box, load average 2–6):
 *   --iterations 100000 --tab run:      frame p50 16.7 ms, p95 33–50 ms, chart 12.4 Hz
 *   --iterations 20000  --tab run:      frame p50 16.7 ms, p95 50 ms,    chart 11.1–11.5 Hz
 *   --iterations 20000  --tab evaluate: frame p50 16.7 ms, p95 16.8 ms,  boundary 4.2 Hz
 *   --iterations 200    --tab run:      finishes in 0.5 s (one chart update); p95 33 ms
 * The Recharts cost chart (≈30–50 ms per render under load) is what keeps the Run tab's
 * p95 above the 20 ms target; the canvas heatmap tab meets it.
 *
 * A/B, 19:55–19:57 UTC, load average 4.6–6.0 (three other engineers' builds and tests on
 * the 2 cores), --iterations 100000, "before" = the tree before this session's panel
 * work (fc5e242^), "after" = canvas while live for the cost and health charts; runs
 * alternated before/after so both saw the same load:
 *   tab     throttle  before p95 (ms) · chart Hz      after p95 (ms) · chart Hz
 *   run     1×        33.4, 50        · 12.8, 12.4    16.8, 16.8      · 13.1, 13.2
 *   run     4×        283, 133, 133   · 5.2, 7.7, 5.4 16.8, 33.4, 33.3 · 12.2, 11.2, 11.6
 *   health  1×        33.3, 16.8                      16.8, 16.8
 *   health  4×        133, 100                        16.8, 33.4
 * So on this box as it is (no throttle) the ≤ 20 ms p95 and ≥ 10 Hz targets hold on the
 * Run and Health tabs even at load 5; a 4× slower CPU under the same load still misses
 * them on some runs. What is left (profiled, 4×): deserialising the progress events'
 * cost arrays (up to 2000 {iteration, cost} objects each, ≈20/s — typed arrays would
 * be cheaper), and React commits of the small panels.
 * (--cpu-throttle N uses CDP Emulation.setCPUThrottlingRate; p50 is 16.7 ms throughout.)
 */
import { launchChromium, option, startPreview } from './web-preview';

const iterations = Number(option('iterations', '100000'));
const tab = option('tab', 'run');
const port = Number(option('port', '5288'));
/** Chromium's CPU throttling (CDP Emulation.setCPUThrottlingRate): 4 = a 4× slower CPU, a stand-in for a loaded or low-end machine. */
const cpuThrottle = Number(option('cpu-throttle', '1'));

const percentile = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};

async function main() {
  const { url, stop } = await startPreview(port);
  try {
    const browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(url);
    if (cpuThrottle > 1) {
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuThrottle });
    }
    await page.getByLabel('Iterations').fill(String(iterations));
    // A string, not a function: tsx's keepNames helpers (__name) do not exist in the page.
    await page.evaluate(`(() => {
      const w = window;
      w.__bench = { frames: [], chart: [], boundary: [], running: true };
      let last = performance.now();
      const frame = (t) => {
        w.__bench.frames.push(t - last);
        last = t;
        if (w.__bench.running) requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
      new MutationObserver((records) => {
        for (const r of records) {
          const el = r.target;
          if (r.attributeName === 'data-last-cost' && el.dataset.testid === 'cost-chart') w.__bench.chart.push(performance.now());
          if (r.attributeName === 'data-updates' && el.dataset.testid === 'boundary') w.__bench.boundary.push(performance.now());
        }
      }).observe(document.body, { attributes: true, subtree: true, attributeFilter: ['data-last-cost', 'data-updates'] });
    })()`);
    const t0 = Date.now();
    await page.getByRole('button', { name: 'Train' }).click();
    if (tab !== 'run') await page.getByTestId(`tab-${tab}`).click();
    await page.getByTestId('tab-run').waitFor();
    // The run is over when Train is enabled again (Stop replaces it while running).
    await page.waitForTimeout(300);
    await page.getByRole('button', { name: 'Train' }).waitFor({ timeout: 600_000 });
    const wall = (Date.now() - t0) / 1000;
    const data = (await page.evaluate('(() => { window.__bench.running = false; return window.__bench; })()')) as {
      frames: number[];
      chart: number[];
      boundary: number[];
    };
    const frames = data.frames.slice(1);
    const span = (ts: number[]) => (ts.length > 1 ? (ts[ts.length - 1] - ts[0]) / 1000 : NaN);
    const rate = (ts: number[]) => (ts.length > 1 ? (ts.length - 1) / span(ts) : 0);
    const result = {
      iterations,
      tab,
      cpuThrottle,
      wallSeconds: +wall.toFixed(2),
      frames: frames.length,
      frameP50ms: +percentile(frames, 50).toFixed(2),
      frameP95ms: +percentile(frames, 95).toFixed(2),
      frameMaxMs: +Math.max(...frames).toFixed(2),
      chartUpdates: data.chart.length,
      chartUpdateHz: +rate(data.chart).toFixed(1),
      boundaryUpdates: data.boundary.length,
      boundaryUpdateHz: +rate(data.boundary).toFixed(1),
    };
    console.log(JSON.stringify(result, null, 2));
    await browser.close();
  } finally {
    stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
