// ESLint (flat config). Runs in `npm test` (`npm run lint`). Type-aware only where a rule needs
// types (no-floating-promises); the rest is syntactic so the whole repo lints in one pass.
import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * The engine's public entries: src/ imports the engine only through these (each is an index.ts;
 * docs/architecture.md, "The engine's public entries"). engine/node is Node-only, so the renderer
 * may not import it (the trainer's Node entry does; its Web Worker entry does not).
 */
export const ENGINE_ENTRIES = ['spec', 'compile', 'data', 'train', 'export', 'protocol', 'lessons', 'node'];

/** Matches `…/engine`, `…/engine/<folder>/<file>` and `…/engine/<not an entry>`; not `…/engine/<entry>`. */
const deepEngineImport = (entries) => `(^|/)engine(/(?!(${entries.join('|')})$).*)?$`;

const engineEntriesOnly = (entries, extra = []) => [
  'error',
  {
    patterns: [
      {
        regex: deepEngineImport(entries),
        message: `Import the engine through its public entries only: engine/{${entries.join(',')}} (eslint.config.mjs).`,
      },
      ...extra,
    ],
  },
];

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'out/',
      'dist/',
      'build/',
      'resources/',
      'test-results/',
      'playwright-report/',
      'engine/native/build/',
      '**/*.gen.*',
      '**/*.wasm',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,mts,cts}'],
    languageOptions: {
      parserOptions: { project: ['./tsconfig.node.json', './tsconfig.web.json', './tsconfig.e2e.json'], tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // A promise nobody awaits hides its rejection; `void` marks the few that are fire-and-forget on purpose.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // Tests mutate parsed JSON into malformed shapes and fake Electron's loosely typed API.
    files: ['tests/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['bin/**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  // No import cycles inside the engine (folders depend on each other one way).
  {
    files: ['engine/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.tsx'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'] })],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  // src/ reaches the engine only through its public entries.
  {
    files: ['src/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': engineEntriesOnly(ENGINE_ENTRIES) },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': engineEntriesOnly(ENGINE_ENTRIES, [
        { regex: '(^|/)engine/node$', message: 'engine/node is Node-only (fs, worker_threads, the native addon); the renderer runs in a browser.' },
        { regex: '^node:', message: 'The renderer runs in a browser: no Node modules.' },
      ]),
    },
  },
);
