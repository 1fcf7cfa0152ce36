/**
 * The kernel table is the one declaration of every compiled kernel: the generated glue must be
 * what it generates today, and it must agree with the contract layers call (the reference
 * backend implements every kernel of the table with the same parameters).
 */
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
    expect(Object.keys(referenceKernels).sort()).toEqual([...KERNEL_NAMES].sort());
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
