/**
 * The engine's boundaries are lint rules (eslint.config.mjs), and these tests run the real config
 * on probe files in a temporary copy of the layout, so deleting or loosening a rule fails here:
 * src/ imports the engine only through its public entries, the renderer never imports the
 * Node-only entry or a Node module, and engine modules never import each other in a cycle.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');

let probeRoot: string;
let eslint: ESLint;

/** Writes `files` (path → text) under the probe root and lints them; returns rule ids per file. */
async function lint(files: Record<string, string>): Promise<Record<string, (string | null)[]>> {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(probeRoot, path)), { recursive: true });
    writeFileSync(join(probeRoot, path), text);
  }
  const results = await eslint.lintFiles(Object.keys(files).map((path) => join(probeRoot, path)));
  const fatal = results.flatMap((r) => r.messages.filter((m) => m.fatal).map((m) => m.message));
  expect(fatal).toEqual([]);
  return Object.fromEntries(results.map((r) => [r.filePath.slice(probeRoot.length + 1), r.messages.map((m) => m.ruleId)]));
}

beforeAll(() => {
  probeRoot = mkdtempSync(join(tmpdir(), 'dendrite-lint-'));
  eslint = new ESLint({
    cwd: probeRoot,
    overrideConfigFile: join(ROOT, 'eslint.config.mjs'),
    // The probes are not in a tsconfig: parse them without type information (the rules under test
    // need none), and switch off the one rule that does.
    overrideConfig: {
      files: ['**/*.ts', '**/*.tsx'],
      languageOptions: { parserOptions: { project: null } },
      rules: { '@typescript-eslint/no-floating-promises': 'off' },
    },
  });
});

afterAll(() => rmSync(probeRoot, { recursive: true, force: true }));

describe('src/ reaches the engine through its public entries only', () => {
  it('refuses a deep import into an engine folder, from main and from the renderer', async () => {
    const found = await lint({
      'src/main/deep.ts': "import { MAX_UNITS } from '../../engine/spec/limits';\nexport const x = MAX_UNITS;\n",
      'src/renderer/src/deep.ts': "import type { RunRequest } from '../../../engine/protocol/messages';\nexport type X = RunRequest;\n",
      'src/shared/root.ts': "import { x } from '../../engine';\nexport const y = x;\n",
      'src/trainer/not-an-entry.ts': "import { KINDS } from '../../engine/kinds';\nexport const y = KINDS;\n",
    });
    expect(found).toEqual({
      'src/main/deep.ts': ['no-restricted-imports'],
      'src/renderer/src/deep.ts': ['no-restricted-imports'],
      'src/shared/root.ts': ['no-restricted-imports'],
      'src/trainer/not-an-entry.ts': ['no-restricted-imports'],
    });
  });

  it('accepts every public entry', async () => {
    const entries = ['spec', 'compile', 'data', 'train', 'export', 'protocol', 'lessons', 'node'];
    const text = entries.map((entry, i) => `import * as e${i} from '../../engine/${entry}';\nexport { e${i} };\n`).join('');
    expect(await lint({ 'src/main/entries.ts': text })).toEqual({ 'src/main/entries.ts': [] });
  });

  it('keeps the Node-only entry and Node modules out of the renderer', async () => {
    const found = await lint({
      'src/renderer/src/node-entry.ts': "import { readRegularFile } from '../../../engine/node';\nexport const r = readRegularFile;\n",
      'src/renderer/src/node-module.ts': "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n",
      'src/renderer/src/browser-entry.ts': "import { compileGraph } from '../../../engine/compile';\nexport const c = compileGraph;\n",
    });
    expect(found).toEqual({
      'src/renderer/src/node-entry.ts': ['no-restricted-imports'],
      'src/renderer/src/node-module.ts': ['no-restricted-imports'],
      'src/renderer/src/browser-entry.ts': [],
    });
  });
});

describe('engine modules import each other without cycles', () => {
  it('refuses a cycle between two engine folders', async () => {
    const found = await lint({
      'engine/alpha/a.ts': "import { b } from '../beta/b';\nexport const a = (): number => b() + 1;\n",
      'engine/beta/b.ts': "import { a } from '../alpha/a';\nexport const b = (): number => (a as unknown as number) && 0;\n",
    });
    expect(found['engine/alpha/a.ts']).toEqual(['import-x/no-cycle']);
    expect(found['engine/beta/b.ts']).toEqual(['import-x/no-cycle']);
  });

  it('accepts imports that go one way', async () => {
    const found = await lint({
      'engine/gamma/c.ts': "import { d } from '../delta/d';\nexport const c = (): number => d() + 1;\n",
      'engine/delta/d.ts': 'export const d = (): number => 1;\n',
    });
    expect(found).toEqual({ 'engine/gamma/c.ts': [], 'engine/delta/d.ts': [] });
  });
});
