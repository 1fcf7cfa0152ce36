/**
 * Dendrite benchmark: `npm run bench [-- options]`. Every workload on every backend, side by
 * side in one run — Dendrite's native and wasm backends, the reference backend, and
 * TensorFlow.js on its wasm backend — then the LeNet-5 template in the web host in Chromium.
 * Prints the CPU first, one JSON line per run, one comparison line per workload (with the
 * targets), and a table.
 *
 *   --only gemm,w1,w2,w3,w4,web   workloads (gemm = gemm-512; gemm-all = the three GEMM shapes;
 *                                 sweep = the width/depth/batch/image-size sweep of bench/sweep.ts,
 *                                 or its cases by name: mlp-w4096, lenet-128, …; conv = LeNet's
 *                                 convolutions' share of the GEMM rate, native, bench/conv-shapes.ts);
 *                                 default gemm,w1,w2,w3,w4,sweep,conv,web
 *   --backends native,wasm,reference,tfjs   default all four
 *   --threads N                   threads of native and wasm (default 1; TF.js always runs 1)
 *   --no-scaling                  skip the 2-thread pass of W3/W4 (native, wasm)
 *   --compare pytorch             also bench/pytorch_bench.py (1 thread unless --threads)
 *   --repeat N                    every run N times, medians compared (default 1)
 *
 * Each run is its own child process (its peak RSS is its own). The reference backend and
 * TF.js run capped iteration counts where a full run would take minutes (the rate is per
 * iteration; their final cost is then not comparable — the line says `capped`). Performance
 * lives here, never in `npm test`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Backend } from '../engine/kernels/kernels';
import { createReferenceBackend } from '../engine/kernels/reference';
import { loadNativeBackend } from '../engine/native/load';
import { loadWasmBackend } from '../engine/node/wasm';
import { GEMM_SHAPES, runWorkload, w1Data, type WorkloadResult } from './workloads';
import { SWEEP, SWEEP_NAMES } from './sweep';
import { chooseOpenblasCore } from './openblas-core';
import { childJson } from './child-json';

const root = resolve(__dirname, '..');
const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(name);
const option = (name: string): string | undefined => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};

type Row = Record<string, unknown> | null;
const BACKENDS = ['native', 'wasm', 'reference', 'tfjs'] as const;
type BenchBackend = (typeof BACKENDS)[number];
const TRAINING = ['w1', 'w2', 'w3', 'w4'];
const ALL = [...Object.keys(GEMM_SHAPES), ...TRAINING, ...SWEEP_NAMES, 'conv', 'web'];
const DEFAULT = ['gemm-512', ...TRAINING, ...SWEEP_NAMES, 'conv', 'web'];

/** Iteration caps where a full run would take minutes. */
const CAPS: Partial<Record<BenchBackend, Record<string, number>>> = {
  reference: { w2: 10, w3: 20, w4: 20, ...Object.fromEntries(SWEEP_NAMES.map((n) => [n, 5])) },
  tfjs: { w1: 2000, w2: 60, w3: 150, w4: 60, ...Object.fromEntries(SWEEP_NAMES.map((n) => [n, 10])) },
};

/** Targets (1 thread vs 1 thread): native vs PyTorch; wasm vs TF.js wasm and vs native. */
const PYTORCH_TARGETS: Record<string, number> = {
  w1: 40,
  w2: 1.2,
  w3: 1.6,
  w4: 2.2,
  'gemm-512': 0.9,
  // The sweep: no cell below PyTorch; MLP 784-4096-4096-10 at least 1.1× (issue 19).
  ...Object.fromEntries(SWEEP_NAMES.map((n) => [n, 1])),
  'mlp-w4096': 1.1,
};
const WASM_VS_TFJS: Record<string, number> = { 'gemm-512': 1, w1: 5, w2: 5, w3: 5, w4: 5 };
const WASM_VS_NATIVE: Record<string, number> = { w1: 0.3, w2: 0.3, w3: 0.3, w4: 0.3 };
const WEB_LENET_SECONDS = 60;

