/** docs/architecture.md cites only files that exist, so a reader who follows it lands somewhere. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..', '..');
const DOC = readFileSync(join(ROOT, 'docs', 'architecture.md'), 'utf8');

/** Backticked repository paths: `engine/kinds/index.ts`, `src/main/runs.ts`… (not templates like `<kind>`). */
export function citedPaths(text: string): string[] {
  const paths = [...text.matchAll(/`((?:engine|src|tests|e2e|docs|scripts|bench|resources)\/[\w./-]+)`/g)].map((m) => m[1]);
  return [...new Set(paths)];
}

describe('docs/architecture.md', () => {
  it('finds the paths it cites (the checker reads backticked repository paths)', () => {
    expect(citedPaths('see `engine/kinds/index.ts` and `engine/kinds/<kind>.ts`, not `shared/x.md`')).toEqual(['engine/kinds/index.ts']);
    expect(citedPaths(DOC).length).toBeGreaterThan(30);
  });

  it('cites only files and folders that exist', () => {
    expect(citedPaths(DOC).filter((path) => !existsSync(join(ROOT, path)))).toEqual([]);
  });
});
