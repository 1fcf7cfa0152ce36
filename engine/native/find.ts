/**
 * Finds a file that ships with Dendrite (the native addon, the wasm modules) at run time: the
 * engine is bundled into out/main/trainer.js and out/cli/dendrite.cjs, so such files are found
 * by walking up from this module's directory, the entry script's directory, the working
 * directory and Electron's resources (the app archive and its unpacked copy).
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** Directories to start the upward search from (deduplicated, most specific first). */
export function searchRoots(): string[] {
  const roots: string[] = [];
  try {
    if (typeof __dirname === 'string') roots.push(__dirname);
  } catch {
    /* ESM without a __dirname shim */
  }
  if (process.argv[1]) roots.push(dirname(resolve(process.argv[1])));
  roots.push(process.cwd());
  const rp = (process as { resourcesPath?: string }).resourcesPath;
  if (typeof rp === 'string') roots.push(rp, join(rp, 'app.asar.unpacked'), join(rp, 'app.asar'));
  return [...new Set(roots)];
}

/**
 * The file at `relative` (path segments) under the first search root or one of its parents;
 * `override` (the value of the environment variable `overrideName`) wins when set.
 */
export function findInstalledFile(
  relative: string[],
  override: string | undefined,
  overrideName: string,
  missingHint = '',
): { path: string } | { error: string } {
  if (override) {
    const p = resolve(override);
    return existsSync(p) ? { path: p } : { error: `${overrideName}=${override} does not exist` };
  }
  const rel = join(...relative);
  const roots = searchRoots();
  for (const root of roots) {
    let dir = root;
    for (;;) {
      const candidate = join(dir, rel);
      if (existsSync(candidate)) return { path: candidate };
      const parent = dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  return { error: `not built (no ${rel} above ${roots.join(', ')}${missingHint})` };
}
