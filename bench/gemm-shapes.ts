/**
 * GEMM rates on the shapes training actually runs (not part of `npm run bench`): the skinny and
 * tall products of W2 and of an image MLP's first layer, LeNet's, and the 4096-wide MLP's —
 * per CPU second of this process, with the same shapes through numpy (its BLAS) beside them
 * when python3 has numpy.
 *
 *   npx tsx bench/gemm-shapes.ts [filter]        (BACKEND=wasm for the wasm backend)
 */
import { spawnSync } from 'node:child_process';
import { loadNativeBackend } from '../engine/native/load';
import { loadWasmBackend } from '../engine/node/wasm';
import { allocate } from '../engine/tensor/buffers';
import { createRng } from '../engine/tensor/rng';
import { gflopsPerCpuSecond } from './cpu-rate';

/** name: [transA, transB, M, N, K] as Kernels.gemm takes them. */
export const SHAPES: Record<string, [boolean, boolean, number, number, number]> = {
  'w2 forward 20×209×12288': [false, false, 20, 209, 12288],
  'w2 dW 20×12288×209 (Bᵀ)': [false, true, 20, 12288, 209],
  'w2-in-L2 forward 20×209×1536': [false, false, 20, 209, 1536],
  'w2-in-L2 dW 20×1536×209 (Bᵀ)': [false, true, 20, 1536, 209],
  'w3 forward 256×128×784': [false, false, 256, 128, 784],
  'w3 dW 256×784×128 (Bᵀ)': [false, true, 256, 784, 128],
  'w3 dX 256×128×256 (Aᵀ)': [true, false, 256, 128, 256],
  'mlp4096 forward 4096×128×4096': [false, false, 4096, 128, 4096],
  'mlp4096 dW 4096×4096×128 (Bᵀ)': [false, true, 4096, 4096, 128],
  'mlp4096 dX 4096×128×4096 (Aᵀ)': [true, false, 4096, 128, 4096],
  'mlp4096 first dW 4096×784×128 (Bᵀ)': [false, true, 4096, 784, 128],
  'square 512³': [false, false, 512, 512, 512],
  'square 1024³': [false, false, 1024, 1024, 1024],
};

function main(): void {
  const filter = process.argv[2] ?? '';
  const threads = Number(process.env.THREADS ?? 1);
  const loaded = process.env.BACKEND === 'wasm' ? loadWasmBackend({ threads }) : loadNativeBackend({ threads });
  if ('error' in loaded) throw new Error(loaded.error);
  const backend = loaded.backend;
  const rng = createRng(5);
  const names = Object.keys(SHAPES).filter((n) => n.includes(filter));
  const numpy = spawnSync('python3', ['-c', NUMPY, JSON.stringify(names.map((n) => SHAPES[n]))], {
    encoding: 'utf8',
    env: { ...process.env, OPENBLAS_NUM_THREADS: String(threads) },
  });
  const theirs: number[] = numpy.status === 0 ? JSON.parse(numpy.stdout) : [];
  names.forEach((name, i) => {
    const [tA, tB, M, N, K] = SHAPES[name];
    const A = allocate(backend, M * K),
      B = allocate(backend, K * N),
      C = allocate(backend, M * N);
    for (let j = 0; j < A.length; j++) A[j] = rng.uniform() - 0.5;
    for (let j = 0; j < B.length; j++) B[j] = rng.uniform() - 0.5;
    const once = () => backend.kernels.gemm(tA, tB, M, N, K, 1, A, B, 0, C);
    const ours = gflopsPerCpuSecond(2 * M * N * K, once);
    const ref = theirs[i];
    console.log(
      `${name.padEnd(36)} ${ours.toFixed(1).padStart(7)} GFLOP/s per CPU s${ref ? `   numpy ${ref.toFixed(1).padStart(7)}   ratio ${(ours / ref).toFixed(2)}` : ''}`,
    );
  });
}

const NUMPY = `
import json, sys, time
import numpy as np
out = []
for tA, tB, M, N, K in json.loads(sys.argv[1]):
    rng = np.random.default_rng(5)
    A = (rng.random((K, M) if tA else (M, K), dtype=np.float32) - 0.5)
    B = (rng.random((N, K) if tB else (K, N), dtype=np.float32) - 0.5)
    a = A.T if tA else A
    b = B.T if tB else B
    C = np.empty((M, N), dtype=np.float32)
    np.matmul(a, b, out=C)
    reps = 1
    while True:
        t0 = time.process_time()
        for _ in range(reps): np.matmul(a, b, out=C)
        if time.process_time() - t0 > 0.04: break
        reps *= 2
    rates = []
    for _ in range(7):
        t0 = time.process_time()
        for _ in range(reps): np.matmul(a, b, out=C)
        rates.append(2 * M * N * K * reps / (time.process_time() - t0) / 1e9)
    rates.sort()
    out.append(rates[3])
print(json.dumps(out))
`;

main();
