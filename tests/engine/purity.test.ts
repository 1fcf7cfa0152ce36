/**
 * The engine is pure: outside its Node-only adapters (cli/, node/, native/) no file
 * imports React, Electron, React Flow, Recharts or Node modules, or touches the DOM.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ENGINE = join(__dirname, '..', '..', 'engine');
const ADAPTERS = ['cli', 'node', 'native'];
const NODE_MODULES = [
  'fs',
  'path',
  'child_process',
  'os',
  'worker_threads',
  'url',
  'crypto',
  'module',
  'util',
  'stream',
  'events',
  'perf_hooks',
  'process',
  'buffer',
  'http',
  'https',
  'net',
  'zlib',
  'vm',
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return ADAPTERS.includes(relative(ENGINE, path)) ? [] : sourceFiles(path);
    return /\.(ts|tsx|js|mjs|cjs)$/.test(name) ? [path] : [];
  });
}

/** Module specifiers of import/export-from/require/dynamic import statements. */
function importsOf(text: string): string[] {
  const specifiers: string[] = [];
  const patterns = [
    /\bfrom\s+['"]([^'"]+)['"]/g,
    /\bimport\s+['"]([^'"]+)['"]/g,
    /\brequire\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const pattern of patterns) for (const match of text.matchAll(pattern)) specifiers.push(match[1]);
  return specifiers;
}

function forbidden(specifier: string): boolean {
  if (specifier.startsWith('node:')) return true;
  if (/^(react|react-dom|electron|@xyflow\/|recharts|zustand|immer)(\/|$)/.test(specifier)) return true;
  return NODE_MODULES.includes(specifier.split('/')[0]);
}

const withoutComments = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');

describe('engine purity', () => {
  const files = sourceFiles(ENGINE);

  it('finds the engine sources', () => {
    expect(files.length).toBeGreaterThan(30);
  });

  it('imports no UI framework, Electron or Node module outside cli/, node/ and native/', () => {
    const offenders = files.flatMap((file) =>
      importsOf(readFileSync(file, 'utf8'))
        .filter(forbidden)
        .map((s) => `${relative(ENGINE, file)} imports ${s}`),
    );
    expect(offenders).toEqual([]);
  });

  it('references no window, document or process globals', () => {
    const offenders = files
      .filter((file) => /\b(window|document|process)\s*[.[]/.test(withoutComments(readFileSync(file, 'utf8'))))
      .map((f) => relative(ENGINE, f));
    expect(offenders).toEqual([]);
  });

  it('the checker itself catches an offending import', () => {
    expect(importsOf("import { readFileSync } from 'node:fs';").filter(forbidden)).toEqual(['node:fs']);
    expect(importsOf("import x from 'react';\nconst p = require('path');").filter(forbidden)).toEqual(['react', 'path']);
    expect(importsOf("import { z } from 'zod';").filter(forbidden)).toEqual([]);
  });
});