function metricOf(r: Row): { key: string; value: number } | null {
  if (!r) return null;
  for (const key of ['itPerSec', 'samplesPerSec', 'gflops']) if (typeof r[key] === 'number') return { key, value: r[key] as number };
  return null;
}

/** The same rate per CPU second of the run's process (one-thread runs: what it would be on an idle machine). */
function cpuMetricOf(r: Row): number | null {
  if (!r) return null;
  for (const key of ['itPerCpuSec', 'samplesPerCpuSec', 'gflopsPerCpu']) if (typeof r[key] === 'number') return r[key] as number;
  return null;
}

function loadBackend(name: string, threads: number): { backend: Backend; isa?: string; fallback?: string } {
  const loaded = name === 'native' ? loadNativeBackend({ threads }) : name === 'wasm' ? loadWasmBackend({ threads }) : null;
  if (!loaded) return { backend: createReferenceBackend('float32') };
  if ('error' in loaded) return { backend: createReferenceBackend('float32'), fallback: loaded.error };
  return { backend: loaded.backend, isa: 'isa' in loaded.backend ? (loaded.backend as { isa: string }).isa : name === 'wasm' ? 'simd128' : undefined };
}

async function worker(): Promise<void> {
  const name = option('--worker')!;
  const threads = Number(option('--threads') ?? '1');
  const want = option('--backend') ?? 'native';
  const cap = option('--max-iterations') ? Number(option('--max-iterations')) : undefined;
  let result: WorkloadResult;
  let line: Record<string, unknown>;
  if (want === 'tfjs') {
    const { initTfjsWasm, runTfjsWorkload } = await import('./tfjs');
    const { simd } = await initTfjsWasm();
    result = await runTfjsWorkload(name, { maxIterations: cap });
    line = { ...result, backend: 'tfjs-wasm', isa: simd ? 'simd128' : 'scalar', threads: 1 };
  } else {
    const { backend, isa, fallback } = loadBackend(want, threads);
    // --ungoverned: every step on all threads (bench/threads.ts compares it with the governor).
    result = await runWorkload(name, flag('--ungoverned') ? { ...backend, setActiveThreads: undefined } : backend, { maxIterations: cap });
    line = { ...result, backend: backend.name, ...(isa ? { isa } : {}), ...(fallback ? { fallbackReason: fallback } : {}), threads: backend.threads };
  }
  if (cap) line.capped = cap;
  // Training workloads record their own peak (before the plan-API pass); others: the process peak.
  line.rssMB = typeof result.rssMB === 'number' ? result.rssMB : Math.round(process.resourceUsage().maxRSS / 1024);
  // The 1-minute load average when the run ended: a busy neighbour distorts timings.
  line.loadavg = +loadavg()[0].toFixed(2);
  console.log(JSON.stringify(line));
}

function runChild(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): Row {
  return childJson(cmd, args, { env });
}

function dendrite(name: string, backend: BenchBackend, threads: number): Row {
  const cap = CAPS[backend]?.[name];
  const args = [
    '--import',
    'tsx',
    join(root, 'bench/run.ts'),
    '--worker',
    name,
    '--threads',
    String(threads),
    '--backend',
    backend,
    ...(cap ? ['--max-iterations', String(cap)] : []),
  ];
  const r = runChild(process.execPath, args);
  if (r) console.log(JSON.stringify(r));
  return r;
}

function median(runs: Row[]): Row {
  const ok = runs.filter((r) => metricOf(r) !== null);
  if (ok.length === 0) return null;
  ok.sort((a, b) => metricOf(a)!.value - metricOf(b)!.value);
  return ok[Math.floor((ok.length - 1) / 2)];
}

/** The CPU, its vector extensions and what Node sees. */
function cpuLine(): Record<string, unknown> {
  const info = existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : '';
  const flags = new Set((/^flags\s*:(.*)$/m.exec(info)?.[1] ?? '').trim().split(/\s+/));
  const isa = [
    ['avx512f', 'avx512'],
    ['avx2', 'avx2'],
    ['fma', 'fma'],
    ['asimd', 'neon'],
  ]
    .filter(([f]) => flags.has(f))
    .map(([, n]) => n);
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: availableParallelism(),
    isa,
    arch: process.arch,
    node: process.version,
    loadavg: +loadavg()[0].toFixed(2),
  };
}

