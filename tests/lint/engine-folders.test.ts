/**
 * No import cycles between the engine's folders (issue 15): each folder builds only on folders
 * below it, so any one can be read, tested or replaced without the rest. Module cycles are
 * ESLint's (import-x/no-cycle); this is the same rule one level up, counting run-time imports.
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { folderCycles, folderGraph, runtimeImports } from '../helpers/folder-graph';

describe('engine folders', () => {
  it('import each other in no cycle', () => {
    const graph = folderGraph(resolve(__dirname, '../../engine'));
    const cycles = folderCycles(graph).map((group) =>
      group.flatMap((a) => group.filter((b) => graph.get(a)?.has(b)).map((b) => `${a} → ${b} (${graph.get(a)!.get(b)})`)).join(', '),
    );
    expect(cycles).toEqual([]);
    // The graph is read at all: the compiler builds on the kinds, and the kinds on the spec.
    expect(graph.get('compile')?.has('kinds')).toBe(true);
    expect(graph.get('kinds')?.has('spec')).toBe(true);
  });

  it('finds a cycle, and ignores imports the build erases', () => {
    const graph = new Map([
      ['a', new Map([['b', 'a/x.ts']])],
      ['b', new Map([['c', 'b/y.ts']])],
      ['c', new Map([['a', 'c/z.ts']])],
      ['d', new Map([['a', 'd/w.ts']])],
    ]);
    expect(folderCycles(graph)).toEqual([['a', 'b', 'c']]);
    const text = [
      "import type { A } from '../a/x';",
      "import { type B, type C } from '../b/y';",
      "export type { D } from '../d/w';",
      "import { e } from '../e/v';",
      "import { type F, g } from '../f/u';",
      "export * from '../g/t';",
    ].join('\n');
    expect(runtimeImports(text)).toEqual(['../e/v', '../f/u', '../g/t']);
  });
});
