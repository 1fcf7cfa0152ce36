/**
 * The kernel table is the one declaration of every compiled kernel: the generated glue must be
 * what it generates today, and it must agree with the contract layers call (the reference
 * backend implements every kernel of the table with the same parameters). The committed wasm
 * modules must be built from the current kernel source.
 */
import { REFERENCE_ONLY_KERNELS } from '../../engine/kernels/reference-only';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { referenceKernels } from '../../engine/kernels/reference';
import { ENUMS, KERNEL_NAMES, KERNEL_TABLE, SLOT_COUNT, STRUCTS } from '../../engine/kernels/table';
import { renderAll, staleFiles } from '../../scripts/gen-kernel-glue';

describe('kernel table', () => {
  it('the committed glue is what the table generates (run npx tsx scripts/gen-kernel-glue.ts)', () => {
    expect(staleFiles()).toEqual([]);
  });

  it('every kernel of the table has the reference implementation’s parameters, and vice versa', () => {
    for (const name of KERNEL_NAMES) {
      expect(typeof referenceKernels[name], name).toBe('function');
      expect(KERNEL_TABLE[name].params.length, `${name}: parameters`).toBe(referenceKernels[name].length);
    }
    // Every reference kernel is compiled (a row of the table) or listed as not compiled yet.
    expect(Object.keys(referenceKernels).sort()).toEqual([...KERNEL_NAMES, ...Object.keys(REFERENCE_ONLY_KERNELS)].sort());
    for (const name of Object.keys(REFERENCE_ONLY_KERNELS)) expect(KERNEL_NAMES as readonly string[], name).not.toContain(name);
  });

  it('names each scalar slot once per kernel and fits the slot block', () => {
    for (const name of KERNEL_NAMES) {
      const names = KERNEL_TABLE[name].params.map((p) => p.name);
      expect(new Set(names).size, `${name}: duplicate parameter`).toBe(names.length);
      const slots = KERNEL_TABLE[name].params.reduce((n, p) => n + (p.kind === 'scalar' ? 1 : p.kind === 'struct' ? STRUCTS[p.struct].fields.length : 0), 0);
      expect(slots).toBeLessThanOrEqual(SLOT_COUNT);
    }
  });

  it('gives C++ the same enum values as TypeScript', () => {
    const header = renderAll()['engine/native/src/kernel_table.gen.h'];
    for (const [en, values] of Object.entries(ENUMS)) {
      for (const [key, value] of Object.entries(values)) expect(header).toContain(`${en}_${key.toUpperCase()} = ${value}`);
    }
  });
});

describe('committed wasm modules', () => {
  const root = join(__dirname, '../..');
  const info = JSON.parse(readFileSync(join(root, 'engine/wasm/build-info.json'), 'utf8')) as { sources: string; modules: Record<string, string> };

  it('were built from the kernel source as it is now (rebuild: node scripts/build-wasm.mjs)', () => {
    const now = spawnSync(process.execPath, [join(root, 'scripts/build-wasm.mjs'), '--hash'], { encoding: 'utf8' }).stdout.trim();
    expect(now).toMatch(/^[0-9a-f]{64}$/);
    expect(info.sources).toBe(now);
  });

  it('are the files build-info.json describes', () => {
    for (const [file, hash] of Object.entries(info.modules)) {
      expect(
        createHash('sha256')
          .update(readFileSync(join(root, 'engine/wasm', file)))
          .digest('hex'),
        file,
      ).toBe(hash);
    }
    expect(Object.keys(info.modules).sort()).toEqual(['dendrite-mt.wasm', 'dendrite-st.wasm']);
  });
});
