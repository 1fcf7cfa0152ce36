#!/usr/bin/env node
/**
 * Builds the native backend (engine/native → engine/native/build/Release/dendrite_native.node)
 * with node-gyp. Runs as the package's `install` script, so it must never break `npm install`:
 * if the build fails it prints ONE line saying why and that Dendrite will use the wasm
 * backend, and exits 0. With --strict (npm run build:native) a failure exits 1 instead.
 *
 * Environment:
 *   DENDRITE_SKIP_NATIVE=1        do not build (prints one line, exits 0)
 *   DENDRITE_NATIVE_FORCE_FAIL=1  simulate a failed build (to test the fallback path)
 *   DENDRITE_NATIVE_JOBS=<n>      parallel compile jobs (default 2)
 *
 * node-gyp is found in this order: node_modules/node-gyp, the copy bundled with the npm
 * running this script (npm_execpath), the copy bundled with the npm next to `node`.
 * Headers: --nodedir=/usr when /usr/include/node/node_api.h exists (Debian's nodejs-dev),
 * otherwise node-gyp's own header download/cache. The addon is Node-API only, so the same
 * binary loads in Node and in Electron's utility process.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const nativeDir = join(root, 'engine', 'native');
const addonPath = join(nativeDir, 'build', 'Release', 'dendrite_native.node');
const strict = process.argv.includes('--strict');
const quiet = process.argv.includes('--quiet');

function finish(ok, line) {
  if (ok) {
    if (!quiet) console.log(`dendrite: ${line}`);
    process.exit(0);
  }
  console.log(`dendrite: native backend not built (${line}); Dendrite will use its WebAssembly kernels (the wasm backend).`);
  process.exit(strict ? 1 : 0);
}

function findNodeGyp() {
  const candidates = [];
  try {
    candidates.push(createRequire(join(root, 'package.json')).resolve('node-gyp/bin/node-gyp.js'));
  } catch {
    /* not a dependency */
  }
  const execpath = process.env.npm_execpath;
  if (execpath) {
    // <prefix>/lib/node_modules/npm/bin/npm-cli.js → <prefix>/lib/node_modules/npm/node_modules/node-gyp
    candidates.push(join(dirname(execpath), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
  }
  const nodeBinDir = dirname(process.execPath);
  candidates.push(
    join(nodeBinDir, '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
    join(nodeBinDir, 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
    '/usr/lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js',
    '/usr/share/nodejs/node-gyp/bin/node-gyp.js',
  );
  return candidates.find((c) => existsSync(c)) ?? null;
}

/** The most telling line of a failed build log (first compiler/gyp error). */
function reasonFrom(output) {
  const lines = output
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const pick =
    lines.find((l) => /(^|: )(fatal )?error: /i.test(l)) ?? // compiler / linker
    lines.find((l) => /^[A-Za-z]*Error: /.test(l) && !/^gyp/.test(l)) ?? // python (gyp) exception
    lines.find((l) => /^gyp ERR! stack Error:/.test(l)) ??
    lines.find((l) => /^gyp ERR!/.test(l)) ??
    lines.at(-1) ??
    'unknown error';
  return pick.replace(/^gyp ERR! (stack )?/, '').slice(0, 200);
}

if (process.env.DENDRITE_SKIP_NATIVE === '1') finish(false, 'skipped: DENDRITE_SKIP_NATIVE=1');
if (process.env.DENDRITE_NATIVE_FORCE_FAIL === '1') finish(false, 'build failed: forced by DENDRITE_NATIVE_FORCE_FAIL=1');

const nodeGyp = findNodeGyp();
if (!nodeGyp) finish(false, 'node-gyp not found (it ships with npm)');

const jobs = String(Math.max(1, Number.parseInt(process.env.DENDRITE_NATIVE_JOBS ?? '2', 10) || 2));
const args = [nodeGyp, 'rebuild', '--directory', nativeDir, '-j', jobs];
if (existsSync('/usr/include/node/node_api.h')) args.push('--nodedir=/usr');

const started = Date.now();
const result = spawnSync(process.execPath, args, {
  cwd: nativeDir,
  encoding: 'utf8',
  env: { ...process.env, npm_config_nodedir: undefined, JOBS: jobs },
  maxBuffer: 64 * 1024 * 1024,
  timeout: 15 * 60 * 1000,
});
const output = `${result.stdout ?? ''}\n${result.stderr ?? ''}`;
const logDir = join(tmpdir(), 'dendrite');
let logPath;
try {
  mkdirSync(logDir, { recursive: true });
  logPath = join(logDir, 'build-native.log');
  writeFileSync(logPath, `$ ${process.execPath} ${args.join(' ')}\n${output}`);
} catch {
  logPath = '';
}
const seeLog = logPath ? `; log: ${logPath}` : '';

if (result.error) finish(false, `could not run node-gyp: ${result.error.message}${seeLog}`);
if (result.status !== 0) finish(false, `build failed: ${reasonFrom(output)}${seeLog}`);
if (!existsSync(addonPath)) finish(false, `build produced no ${addonPath}${seeLog}`);

// Load it once in a child process, so a broken binary is reported now rather than at run time.
const probe = spawnSync(process.execPath, ['-e', `require(${JSON.stringify(addonPath)}).info()`], { encoding: 'utf8' });
if (probe.status !== 0) finish(false, `built but does not load: ${(probe.stderr || '').trim().split('\n')[0]}${seeLog}`);

finish(true, `native backend built in ${((Date.now() - started) / 1000).toFixed(1)} s (${addonPath})`);
