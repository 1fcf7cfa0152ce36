#!/usr/bin/env node
/**
 * Builds the wasm backend's modules from the kernel source (engine/native/src/kernels_impl.inc
 * with the simd128 vector layer) with Debian's clang and lld for wasm32:
 *
 *   engine/wasm/dendrite-mt.wasm   threads: shared memory, atomics (Node; isolated browsers)
 *   engine/wasm/dendrite-st.wasm   one thread, plain memory (browsers without isolation)
 *   engine/wasm/build-info.json    hash of the sources they were built from (a test compares)
 *
 * The modules are committed, so `npm install` needs no toolchain; `.ci/run` rebuilds them.
 *   node scripts/build-wasm.mjs          build (exit 1 with one line if the toolchain is missing)
 *   node scripts/build-wasm.mjs --hash   print the hash of the current sources (tests compare it)
 *   CLANG=… WASM_LD=…                   use these instead of clang++(-14) / wasm-ld(-14)
 *
 * No C library: the module imports Math.log / Math.pow and uses wasm instructions for
 * sqrt and memcpy/memset (bulk memory).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const native = join(root, 'engine', 'native', 'src');
const wasm = join(root, 'engine', 'wasm');

/** Everything the modules are compiled from (their hash goes into build-info.json). */
export const WASM_SOURCES = [
  'engine/wasm/src/isa_wasm.cc',
  'engine/wasm/src/runtime.cc',
  'engine/wasm/src/exports.gen.inc',
  'engine/native/src/programs.cc',
  'engine/native/src/kernels.h',
  'engine/native/src/kernel_table.gen.h',
  'engine/native/src/dispatch.gen.inc',
  'engine/native/src/kernels_impl.inc',
  'engine/native/src/simd_wasm.inc',
  'scripts/build-wasm.mjs',
];

export function sourceHash() {
  const h = createHash('sha256');
  for (const f of WASM_SOURCES) h.update(f).update('\0').update(readFileSync(join(root, f))).update('\0');
  return h.digest('hex');
}

const COMMON = ['--target=wasm32', '-std=c++17', '-O3', '-ffreestanding', '-fno-exceptions', '-fno-rtti', '-fno-math-errno', '-msimd128', '-mbulk-memory', '-mnontrapping-fptoint', '-Wall', '-Wno-unused-function', `-I${native}`];
const VARIANTS = {
  mt: { cflags: ['-matomics', '-mmutable-globals'], ldflags: ['--shared-memory', '--export=__stack_pointer'] },
  st: { cflags: [], ldflags: [] },
};
const UNITS = [join(wasm, 'src', 'isa_wasm.cc'), join(wasm, 'src', 'runtime.cc'), join(native, 'programs.cc')];

function which(candidates) {
  for (const c of candidates) {
    const r = spawnSync(c, ['--version'], { encoding: 'utf8' });
    if (r.status === 0) return c;
  }
  return null;
}

function run(cmd, args) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) {
    const first = `${r.stderr ?? ''}${r.stdout ?? ''}`.split('\n').find((l) => /error/i.test(l)) ?? r.error?.message ?? `exit ${r.status}`;
    throw new Error(`${cmd} failed: ${first.trim()}`);
  }
}

function main() {
  const clang = process.env.CLANG ?? which(['clang++-14', 'clang++', 'clang-14', 'clang']);
  const ld = process.env.WASM_LD ?? which(['wasm-ld-14', 'wasm-ld']);
  if (!clang || !ld) {
    console.log(`dendrite: cannot build the wasm modules: ${!clang ? 'clang' : 'wasm-ld'} not found (apt-get install clang lld)`);
    process.exit(1);
  }
  const tmp = mkdtempSync(join(tmpdir(), 'dendrite-wasm-'));
  const started = Date.now();
  try {
    for (const [name, v] of Object.entries(VARIANTS)) {
      const objects = UNITS.map((src, i) => {
        const obj = join(tmp, `${name}-${i}.o`);
        run(clang, [...COMMON, ...v.cflags, '-c', src, '-o', obj]);
        return obj;
      });
      const out = join(wasm, `dendrite-${name}.wasm`);
      // Stack first: an overflow runs below address 0 and traps instead of corrupting data.
      run(ld, ['--no-entry', '--import-memory', '--max-memory=4294967296', '--stack-first', '-z', 'stack-size=1048576', '--strip-all', ...v.ldflags, ...objects, '-o', out]);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  const info = {
    sources: sourceHash(),
    modules: Object.fromEntries(Object.keys(VARIANTS).map((n) => [`dendrite-${n}.wasm`, createHash('sha256').update(readFileSync(join(wasm, `dendrite-${n}.wasm`))).digest('hex')])),
    toolchain: spawnSync(clang, ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0],
  };
  writeFileSync(join(wasm, 'build-info.json'), `${JSON.stringify(info, null, 2)}\n`);
  console.log(`dendrite: wasm modules built in ${((Date.now() - started) / 1000).toFixed(1)} s (${info.toolchain})`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--hash')) {
    console.log(sourceHash());
    process.exit(0);
  }
  try {
    main();
  } catch (e) {
    console.log(`dendrite: wasm build failed: ${e.message}`);
    process.exit(1);
  }
}
