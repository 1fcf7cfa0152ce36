/** `dendrite verify` as a command: exit 0 verified, 1 refused (with the reason), 2 unreadable; and from the built bundle. */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../engine/cli/main';
import { findShippedLesson } from '../../engine/lessons/catalogue';
import { serialiseResults } from '../../engine/lessons/results';
import { playLesson } from '../helpers/lesson-player';
import { SOLUTIONS } from '../helpers/lesson-solutions';
import { testCliIo } from '../helpers/cli-io';

const ROOT = join(__dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'dendrite-verify-'));

const io = testCliIo;

const lesson = findShippedLesson('course-01-logistic-regression')!;
const files = (async () => {
  const played = await playLesson(lesson, SOLUTIONS[lesson.id]);
  const results = join(dir, 'results.json');
  const project = join(dir, 'project.dendrite.json');
  writeFileSync(results, serialiseResults(played.results));
  writeFileSync(project, played.projectText);
  const tampered = JSON.parse(serialiseResults(played.results));
  tampered.steps[1].evidence.metrics.trainCost *= 0.5;
  const tamperedPath = join(dir, 'tampered.json');
  writeFileSync(tamperedPath, JSON.stringify(tampered));
  return { results, project, tampered: tamperedPath };
})();

describe('dendrite verify (command)', () => {
  it('exits 0 and prints a line per step for honest results of a shipped lesson', async () => {
    const { results, project } = await files;
    const { host, out } = io();
    expect(await main(['verify', results, project], host)).toBe(0);
    expect(out.stdout).toMatch(/^lesson: 1 · Logistic regression \(course-01-logistic-regression, revision 1\)\n/);
    expect(out.stdout).toContain('✓ step 2 “Train it”: re-ran 1000 iterations on flower (m = 400, seed 2); metrics reproduced exactly');
    expect(out.stdout.trim().split('\n').at(-1)).toBe('verified: every goal is met, and every recorded run reproduces its metrics exactly.');
    expect(out.stderr).toContain('backend: reference');
  });

  it('exits 1 for a tampered file and says which step and number', async () => {
    const { tampered, project } = await files;
    const { host, out } = io();
    expect(await main(['verify', tampered, project], host)).toBe(1);
    expect(out.stdout).toMatch(/✗ step 2 “Train it”: re-running the recorded training gives trainCost = /);
    expect(out.stdout.trim().split('\n').at(-1)).toBe('refused: 1 problem(s) above.');
  });

  it('exits 2 with one line for unreadable input', async () => {
    const { results } = await files;
    const missing = io();
    expect(await main(['verify', results], missing.host)).toBe(2);
    expect(missing.out.stderr).toBe('dendrite: verify needs two files: dendrite verify results.json project.dendrite.json\n');
    const swapped = io();
    expect(await main(['verify', results, results], swapped.host)).toBe(2);
    expect(swapped.out.stderr).toContain('The second file is not a Dendrite project');
    const extra = io();
    expect(await main(['verify', results, results, results], extra.host)).toBe(2);
    expect(extra.out.stderr).toContain('unexpected argument');
  });

  describe('from the built bundle', () => {
    // Built into this test's own directory: tests/engine/cli.test.ts rebuilds out/cli in parallel.
    const bundle = join(dir, 'cli', 'dendrite.cjs');
    beforeAll(() => {
      execFileSync(
        process.execPath,
        [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'vite.cli.config.ts', '--logLevel', 'error', '--outDir', join(dir, 'cli')],
        { cwd: ROOT, stdio: 'pipe' },
      );
    });

    it('verifies with the shipped lessons bundled in', async () => {
      const { results, project, tampered } = await files;
      const ok = spawnSync(process.execPath, [bundle, 'verify', results, project], { encoding: 'utf8' });
      expect(ok.status).toBe(0);
      expect(ok.stdout).toContain('verified:');
      const refused = spawnSync(process.execPath, [bundle, 'verify', tampered, project], { encoding: 'utf8' });
      expect(refused.status).toBe(1);
    });
  });
});