// --- PyTorch (optional comparison) -----------------------------------------------------------

function findPython(): string | null {
  for (const py of [process.env.DENDRITE_BENCH_PYTHON, '/usr/bin/python3', 'python3'].filter(Boolean) as string[]) {
    if (spawnSync(py, ['-c', 'import torch'], { encoding: 'utf8' }).status === 0) return py;
  }
  return null;
}

/** The BLAS PyTorch uses and the OpenBLAS core to run it with (chosen by bench/openblas-core.ts). */
function blasSetup(py: string): { env: Record<string, string>; line: Record<string, unknown> } {
  const probe = spawnSync(
    py,
    [
      '-c',
      `import ctypes, torch
torch.mm(torch.ones(64, 64), torch.ones(64, 64))
libs = sorted({l.split()[-1] for l in open('/proc/self/maps') if 'blas' in l.lower() and l.split()[-1].startswith('/')})
core = ''
for p in libs:
    try:
        f = ctypes.CDLL(p).openblas_get_corename
        f.restype = ctypes.c_char_p
        core = f().decode()
    except Exception:
        pass
print(';'.join(libs) + '|' + core)`,
    ],
    { encoding: 'utf8', env: { ...process.env, OPENBLAS_CORETYPE: '' } },
  );
  const [libs = '', detected = ''] = (probe.stdout ?? '').trim().split('|');
  const line: Record<string, unknown> = { blas: libs || 'unknown', openblasCore: detected || null };
  const flags = new Set((/^flags\s*:(.*)$/m.exec(existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : '')?.[1] ?? '').trim().split(/\s+/));
  const { force, why } = chooseOpenblasCore(detected, flags, process.env.OPENBLAS_CORETYPE);
  if (force) return { env: { OPENBLAS_CORETYPE: force }, line: { ...line, coretype: force, why } };
  return { env: {}, line: { ...line, ...(detected ? { coretype: detected } : {}), why } };
}

function pytorch(py: string, name: string, threads: number, dataDir: string, blasEnv: Record<string, string>): Row {
  const env: NodeJS.ProcessEnv = { ...process.env, ...blasEnv, OPENBLAS_NUM_THREADS: String(threads), OMP_NUM_THREADS: String(threads) };
  if (!blasEnv.OPENBLAS_CORETYPE) delete env.OPENBLAS_CORETYPE;
  const sweep = SWEEP[name] ? ['--sweep', JSON.stringify(SWEEP[name])] : [];
  const r = runChild(
    py,
    [
      join(root, 'bench/pytorch_bench.py'),
      '--workload',
      name,
      '--threads',
      String(threads),
      '--data',
      dataDir,
      '--fashion',
      process.env.DENDRITE_FASHION_DIR ?? '/usr/share/datasets/fashion-mnist',
      ...sweep,
    ],
    env,
  );
  if (r) console.log(JSON.stringify(r));
  return r;
}

// --- report ----------------------------------------------------------------------------------

const ratio = (a: Row, b: Row): number | null => {
  const x = metricOf(a);
  const y = metricOf(b);
  return x && y && y.value > 0 ? +(x.value / y.value).toFixed(2) : null;
};
const cpuRatio = (a: Row, b: Row): number | null => {
  const x = cpuMetricOf(a);
  const y = cpuMetricOf(b);
  return x !== null && y !== null && y > 0 ? +(x / y).toFixed(2) : null;
};

function fmt(r: Row): string {
  const m = metricOf(r);
  if (!m) return '—';
  const unit = m.key === 'gflops' ? ' GFLOP/s' : m.key === 'itPerSec' ? ' it/s' : ' samples/s';
  return `${m.value >= 100 ? Math.round(m.value).toLocaleString('en') : m.value}${unit}${r?.capped ? '*' : ''}`;
}

