/** The bench's choice of OpenBLAS core for PyTorch: OpenBLAS's detection unless it is known wrong, never a core the CPU cannot run. */
import { describe, expect, it } from 'vitest';
import { chooseOpenblasCore } from '../../bench/openblas-core';

const ZEN = new Set(['sse4_2', 'avx', 'avx2', 'fma']);
const XEON_AVX512 = new Set([...ZEN, 'avx512f', 'avx512dq', 'avx512bw', 'avx512vl']);

describe('the OpenBLAS core the bench runs PyTorch with', () => {
  it("keeps OpenBLAS's detection on AMD Zen (forcing SkylakeX there was SIGILL)", () => {
    expect(chooseOpenblasCore('Zen', ZEN).force).toBeNull();
  });
  it('keeps a detection of a current core (Cooperlake on this session’s Xeon)', () => {
    expect(chooseOpenblasCore('Cooperlake', XEON_AVX512).force).toBeNull();
  });
  it('forces the best core the flags allow only where OpenBLAS fell back to an old one', () => {
    expect(chooseOpenblasCore('Prescott', XEON_AVX512).force).toBe('SkylakeX');
    expect(chooseOpenblasCore('Prescott', ZEN).force, 'no AVX-512: never SkylakeX').toBe('Haswell');
    expect(chooseOpenblasCore('Prescott', new Set(['sse4_2'])).force).toBeNull();
  });
  it('lets OPENBLAS_CORETYPE set by the user win, and chooses nothing for another BLAS', () => {
    expect(chooseOpenblasCore('Zen', ZEN, 'Zen')).toMatchObject({ force: 'Zen', why: 'OPENBLAS_CORETYPE set' });
    expect(chooseOpenblasCore('', XEON_AVX512).force).toBeNull();
  });
});
