/**
 * Native code that other compilers accept: the portable kernels and the dispatch code are
 * standard C++17 — compiled here with -std=c++17 -pedantic-errors by GCC and by Clang, and
 * scanned for compiler-specific spellings (attributes, builtins, asm, pragmas), which -pedantic
 * lets through, outside branches chosen by compiler or architecture; only the ISA units use
 * compiler-specific code. CPU detection (cpuid/xgetbv, src/cpu.cc) agrees
 * with what the kernel reports; the native self-test (the arm64 NEON check under qemu in
 * .ci/run) catches a wrong kernel.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { supportedNativeIsas } from '../../engine/native/load';
import { nativeUnavailable } from './helpers';

const ROOT = join(__dirname, '..', '..');

/** Compiler-specific spellings (not standard C++17). */
const EXTENSIONS = /\b(__attribute__|__builtin_\w+|__extension__|__restrict\w*|__asm__|asm|__declspec|__forceinline|__int64)\b|#\s*pragma\s+(?!once\b)/;
/** Preprocessor conditions that select a compiler or an architecture. */
const COMPILER_OR_ARCH = /\b(_MSC_VER|__GNUC__|__clang__|__x86_64__|_M_X64|__aarch64__|_M_ARM64|DN_HAVE_X86_ISAS|DN_HAVE_NEON|__wasm__)\b/;

/**
 * Lines that use a compiler-specific spelling outside a preprocessor branch chosen by compiler
 * or architecture (#if defined(_MSC_VER) … #else … #endif and the like).
 */
function unguardedExtensions(text: string): string[] {
  const stack: boolean[] = [];
  const offenders: string[] = [];
  text.split('\n').forEach((line, i) => {
    const directive = /^\s*#\s*(if|ifdef|ifndef|elif|else|endif)\b(.*)$/.exec(line);
    if (directive) {
      const [, kind, condition] = directive;
      if (kind === 'if' || kind === 'ifdef' || kind === 'ifndef') stack.push(COMPILER_OR_ARCH.test(condition));
      else if (kind === 'elif') stack[stack.length - 1] ||= COMPILER_OR_ARCH.test(condition);
      else if (kind === 'endif') stack.pop();
      return;
    }
    const code = line.replace(/\/\/.*$/, '');
    if (EXTENSIONS.test(code) && !stack.some(Boolean)) offenders.push(`${i + 1}: ${line.trim()}`);
  });
  return offenders;
}
const SRC = join(ROOT, 'engine', 'native', 'src');
const STANDARD_UNITS = ['isa_portable.cc', 'cpu.cc', 'pool.cc', 'programs.cc'];
const compilers = ['g++', 'clang++'].filter((c) => spawnSync(c, ['--version']).status === 0);

/** The standard units and everything they include from the project. */
const STANDARD_SOURCES = [...STANDARD_UNITS, 'simd_portable.inc', 'kernels_impl.inc', 'kernels.h', 'kernel_table.gen.h', 'cpu.h', 'pool.h'];

describe('standard C++ outside the ISA units', () => {
  for (const file of STANDARD_SOURCES) {
    it(`${file} uses compiler-specific spellings only in compiler- or architecture-selected branches`, () => {
      expect(unguardedExtensions(readFileSync(join(SRC, file), 'utf8'))).toEqual([]);
    });
  }

  it('the scan catches a GCC vector extension, an intrinsic builtin and a stray pragma', () => {
    expect(unguardedExtensions('typedef float vf __attribute__((vector_size(16)));')).toHaveLength(1);
    expect(unguardedExtensions('float f(float x) { return __builtin_sqrtf(x); }')).toHaveLength(1);
    expect(unguardedExtensions('#pragma GCC unroll 4\nfor (;;) {}')).toHaveLength(1);
    expect(unguardedExtensions('#if defined(_MSC_VER)\n#define R __restrict\n#else\n#define R __restrict__\n#endif')).toEqual([]);
    expect(unguardedExtensions('#if defined(NDEBUG)\nint x __attribute__((unused));\n#endif')).toHaveLength(1);
  });
});

describe.each(compilers)('%s -std=c++17 -pedantic-errors', (cxx) => {
  for (const unit of STANDARD_UNITS) {
    it(`accepts ${unit} (x86-64 and arm64 dispatch)`, () => {
      for (const define of ['-DDN_HAVE_X86_ISAS', '-DDN_HAVE_NEON']) {
        // The arm64 branch of the dispatch compiles on x86-64 too: it declares fill_neon only.
        const r = spawnSync(cxx, ['-std=c++17', '-pedantic-errors', '-Wall', '-Wextra', '-Werror', '-fsyntax-only', define, join(SRC, unit)], {
          encoding: 'utf8',
        });
        expect(r.stderr, `${cxx} ${define} ${unit}`).toBe('');
        expect(r.status).toBe(0);
      }
    });
  }

  it('rejects non-standard C++ in a unit (a zero-length array)', () => {
    const r = spawnSync(cxx, ['-std=c++17', '-pedantic-errors', '-fsyntax-only', '-x', 'c++', '-'], { input: 'int x = sizeof(int[0]);\n', encoding: 'utf8' });
    expect(r.status).not.toBe(0);
  });
});

describe.runIf(process.platform === 'linux' && process.arch === 'x64')('CPU detection', () => {
  it.skipIf(!!nativeUnavailable())('offers exactly the paths /proc/cpuinfo says this CPU has', () => {
    const flags = new Set(/^flags\s*:(.*)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))![1].trim().split(/\s+/));
    const expected = [
      ...(['avx512f', 'avx512dq', 'avx512bw', 'avx512vl', 'fma'].every((f) => flags.has(f)) ? ['avx512'] : []),
      ...(['avx2', 'fma'].every((f) => flags.has(f)) ? ['avx2'] : []),
      'portable',
    ];
    expect(supportedNativeIsas()).toEqual(expected);
  });
});

describe('native self-test driver', () => {
  it.runIf(existsSync('/usr/bin/g++') && process.arch === 'x64')(
    'fails when a kernel of a vector path is wrong',
    () => {
      const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'native-selftest.mjs'), '--break'], { encoding: 'utf8', timeout: 300_000 });
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/FAIL sumSquares .*returned 1 vs portable/);
      expect(r.stdout).toMatch(/SELFTEST FAILED/);
    },
    300_000,
  );
});
