/**
 * A `.json` or `.csv` that is a FIFO, a device or a symlink to /dev/zero is refused — quickly,
 * in one line — on every path a user's file is read by: the CLI, Open and Import Model (main's
 * dialogs), open-by-path (Open Recent, argv, the OS), a dropped file, and dataset files. Before,
 * a FIFO blocked the read forever and /dev/zero was read until memory ran out.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { ProjectFiles } from '../../src/main/project-files';
import { FileRefused, readRegularFileSync } from '../../engine/node/regular-file';
import { MINIMAL_PROJECT } from '../helpers/minimal-project';

vi.mock('electron', () => ({ app: { getPath: () => tmpdir() }, BrowserWindow: { getFocusedWindow: () => null }, dialog: { showOpenDialog: vi.fn() } }));
const { DatasetFiles } = await import('../../src/main/dataset-files');

const ROOT = resolve(__dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'dendrite-hostile-'));
const fifo = join(dir, 'pipe.dendrite.json');
const fifoCsv = join(dir, 'pipe.csv');
const zero = join(dir, 'zero.dendrite.json');
const zeroCsv = join(dir, 'zero.csv');
const folder = join(dir, 'folder.dendrite.json');
const real = join(dir, 'real.dendrite.json');
execFileSync('mkfifo', [fifo]);
execFileSync('mkfifo', [fifoCsv]);
symlinkSync('/dev/zero', zero);
symlinkSync('/dev/zero', zeroCsv);
mkdirSync(folder);
writeFileSync(real, MINIMAL_PROJECT);
symlinkSync(real, join(dir, 'link.dendrite.json'));

/** Fails (instead of hanging the suite) when a read blocks. */
function within<T>(promise: Promise<T>, ms = 3000): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`still reading after ${ms} ms`)), ms))]);
}

const dialogs = (path: string) => ({ chooseOpenPath: async () => path, chooseSavePath: async () => null });

describe('main refuses files that are not regular files, on every path', () => {
  const cases: [string, string, RegExp][] = [
    ['a FIFO', fifo, /^pipe\.dendrite\.json is a named pipe \(FIFO\), not a regular file\.$/],
    ['a symlink to /dev/zero', zero, /^zero\.dendrite\.json is a device, not a regular file\.$/],
    ['a folder', folder, /^folder\.dendrite\.json is a folder, not a regular file\.$/],
  ];
  for (const [what, path, message] of cases) {
    it(`${what}: open-by-path (Open Recent, argv, the OS), Open, Import Model and a drop`, async () => {
      const files = new ProjectFiles(dialogs(path), join(dir, 'user-data'));
      await expect(within(files.openPath(path))).rejects.toThrow(message);
      await expect(within(files.open())).rejects.toThrow(message);
      await expect(within(files.importModel())).rejects.toThrow(message);
      await expect(within(files.openDropped(path))).rejects.toThrow(/not a readable file|not a regular file/);
    });
  }

  it('a symlink to a real project is followed (only the target must be regular)', async () => {
    const files = new ProjectFiles(dialogs(''), join(dir, 'user-data'));
    await expect(files.openPath(join(dir, 'link.dendrite.json'))).resolves.toMatchObject({ kind: 'project', name: 'link.dendrite.json' });
  });

  it('dataset files: a FIFO or /dev/zero chosen in the dialog', async () => {
    for (const path of [fifoCsv, zeroCsv]) {
      const files = new DatasetFiles(async () => [path], join(dir, 'known.json'));
      await expect(within(files.open())).rejects.toThrow(/(named pipe \(FIFO\)|a device), not a regular file/);
    }
  });

  it('the reader checks the opened descriptor and the size, and says why', () => {
    expect(() => readRegularFileSync(fifo, 1000)).toThrow(FileRefused);
    expect(() => readRegularFileSync(real, 10)).toThrow(/real\.dendrite\.json is too large \(0\.0 MB; at most 0 MB\)/);
    expect(new TextDecoder().decode(readRegularFileSync(real, 1e6))).toBe(MINIMAL_PROJECT);
  });
});

describe('the CLI refuses them too (a real process: a blocked read cannot hang the suite)', () => {
  const cli = (...args: string[]) => spawnSync(process.execPath, [join(ROOT, 'bin', 'dendrite.cjs'), ...args], { encoding: 'utf8', timeout: 15_000 });
  const spec = join(ROOT, 'resources', 'examples', 'planar-2-4-1.spec.json');

  const cases: [string, string[], RegExp][] = [
    [
      '--spec FIFO',
      ['inspect', '--spec', fifo],
      /^dendrite: spec .*pipe\.dendrite\.json: cannot read the file \(pipe\.dendrite\.json is a named pipe \(FIFO\), not a regular file\)$/,
    ],
    ['--spec /dev/zero', ['inspect', '--spec', zero], /^dendrite: spec .*: cannot read the file \(zero\.dendrite\.json is a device, not a regular file\)$/],
    [
      '--data FIFO',
      ['train', '--spec', spec, '--data', fifoCsv],
      /^dendrite: --data .*pipe\.csv: cannot read the file \(pipe\.csv is a named pipe \(FIFO\), not a regular file\)$/,
    ],
    [
      '--data /dev/zero',
      ['train', '--spec', spec, '--data', zeroCsv],
      /^dendrite: --data .*zero\.csv: cannot read the file \(zero\.csv is a device, not a regular file\)$/,
    ],
    ['--model FIFO', ['predict', '--model', fifo, '--data', 'flower'], /^dendrite: model .*: cannot read the file \(pipe\.dendrite\.json is a named pipe/],
  ];
  for (const [what, args, message] of cases) {
    it(what, () => {
      const run = cli(...args);
      expect(run.signal).toBeNull(); // not killed by the timeout
      expect(run.status).toBe(2);
      expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(message)]);
    });
  }
});
