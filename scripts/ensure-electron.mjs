#!/usr/bin/env node
/**
 * The first step of `npm start` and `npm run dev`: makes sure Electron's binary is installed
 * before electron-vite looks for it.
 *
 * Why: Electron ≥ 45 has no postinstall download any more (so npm 11's rule of not running
 * dependencies' install scripts changes nothing for it): the binary is fetched lazily, the
 * first time `require('electron')` runs. electron-vite never does that — it reads
 * `node_modules/electron/path.txt` itself and throws `Electron uninstall` when it is missing,
 * so on a fresh install the download never happened. This script runs Electron's own
 * installer (`node_modules/electron/install.js`, the one `require('electron')` would run)
 * when path.txt or the binary is missing, and otherwise does nothing.
 *
 * Offline (or when the download fails for any other reason) it prints ONE line saying what
 * happened and what to do, and exits 1 so electron-vite does not start. `npm install` never
 * runs this script, so it keeps succeeding offline.
 *
 * The project is the current directory (npm runs scripts from the package root).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Electron's installer and its unzipper declare this Node; older versions may fail to extract. */
const INSTALLER_NODE = [22, 12];

function electronDir(root) {
  try {
    return dirname(createRequire(join(root, 'package.json')).resolve('electron/package.json'));
  } catch {
    return null;
  }
}

/** True when path.txt names a binary that exists (what electron-vite and Electron itself need). */
export function electronInstalled(dir) {
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return false;
  const executable = readFileSync(pathFile, 'utf8').trim();
  return executable.length > 0 && existsSync(join(dir, 'dist', executable));
}

/** The installer's own last words, shortened to a reason for one line (it prints a stack). */
function reasonOf(output) {
  const lines = output
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('at '));
  const last = lines.find((l) => /error|failed|ENOTFOUND|ECONN|ETIMEDOUT|EAI_AGAIN|status/i.test(l)) ?? lines.at(-1) ?? 'no output';
  return last.length > 120 ? `${last.slice(0, 117)}…` : last;
}

function nodeOlderThan([major, minor]) {
  const [m, n] = process.versions.node.split('.').map(Number);
  return m < major || (m === major && n < minor);
}

export function ensureElectron(root = process.cwd()) {
  const dir = electronDir(root);
  if (!dir) {
    console.error('dendrite: Electron is not in node_modules: run `npm install` first.');
    return 1;
  }
  if (electronInstalled(dir)) return 0;
  const { version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  console.log(`dendrite: downloading Electron ${version} (first start; Electron's installer, from Electron's servers)…`);
  if (nodeOlderThan(INSTALLER_NODE)) {
    console.log(`dendrite: note: Electron's installer supports Node ≥ ${INSTALLER_NODE.join('.')}; this is Node ${process.versions.node}.`);
  }
  const result = spawnSync(process.execPath, [join(dir, 'install.js')], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.status === 0 && electronInstalled(dir)) return 0;
  const output = `${result.stdout ?? ''}\n${result.stderr ?? ''}${result.error ? `\n${result.error.message}` : ''}`;
  const offline = /fetch failed|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH/.test(output);
  const reason = `${offline ? 'offline? ' : ''}${reasonOf(output)}`;
  console.error(
    `dendrite: could not download Electron's binary (${reason}). Connect to the internet and run npm start again ` +
      '(behind a proxy or mirror: set ELECTRON_MIRROR); meanwhile `npm run web` runs Dendrite in a browser, offline.',
  );
  return 1;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  process.exit(ensureElectron());
}
