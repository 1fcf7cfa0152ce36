/**
 * Convolution's share of the GEMM rate (issue 19: ≥ 65 %): forward, data gradient and filter
 * gradient in GFLOP/s (2·m·n_H·n_W·f²·n_C_prev·n_C each) on LeNet-5's layers at 28 and 64 px, a
 * 64×64×16 → 32 3×3 layer and a narrow one (few output channels, many taps), and their training step's mix (a first layer has no data gradient), beside GEMM 512³ measured in the same process — per
 * the algorithm each conv picks ('auto') and with im2col + GEMM forced, so the choice is checked
 * per shape. Rates are per CPU second of this process (medians of 7), one thread.
 *
 *   npx tsx bench/conv-shapes.ts [filter] [algorithms, default auto,im2col; band = direct without pixelwise]
 */
import { cpus, loadavg } from 'node:os';
import type { Backend, Conv2dDims } from '../engine/kernels/kernels';
import { loadNativeBackend, setNativeConvAlgorithm } from '../engine/native/load';
import { allocate } from '../engine/tensor/buffers';
import { createRng } from '../engine/tensor/rng';
import { gflopsPerCpuSecond } from './cpu-rate';

/**
 * A "same" or "valid" convolution of stride 1 on m images of h×w×cIn. `first`: the network's
 * first layer, whose training step has no data gradient (nothing flows into the input).
 */
const conv = (m: number, h: number, w: number, cIn: number, f: number, cOut: number, same: boolean, first = false) => {
  const pad = same ? (f - 1) >> 1 : 0;
  const hOut = same ? h : h - f + 1;
  const wOut = same ? w : w - f + 1;
  const d: Conv2dDims = { m, hIn: h, wIn: w, cIn, f, s: 1, padTop: pad, padLeft: pad, hOut, wOut, cOut };
  return { d, first };
};

export const CONV_SHAPES: Record<string, { d: Conv2dDims; first: boolean }> = {
  'lenet c1 b64 28×28×1→6 f5 same': conv(64, 28, 28, 1, 5, 6, true, true),
  'lenet c2 b64 14×14×6→16 f5 valid': conv(64, 14, 14, 6, 5, 16, false),
  'lenet-64 c1 b64 64×64×1→6 f5 same': conv(64, 64, 64, 1, 5, 6, true, true),
  'lenet-64 c2 b64 32×32×6→16 f5 valid': conv(64, 32, 32, 6, 5, 16, false),
  '64×64 b16 64×64×16→32 f3 same': conv(16, 64, 64, 16, 3, 32, true),
  'narrow b16 32×32×16→6 f3 same': conv(16, 32, 32, 16, 3, 6, true),
};

const rate = gflopsPerCpuSecond;

function filled(backend: Backend, n: number, rng: ReturnType<typeof createRng>) {
  const a = allocate(backend, n);
  for (let i = 0; i < n; i++) a[i] = rng.uniform() - 0.5;
  return a;
}

function main(): void {
  const filter = process.argv[2] ?? '';
  const modes = (process.argv[3] ?? 'auto,im2col').split(',') as ('auto' | 'im2col' | 'band')[];
  const loaded = loadNativeBackend({ threads: 1 });
  if ('error' in loaded) throw new Error(loaded.error);
  const backend = loaded.backend;
  const k = backend.kernels;
  const rng = createRng(3);
  const N = 512;
  const A = filled(backend, N * N, rng),
    B = filled(backend, N * N, rng),
    C = allocate(backend, N * N);
  const gemm = rate(2 * N * N * N, () => k.gemm(false, false, N, N, N, 1, A, B, 0, C));
  console.log(
    `${cpus()[0]?.model ?? '?'}, native ${'isa' in backend ? (backend as { isa: string }).isa : '?'}, 1 thread, load ${loadavg()[0].toFixed(2)}; GEMM 512³ ${gemm.toFixed(1)} GFLOP/s per CPU s`,
  );
  const rows: string[][] = [['shape', 'algorithm', 'forward', 'data grad', 'filter grad', 'training step', 'share of GEMM']];
  /** Per network (the name's first word) and algorithm: flops and seconds of its convolutions' training step. */
  const nets = new Map<string, { flops: number; seconds: number }>();
  for (const [name, { d, first }] of Object.entries(CONV_SHAPES).filter(([n]) => n.includes(filter))) {
    const X = filled(backend, d.m * d.hIn * d.wIn * d.cIn, rng);
    const W = filled(backend, d.f * d.f * d.cIn * d.cOut, rng);
    const b = filled(backend, d.cOut, rng);
    const Z = allocate(backend, d.m * d.hOut * d.wOut * d.cOut);
    const dZ = filled(backend, Z.length, rng);
    const dX = allocate(backend, X.length);
    const dW = allocate(backend, W.length);
    const db = allocate(backend, d.cOut);
    const flops = 2 * d.m * d.hOut * d.wOut * d.f * d.f * d.cIn * d.cOut;
    for (const mode of modes) {
      setNativeConvAlgorithm(mode);
      const fwd = rate(flops, () => k.conv2dForward(X, W, b, Z, d));
      const data = rate(flops, () => k.conv2dBackwardData(dZ, W, dX, d));
      const filt = rate(flops, () => k.conv2dBackwardFilter(X, dZ, dW, db, d, 1 / d.m));
      // As a training step runs them (a first layer: no data gradient): total flops over total time.
      const seconds = flops * (1 / fwd + (first ? 0 : 1 / data) + 1 / filt);
      const stepFlops = flops * (first ? 2 : 3);
      const step = stepFlops / seconds;
      rows.push([
        name,
        mode,
        fwd.toFixed(1),
        data.toFixed(1) + (first ? ' (unused)' : ''),
        filt.toFixed(1),
        step.toFixed(1),
        `${((100 * step) / gemm).toFixed(0)} %`,
      ]);
      const net = `${name.split(' ')[0]} (all its convs)`;
      const sum = nets.get(`${net}|${mode}`) ?? { flops: 0, seconds: 0 };
      sum.flops += stepFlops;
      sum.seconds += seconds;
      nets.set(`${net}|${mode}`, sum);
    }
    setNativeConvAlgorithm('auto');
  }
  /** Share of the GEMM rate of each network's convolutions with the algorithms chosen ('auto'): the issue-19 target. */
  const shares: Record<string, number> = {};
  for (const [key, { flops, seconds }] of nets) {
    const [net, mode] = key.split('|');
    if (!net.startsWith('lenet')) continue;
    const step = flops / seconds;
    rows.push([net, mode, '', '', '', step.toFixed(1), `${((100 * step) / gemm).toFixed(0)} %`]);
    if (mode === 'auto') shares[net.split(' ')[0]] = Math.round((100 * step) / gemm) / 100;
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  for (const r of rows) console.log(r.map((cell, c) => (c < 2 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  '));
  // Last line, for bench/run.ts: one JSON object.
  if (Object.keys(shares).length > 0) {
    const isa = 'isa' in backend ? (backend as { isa: string }).isa : '?';
    const met = Object.values(shares).every((v) => v >= CONV_SHARE_TARGET);
    console.log(JSON.stringify({ convShareOfGemm: shares, gemmGflopsPerCpuSec: Math.round(gemm), isa, target: CONV_SHARE_TARGET, met }));
  }
}

/** Issue 19: a network's convolutions (training step) at ≥ 65 % of the GEMM 512³ rate. */
const CONV_SHARE_TARGET = 0.65;

main();
