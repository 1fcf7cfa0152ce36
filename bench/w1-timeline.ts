/**
 * Where W1's timed window goes (not part of `npm run bench`): trainModel on W1 with the
 * planned optimizer step timestamped, then the step-to-step gaps per 1,000 steps (total,
 * median, and the gaps over 50 µs — live views, GC, compilation or preemption), the events
 * sent, and the 12 longest gaps with the events that followed them.
 *
 *   npx tsx bench/w1-timeline.ts        (native backend, 1 thread)
 */
import type { Backend, Kernels } from '../engine/kernels/kernels';
import { loadNativeBackend } from '../engine/native/load';
import type { FromTrainer, RunRequest } from '../engine/protocol/messages';
import { trainModel } from '../engine/train/loop';
import { SPECS, w1Data } from './workloads';
const r = loadNativeBackend({ threads: 1 });
if ('error' in r) throw new Error(r.error);
const inner = r.backend.kernels;
const t = new Float64Array(20000);
let n = 0;
if (!inner.planOptimizer) throw new Error('this backend has no planOptimizer');
const plan = inner.planOptimizer.bind(inner);
const kernels: Kernels = {
  ...inner,
  planOptimizer: (...a) => {
    const program = plan(...a);
    return {
      step(learningRate, l2, step) {
        program.step(learningRate, l2, step);
        if (n < t.length) t[n++] = performance.now();
      },
    };
  },
};
const backend: Backend = { ...r.backend, kernels };
const data = w1Data();
const request: RunRequest = {
  runId: 'w1',
  spec: SPECS.w1(),
  data: { kind: 'inline', x: data.x, y: data.y, exampleShape: data.exampleShape, numClasses: data.numClasses },
  config: { iterations: 10000, batchSize: 'full', learningRate: 1.2, optimizer: { kind: 'gd' }, seed: 2 },
};
const events: [string, number][] = [];
// A bench script: an unhandled rejection ends the process with the error, which is what we want.
void (async () => {
  await trainModel(request, backend, {
    emit(m: FromTrainer) {
      events.push([m.type, n]);
    },
    checkpoint: async () => 'continue',
    now: () => performance.now(),
  });
  const gaps: number[] = [];
  for (let i = 1; i < n; i++) gaps.push(t[i] - t[i - 1]);
  for (let b = 0; b < 10; b++) {
    const g = gaps.slice(b * 1000, (b + 1) * 1000).filter((x) => x !== undefined);
    const s = [...g].sort((a, b) => a - b);
    const big = g.filter((x) => x > 0.05);
    console.log(
      `bucket ${b}: total ${g.reduce((a, x) => a + x, 0).toFixed(2)} ms, median ${(s[500] * 1000).toFixed(1)} µs, >50µs: ${big.length} steps sum ${big.reduce((a, x) => a + x, 0).toFixed(2)} ms`,
    );
  }
  const counts: Record<string, number> = {};
  for (const [ty] of events) counts[ty] = (counts[ty] ?? 0) + 1;
  console.log(JSON.stringify(counts), 'total ms', (t[n - 1] - t[0]).toFixed(1));
  const top = gaps
    .map((g, i) => [g, i])
    .sort((a, b) => b[0] - a[0])
    .slice(0, 12);
  console.log(
    top
      .map(
        ([g, i]) =>
          `${i}:${g.toFixed(2)}ms(${events
            .filter((e) => e[1] === i + 1)
            .map((e) => e[0])
            .join(',')})`,
      )
      .join(' '),
  );
})();
