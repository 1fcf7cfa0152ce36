/**
 * Two threads against one, idle and under contention: `npx tsx bench/threads.ts [options]`.
 *
 * W3 (MLP b128) and W4 (LeNet-5 b64) on the native backend (or wasm) at 1 thread, at 2 threads
 * with the training loop's thread governor (engine/train/thread-governor.ts), and at 2 threads
 * on every step (`--ungoverned`, what ran before the governor) — first on the machine as it is,
 * then with a busy-loop child process pinned to one core (`taskset`), the contention under
 * which two threads used to run W3 at 0.6× of one. The configurations are interleaved, each
 * run its own process (bench/run.ts --worker); the medians, their 2-vs-1 ratios and the median
 * of each round's own ratio (configurations back to back) are printed with the CPU model and
 * the load average, which say how idle "idle" was.
 *
 *   --only w3,w4          workloads (default both)
 *   --backend native      or wasm
 *   --repeat N            runs of each configuration (default 3; medians)
 *   --no-contention       only the machine as it is
 *
 * Performance lives here, never in `npm test`; tests/engine/thread-governor.test.ts holds the
 * governor's decisions to account with step times of its own.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { childJson } from './child-json';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '..');
const argv = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const workloads = (option('--only') ?? 'w3,w4').split(',');
const backend = option('--backend') ?? 'native';
const repeat = Math.max(1, Number(option('--repeat') ?? '3'));
const contention = !argv.includes('--no-contention');

const CONFIGS = [
  { key: '1', label: '1 thread', args: ['--threads', '1'] },
  { key: '2', label: '2 threads, governed', args: ['--threads', '2'] },
  { key: '2u', label: '2 threads, every step', args: ['--threads', '2', '--ungoverned'] },
] as const;
type ConfigKey = (typeof CONFIGS)[number]['key'];

interface Run {
  samplesPerSec: number;
  stepsAtOneThread?: number;
  loadavg: number;
}

const load = (): number => +loadavg()[0].toFixed(2);

function cpuModel(): string {
  const lscpu = spawnSync('lscpu', { encoding: 'utf8' });
  const line = /^Model name:\s*(.*)$/m.exec(lscpu.stdout ?? '')?.[1];
  return (line ?? cpus()[0]?.model ?? 'unknown').trim();
}

function run(workload: string, args: readonly string[]): Run | null {
  const argv = ['--import', 'tsx', join(root, 'bench/run.ts'), '--worker', workload, '--backend', backend, ...args];
  return childJson(process.execPath, argv, { timeoutMs: 10 * 60 * 1000, label: `${workload} ${args.join(' ')}` }) as Run | null;
}

/** A busy loop pinned to the last core: another tenant that never yields it. */
function startHog(): ChildProcess | null {
  if (spawnSync('taskset', ['-V'], { encoding: 'utf8' }).status !== 0) return null;
  const core = String(Math.max(0, cpus().length - 1));
  const hog = spawn('taskset', ['-c', core, process.execPath, '-e', 'for (;;) {}'], { stdio: 'ignore' });
  // taskset execs node, so this is the busy loop itself; never leave it running.
  process.on('exit', () => hog.kill('SIGKILL'));
  return hog;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s[Math.floor((s.length - 1) / 2)];
};

function measure(condition: string): void {
  for (const workload of workloads) {
    const runs: Record<ConfigKey, Run[]> = { '1': [], '2': [], '2u': [] };
    // Interleaved: a neighbour's burst falls on every configuration alike.
    for (let i = 0; i < repeat; i++) {
      for (const c of CONFIGS) {
        const r = run(workload, c.args);
        if (!r) continue;
        runs[c.key].push(r);
        console.log(
          JSON.stringify({ condition, workload, config: c.label, samplesPerSec: r.samplesPerSec, stepsAtOneThread: r.stepsAtOneThread, loadavg: r.loadavg }),
        );
      }
    }
    const rate = (k: ConfigKey) => median(runs[k].map((r) => r.samplesPerSec));
    const one = rate('1');
    // Each round's configurations ran back to back: their ratio within the round is the one a
    // neighbour that comes and goes between rounds distorts least.
    const perRound = (k: ConfigKey) => +median(runs[k].map((r, i) => r.samplesPerSec / (runs['1'][i]?.samplesPerSec ?? NaN))).toFixed(2);
    console.log(
      JSON.stringify({
        condition,
        workload,
        backend,
        repeat,
        '1 thread': one,
        '2 governed': rate('2'),
        '2 every step': rate('2u'),
        'governed / 1': +(rate('2') / one).toFixed(2),
        'every step / 1': +(rate('2u') / one).toFixed(2),
        'governed / 1 per round': perRound('2'),
        'every step / 1 per round': perRound('2u'),
        'governed steps at 1 thread': median(runs['2'].map((r) => r.stepsAtOneThread ?? NaN)),
        loadavg: load(),
      }),
    );
  }
}

function main(): void {
  console.log(JSON.stringify({ cpu: cpuModel(), cores: cpus().length, node: process.version, backend, loadavg: load() }));
  measure('idle');
  if (!contention) return;
  const hog = startHog();
  if (!hog) {
    console.log(JSON.stringify({ skipped: 'contention', why: 'taskset is not available' }));
    return;
  }
  try {
    measure(`busy loop pinned to core ${Math.max(0, cpus().length - 1)}`);
  } finally {
    hog.kill('SIGKILL');
  }
}

main();
