/**
 * `npm start` on a fresh install: Electron ≥ 45 downloads its binary lazily and electron-vite
 * throws `Electron uninstall` when node_modules/electron/path.txt is missing, so npm start's
 * first step must run Electron's own installer. No Electron binary can be downloaded here, so
 * the download is pointed at a closed local port: the installer really runs up to the network.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');
const REAL_ELECTRON = join(ROOT, 'node_modules', 'electron');
const packageJson = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string>; engines: { node: string } };
const temps: string[] = [];
afterAll(() => temps.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A project as `npm install` leaves it: Electron's package without path.txt or dist/. */
function freshProject(electronInstaller?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'dendrite-fresh-'));
  temps.push(dir);
  mkdirSync(join(dir, 'scripts'));
  cpSync(join(ROOT, 'scripts', 'ensure-electron.mjs'), join(dir, 'scripts', 'ensure-electron.mjs'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'fresh', private: true, scripts: { start: packageJson.scripts.start } }));
  const electron = join(dir, 'node_modules', 'electron');
  mkdirSync(electron, { recursive: true });
  for (const file of ['package.json', 'install.js', 'index.js', 'checksums.json']) cpSync(join(REAL_ELECTRON, file), join(electron, file));
  if (electronInstaller) writeFileSync(join(electron, 'install.js'), electronInstaller);
  // The installer's own dependencies, as npm installs them next to it.
  for (const scope of ['@electron', '@electron-internal']) {
    if (existsSync(join(ROOT, 'node_modules', scope))) symlinkSync(join(ROOT, 'node_modules', scope), join(dir, 'node_modules', scope));
  }
  return dir;
}

const unreachable = {
  ...process.env,
  ELECTRON_MIRROR: 'http://127.0.0.1:9/', // discard port: nothing listens, the fetch fails at once
  force_no_cache: 'true', // never take a cached zip from this machine
  electron_config_cache: join(tmpdir(), 'dendrite-no-electron-cache'),
};

describe('npm start on a fresh install', () => {
  it("runs Electron's installer before electron-vite, for start and dev", () => {
    expect(packageJson.scripts.start).toMatch(/^node scripts\/ensure-electron\.mjs && electron-vite preview$/);
    expect(packageJson.scripts.dev).toMatch(/^node scripts\/ensure-electron\.mjs && electron-vite dev$/);
  });

  it('without path.txt, npm start tries the download and, offline, says so in one line instead of "Electron uninstall"', () => {
    const dir = freshProject();
    expect(existsSync(join(dir, 'node_modules', 'electron', 'path.txt'))).toBe(false);
    const run = spawnSync('npm', ['start', '--silent'], { cwd: dir, env: unreachable, encoding: 'utf8', timeout: 60_000 });
    expect(run.status).not.toBe(0);
    expect(run.stdout).toMatch(/downloading Electron \d+\.\d+\.\d+/);
    const errors = run.stderr
      .trim()
      .split('\n')
      .filter((line) => line.startsWith('dendrite:'));
    expect(errors).toHaveLength(1);
    // Electron's real installer ran up to the network (its fetch failed), and the line says what to do.
    expect(errors[0]).toMatch(/could not download Electron's binary \(offline\? .*fetch failed\)/);
    expect(errors[0]).toMatch(/run npm start again.*ELECTRON_MIRROR.*npm run web/);
    expect(run.stderr + run.stdout).not.toMatch(/Electron uninstall|at async|\n\s+at /);
  });

  it('when the installer succeeds, npm start goes on (path.txt and the binary are in place)', () => {
    const fakeInstaller = `const fs = require('fs'), path = require('path');
fs.mkdirSync(path.join(__dirname, 'dist'), { recursive: true });
fs.writeFileSync(path.join(__dirname, 'dist', 'electron'), '');
fs.writeFileSync(path.join(__dirname, 'path.txt'), 'electron');`;
    const dir = freshProject(fakeInstaller);
    const run = spawnSync(process.execPath, [join(dir, 'scripts', 'ensure-electron.mjs')], { cwd: dir, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(readFileSync(join(dir, 'node_modules', 'electron', 'path.txt'), 'utf8')).toBe('electron');
    // Installed: the next start does nothing at all.
    const again = spawnSync(process.execPath, [join(dir, 'scripts', 'ensure-electron.mjs')], { cwd: dir, encoding: 'utf8' });
    expect(again.status).toBe(0);
    expect(again.stdout).toBe('');
  });

  it('a failing installer with a non-network error is reported in one line too, and stops npm start', () => {
    const dir = freshProject("console.error(new Error('checksum mismatch').stack); process.exit(1);");
    const run = spawnSync(process.execPath, [join(dir, 'scripts', 'ensure-electron.mjs')], { cwd: dir, encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(/could not download Electron's binary \(Error: checksum mismatch\)/)]);
  });

  it('engines and the README say which Node each command needs', () => {
    expect(packageJson.engines.node).toBe('>=20.19');
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(readme).toMatch(/Node 20\.19 or newer/);
    expect(readme).toMatch(/Node 22\.12 or newer/);
  });
});
