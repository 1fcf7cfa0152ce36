/**
 * Loading the native backend and falling back from it: env overrides (ISA, threads,
 * DENDRITE_BACKEND, DENDRITE_NATIVE_PATH) in child processes, and the install script's
 * one-line, exit-0 failure path.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findNativeAddon, loadNativeBackend, supportedNativeIsas } from '../../engine/native/load';
import { allowNoNative, nativeUnavailable } from './helpers';

const root = resolve(__dirname, '../..');
const child = join(root, 'tests/native/fixtures/load-child.ts');
const unavailable = nativeUnavailable();

function runChild(env: Record<string, string | undefined>, cwd = root): Record<string, unknown> {
  const res = spawnSync(process.execPath, ['--import', 'tsx', child], {
    cwd,
    env: { ...process.env, DENDRITE_ISA: undefined, DENDRITE_NATIVE_PATH: undefined, DENDRITE_BACKEND: undefined, DENDRITE_THREADS: undefined, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(res.status, res.stderr).toBe(0);
  const line = res.stdout.trim().split('\n').at(-1) ?? '';
  return JSON.parse(line) as Record<string, unknown>;
}

describe('native loader fallbacks (no native code needed)', () => {
  it('DENDRITE_BACKEND=reference disables native with a reason', () => {
    expect(runChild({ DENDRITE_BACKEND: 'reference' })).toEqual({ error: 'disabled by DENDRITE_BACKEND=reference' });
  });

  it('a missing DENDRITE_NATIVE_PATH is reported, not thrown', () => {
    const out = runChild({ DENDRITE_NATIVE_PATH: '/nonexistent/dendrite_native.node' });
    expect(out.error).toMatch(/DENDRITE_NATIVE_PATH=\/nonexistent\/dendrite_native\.node does not exist/);
  });

  it('a file that is not a loadable addon is reported, not thrown', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dendrite-'));
    const bogus = join(dir, 'dendrite_native.node');
    writeFileSync(bogus, 'not an ELF file');
    const out = runChild({ DENDRITE_NATIVE_PATH: bogus });
    expect(out.error).toMatch(/^could not load .*dendrite_native\.node: /);
  });

  it('the install script fails soft: one line, exit 0, names the reference backend', () => {
    const res = spawnSync(process.execPath, [join(root, 'scripts/build-native.mjs')], {
      env: { ...process.env, DENDRITE_NATIVE_FORCE_FAIL: '1' },
      encoding: 'utf8',
    });
    expect(res.status).toBe(0);
    const lines = res.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^dendrite: native backend not built \(.*\); Dendrite will use its WebAssembly kernels \(the wasm backend\)\.$/);
  });

  it('build:native (--strict) exits 1 on failure', () => {
    const res = spawnSync(process.execPath, [join(root, 'scripts/build-native.mjs'), '--strict'], {
      env: { ...process.env, DENDRITE_NATIVE_FORCE_FAIL: '1' },
      encoding: 'utf8',
    });
    expect(res.status).toBe(1);
  });
});

describe.skipIf(!!unavailable && allowNoNative)('native loader', () => {
  it('finds the addon from the repository and from a subdirectory', () => {
    const found = findNativeAddon();
    expect('path' in found && found.path.endsWith(join('engine', 'native', 'build', 'Release', 'dendrite_native.node'))).toBe(true);
    const out = runChild({}, join(root, 'engine'));
    expect(out.error).toBeUndefined();
    expect(out.C).toEqual([4, 5, 10, 11]);
  });

  it('defaults to the best ISA and the core count', () => {
    const out = runChild({});
    expect(out.name).toBe('native');
    expect(out.isa).toBe(supportedNativeIsas()[0]);
    expect(out.threads).toBeGreaterThanOrEqual(1);
  });

  it('DENDRITE_THREADS sets the thread count', () => {
    expect(runChild({ DENDRITE_THREADS: '1' }).threads).toBe(1);
    expect(runChild({ DENDRITE_THREADS: '3' }).threads).toBe(3);
  });

  for (const isa of ['avx512', 'avx2', 'portable']) {
    it(`DENDRITE_ISA=${isa} selects that path (or explains why it cannot)`, () => {
      const out = runChild({ DENDRITE_ISA: isa });
      if (supportedNativeIsas().includes(isa as 'avx512')) {
        expect(out).toMatchObject({ isa, infoIsa: isa, C: [4, 5, 10, 11] });
      } else {
        expect(out.error).toMatch(new RegExp(`DENDRITE_ISA=${isa} is not supported here`));
      }
    });
  }

  it('an unknown DENDRITE_ISA is an error, not a crash', () => {
    expect(runChild({ DENDRITE_ISA: 'sse9' }).error).toMatch(/DENDRITE_ISA=sse9 is not supported here/);
  });

  it('portable is always available', () => {
    expect(supportedNativeIsas()).toContain('portable');
    const r = loadNativeBackend({ isa: 'portable', threads: 1 });
    expect('backend' in r && r.backend.info().isa).toBe('portable');
  });
});

describe.skipIf(!!unavailable && allowNoNative)('per-ISA translation units', () => {
  // Code compiled with -mavx512f must never be picked by the linker for another path:
  // the ISA libraries may not define weak (mergeable) symbols outside their namespace,
  // and may only call the portable pool/scratch functions and libc.
  const lib = (isa: string) => join(root, 'engine/native/build/Release', `dn_${isa}.a`);
  const haveNm = spawnSync('nm', ['--version']).status === 0;
  for (const isa of ['avx512', 'avx2', 'portable']) {
    it.skipIf(!haveNm || !existsSync(lib(isa)))(`dn_${isa}.a keeps its symbols to itself`, () => {
      const out = spawnSync('nm', ['-C', lib(isa)], { encoding: 'utf8' }).stdout;
      const lines = out.split('\n').filter((l) => /^\s*[0-9a-f]*\s+[A-Za-z]\s/.test(l));
      const weakForeign = lines.filter((l) => /\s[WVu]\s/.test(l) && !l.includes(`dn::${isa}::`));
      expect(weakForeign).toEqual([]);
      const undefinedSyms = lines.filter((l) => /\sU\s/.test(l)).map((l) => l.trim().split(/\s+/).slice(1).join(' '));
      for (const sym of undefinedSyms) expect(sym).toMatch(/^(dn::parallel_run|dn::scratch|memcpy|memmove|memset|pow|sqrtf?|expf?|logf?|sin|cos|sincos)\b/);
    });
  }
});
