#!/usr/bin/env node
/**
 * Builds and runs the native kernel self-test (engine/native/selftest/selftest.cc): every
 * kernel of each vector path against the portable path, without Node.
 *
 *   node scripts/native-selftest.mjs            host build (x86-64: AVX2, AVX-512 vs portable)
 *   node scripts/native-selftest.mjs --arm64    cross-compiled with aarch64-linux-gnu-g++ (NEON vs
 *                                               portable), run under qemu-aarch64
 *   --break                                     build with a deliberately wrong kernel (must fail)
 *   --check-toolchain                           exit 0 if the --arm64 toolchain is installed, else 1
 *
 * Exit status: the self-test's (0 = every kernel agrees). One line on a missing toolchain.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'engine', 'native', 'src');
const arm64 = process.argv.includes('--arm64');
const broken = process.argv.includes('--break');

const has = (cmd, args = ['--version']) => spawnSync(cmd, args, { encoding: 'utf8' }).status === 0;
const cxx = arm64 ? 'aarch64-linux-gnu-g++' : (process.env.CXX ?? 'g++');
const qemu = 'qemu-aarch64';

if (process.argv.includes('--check-toolchain')) process.exit(has(cxx) && has(qemu, ['--version']) ? 0 : 1);
if (!has(cxx)) {
  console.log(`native selftest: ${cxx} not found${arm64 ? ' (apt-get install g++-aarch64-linux-gnu qemu-user)' : ''}`);
  process.exit(1);
}
if (arm64 && !has(qemu)) {
  console.log('native selftest: qemu-aarch64 not found (apt-get install qemu-user)');
  process.exit(1);
}

const base = [
  '-std=c++17',
  '-O1',
  '-fno-math-errno',
  '-Wall',
  '-Wno-unused-function',
  '-Wno-maybe-uninitialized',
  '-Wno-uninitialized',
  ...(broken ? ['-DDN_SELFTEST_BREAK'] : []),
];
const defines = arm64 ? ['-DDN_HAVE_NEON'] : ['-DDN_HAVE_X86_ISAS'];
const units = [
  ['isa_portable.cc', []],
  ...(arm64
    ? [['isa_neon.cc', []]]
    : [
        ['isa_avx2.cc', ['-mavx2', '-mfma']],
        ['isa_avx512.cc', ['-mavx512f', '-mavx512dq', '-mavx512bw', '-mavx512vl', '-mavx2', '-mfma']],
      ]),
  ['cpu.cc', []],
  ['pool.cc', ['-pthread']],
  ['programs.cc', []],
];

const dir = mkdtempSync(join(tmpdir(), 'dendrite-selftest-'));
const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    process.exit(r.status ?? 1);
  }
};
const objects = [];
for (const [file, flags] of units) {
  const obj = join(dir, file.replace('.cc', '.o'));
  run(cxx, [...base, ...defines, ...flags, '-c', join(src, file), '-o', obj]);
  objects.push(obj);
}
const exe = join(dir, 'selftest');
run(cxx, [...base, ...defines, '-pthread', join(root, 'engine', 'native', 'selftest', 'selftest.cc'), ...objects, ...(arm64 ? ['-static'] : []), '-o', exe]);
const r = spawnSync(arm64 ? qemu : exe, arm64 ? [exe] : [], { stdio: 'inherit' });
rmSync(dir, { recursive: true, force: true });
process.exit(r.status ?? 1);