async function main(): Promise<void> {
  if (option('--worker')) return worker();
  const only = option('--only');
  const names = (only ? only.split(',') : DEFAULT).flatMap((n) =>
    n === 'gemm' ? ['gemm-512'] : n === 'gemm-all' ? Object.keys(GEMM_SHAPES) : n === 'sweep' ? SWEEP_NAMES : [n],
  );
  for (const n of names) if (!ALL.includes(n)) throw new Error(`unknown workload ${n} (expected ${ALL.join(', ')}, gemm, gemm-all)`);
  const backends = (option('--backends') ?? option('--backend') ?? BACKENDS.join(',')).split(',') as BenchBackend[];
  for (const b of backends) if (!BACKENDS.includes(b)) throw new Error(`unknown backend ${b} (expected ${BACKENDS.join(', ')})`);
  const threads = Number(option('--threads') ?? '1');
  const repeat = Math.max(1, Number(option('--repeat') ?? '1'));
  const compare = option('--compare');
  if (compare && compare !== 'pytorch') throw new Error(`--compare ${compare}: only 'pytorch' is supported`);

  console.log(JSON.stringify(cpuLine()));
  let py: string | null = null;
  let blasEnv: Record<string, string> = {};
  const dataDir = join(tmpdir(), 'dendrite-bench');
  if (compare) {
    py = findPython();
    if (!py) console.log(JSON.stringify({ error: 'no python3 with torch found (set DENDRITE_BENCH_PYTHON); skipping the PyTorch comparison' }));
    else {
      const blas = blasSetup(py);
      blasEnv = blas.env;
      console.log(JSON.stringify(blas.line));
    }
    mkdirSync(dataDir, { recursive: true });
    const w1 = w1Data();
    writeFileSync(join(dataDir, 'w1.json'), JSON.stringify({ x: Array.from(w1.x), y: Array.from(w1.y), m: w1.m }));
  }

  const table: string[][] = [];
  const results = new Map<string, Row>();
  for (const name of names.filter((n) => n !== 'web' && n !== 'conv')) {
    const rows: Partial<Record<BenchBackend | 'pytorch', Row>> = {};
    for (const b of backends) {
      const runs: Row[] = [];
      for (let i = 0; i < repeat; i++) runs.push(dendrite(name, b, b === 'tfjs' ? 1 : threads));
      rows[b] = median(runs);
      results.set(`${name}/${b}/${b === 'tfjs' ? 1 : threads}`, rows[b] ?? null);
    }
    if (py) {
      const runs: Row[] = [];
      for (let i = 0; i < repeat; i++) runs.push(pytorch(py, name, threads, dataDir, blasEnv));
      rows.pytorch = median(runs);
    }
    const line: Record<string, unknown> = {
      compare: name,
      threads,
      ...(repeat > 1 ? { of: `median of ${repeat}` } : {}),
      metric: metricOf(rows.native ?? rows.wasm ?? null)?.key,
    };
    for (const [b, r] of Object.entries(rows)) line[b] = metricOf(r)?.value ?? null;
    const wt = ratio(rows.wasm ?? null, rows.tfjs ?? null);
    const wn = ratio(rows.wasm ?? null, rows.native ?? null);
    const np = ratio(rows.native ?? null, rows.pytorch ?? null);
    if (wt !== null)
      Object.assign(line, {
        'wasm/tfjs': wt,
        ...(WASM_VS_TFJS[name] ? { 'wasm/tfjs target': WASM_VS_TFJS[name], 'wasm/tfjs met': wt >= WASM_VS_TFJS[name] } : {}),
      });
    if (wn !== null)
      Object.assign(line, {
        'wasm/native': wn,
        ...(WASM_VS_NATIVE[name] ? { 'wasm/native target': WASM_VS_NATIVE[name], 'wasm/native met': wn >= WASM_VS_NATIVE[name] } : {}),
      });
    // Per CPU second (one thread each): the same comparison without the neighbours' share of the machine.
    if (threads === 1) {
      const wtc = cpuRatio(rows.wasm ?? null, rows.tfjs ?? null);
      const wnc = cpuRatio(rows.wasm ?? null, rows.native ?? null);
      if (wtc !== null) line['wasm/tfjs per CPU s'] = wtc;
      if (wnc !== null) line['wasm/native per CPU s'] = wnc;
    }
    if (np !== null)
      Object.assign(line, {
        'native/pytorch': np,
        ...(threads === 1 && PYTORCH_TARGETS[name]
          ? { 'native/pytorch target': PYTORCH_TARGETS[name], 'native/pytorch met': np >= PYTORCH_TARGETS[name] }
          : {}),
      });
    if (np !== null && threads === 1) {
      const npc = cpuRatio(rows.native ?? null, rows.pytorch ?? null);
      if (npc !== null)
        Object.assign(line, { 'native/pytorch per CPU s': npc, ...(PYTORCH_TARGETS[name] ? { 'per CPU s met': npc >= PYTORCH_TARGETS[name] } : {}) });
    }
    console.log(JSON.stringify(line));
    const npCpu = threads === 1 ? cpuRatio(rows.native ?? null, rows.pytorch ?? null) : null;
    const pyCells = py ? [fmt(rows.pytorch ?? null), np === null ? '' : `${np}×${npCpu === null ? '' : ` · ${npCpu}×`}`] : [];
    table.push([name, ...backends.map((b) => fmt(rows[b] ?? null)), ...pyCells, wt === null ? '' : `${wt}×`, wn === null ? '' : `${wn}×`]);
  }

  // Two threads vs one (native, wasm) for W3/W4.
  if (!flag('--no-scaling') && threads === 1) {
    for (const name of ['w3', 'w4'].filter((n) => names.includes(n))) {
      for (const b of backends.filter((x) => x === 'native' || x === 'wasm')) {
        const two = dendrite(name, b, 2);
        const one = results.get(`${name}/${b}/1`) ?? null;
        const s = ratio(two, one);
        // stepsAtOneThread: the share of the 2-thread run's steps the thread governor ran on one (a busy machine).
        if (s !== null)
          console.log(
            JSON.stringify({
              scaling: name,
              backend: b,
              threads1: metricOf(one)!.value,
              threads2: metricOf(two)!.value,
              speedup: s,
              stepsAtOneThread: two?.stepsAtOneThread,
            }),
          );
      }
    }
  }

  let conv: Row = null;
  if (names.includes('conv') && backends.includes('native')) {
    conv = runChild(process.execPath, ['--import', 'tsx', join(root, 'bench/conv-shapes.ts'), 'lenet', 'auto']);
    if (conv) console.log(JSON.stringify(conv));
  }

  let web: Row = null;
  if (names.includes('web')) {
    web = runChild(process.execPath, ['--import', 'tsx', join(root, 'bench/web-lenet.ts')]);
    if (web) console.log(JSON.stringify({ ...web, target: `< ${WEB_LENET_SECONDS} s`, met: (web.seconds as number) < WEB_LENET_SECONDS }));
  }

  // The table, for people.
  const head = [
    'workload',
    ...backends.map((b) => (b === 'tfjs' ? 'tfjs-wasm' : b)),
    ...(py ? ['pytorch', 'native/pytorch (wall · CPU s)'] : []),
    'wasm/tfjs',
    'wasm/native',
  ];
  const widths = head.map((h, i) => Math.max(h.length, ...table.map((r) => r[i]?.length ?? 0)));
  const cpu = cpuLine();
  console.log(
    `\nCPU: ${cpu.cpu} (${cpu.cores} cores; ${(cpu.isa as string[]).join(', ')}), ${threads} thread${threads > 1 ? 's' : ''} per run, load ${cpu.loadavg}`,
  );
  for (const r of [head, ...table]) console.log(r.map((c, i) => c.padEnd(widths[i])).join('  '));
  if (table.some((r) => r.some((c) => c.endsWith('*')))) console.log('* capped run: rate over the first iterations only');
  if (conv) {
    const shares = Object.entries(conv.convShareOfGemm as Record<string, number>).map(([net, v]) => `${net} ${Math.round(100 * v)} %`);
    console.log(`convolutions' share of the GEMM rate (native ${conv.isa as string}, training step): ${shares.join(', ')} (target ≥ 65 %)`);
  }
  if (web)
    console.log(
      `web host, LeNet-5 template on MNIST, ${web.iterations} iterations in Chromium: ${web.seconds} s (${web.backend}; target < ${WEB_LENET_SECONDS} s)`,
    );
}

main().catch((e) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exit(1);
});
