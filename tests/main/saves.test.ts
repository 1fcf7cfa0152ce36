/**
 * Saves that keep their promise: the folder is fsynced after the rename, a read-only file is
 * refused rather than replaced, permissions are kept, a symlinked project is written through to
 * its target, a crash's complete temporary file is offered back (and cleaned up), and a full
 * disk is reported with the original intact.
 */
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { promises as fsp } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { writeFileAtomic } from '../../src/main/atomic-write';
import { ProjectFiles } from '../../src/main/project-files';
import { MINIMAL_PROJECT } from '../helpers/minimal-project';

const fresh = () => mkdtempSync(join(tmpdir(), 'dendrite-saves-'));
afterEach(() => vi.restoreAllMocks());

describe('writeFileAtomic keeps its promise', () => {
  it('fsyncs the folder after the rename, so the rename survives a power cut', async () => {
    const dir = fresh();
    const target = join(dir, 'p.dendrite.json');
    const opened: string[] = [];
    const synced: string[] = [];
    const open = fsp.open.bind(fsp);
    vi.spyOn(fsp, 'open').mockImplementation(async (path, ...rest) => {
      const handle = await open(path, ...(rest as [string]));
      opened.push(String(path));
      const sync = handle.sync.bind(handle);
      handle.sync = async () => {
        synced.push(String(path));
        return sync();
      };
      return handle;
    });
    await writeFileAtomic(target, 'text');
    expect(readFileSync(target, 'utf8')).toBe('text');
    // The temporary file, then the folder, each synced — the folder after the rename.
    expect(synced).toHaveLength(2);
    expect(synced[0]).toMatch(/\.p\.dendrite\.json\.[0-9a-f]{12}\.tmp$/);
    expect(synced[1]).toBe(dir);
  });

  it('refuses to replace a read-only file (as root too), and leaves it as it was', async () => {
    const dir = fresh();
    const target = join(dir, 'locked.dendrite.json');
    writeFileSync(target, 'original');
    chmodSync(target, 0o444);
    await expect(writeFileAtomic(target, 'new')).rejects.toThrow(
      'Could not save locked.dendrite.json: the file is read-only (Save As to keep your changes in another file).',
    );
    expect(readFileSync(target, 'utf8')).toBe('original');
    expect(readdirSync(dir)).toEqual(['locked.dendrite.json']);
  });

  it('keeps the file mode: a 0600 project stays 0600, a new file is 0644', async () => {
    const dir = fresh();
    const secret = join(dir, 'secret.dendrite.json');
    writeFileSync(secret, 'old');
    chmodSync(secret, 0o600);
    await writeFileAtomic(secret, 'new');
    expect(statSync(secret).mode & 0o777).toBe(0o600);
    await writeFileAtomic(join(dir, 'new.dendrite.json'), 'x');
    expect(statSync(join(dir, 'new.dendrite.json')).mode & 0o777).toBe(0o644);
  });

  it('writes a symlinked project through to its target: the link stays a link, the target is current', async () => {
    const dir = fresh();
    const real = join(dir, 'real.dendrite.json');
    const link = join(dir, 'link.dendrite.json');
    writeFileSync(real, 'old');
    symlinkSync(real, link);
    await writeFileAtomic(link, 'new');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe(real);
    expect(readFileSync(real, 'utf8')).toBe('new');
  });

  it('a full disk is reported, the original kept, and no temporary file left', async () => {
    const dir = fresh();
    const target = join(dir, 'p.dendrite.json');
    writeFileSync(target, 'original');
    const open = fsp.open.bind(fsp);
    vi.spyOn(fsp, 'open').mockImplementation(async (path, ...rest) => {
      const handle = await open(path, ...(rest as [string]));
      handle.writeFile = async () => {
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      };
      return handle;
    });
    await expect(writeFileAtomic(target, 'new')).rejects.toThrow('Could not save p.dendrite.json: the disk is full.');
    expect(readFileSync(target, 'utf8')).toBe('original');
    expect(readdirSync(dir)).toEqual(['p.dendrite.json']);
  });
});

describe('a save interrupted by a crash is offered back, and cleaned up', () => {
  function crashed(dir: string, name: string, text: string, secondsNewer = 60) {
    const temp = join(dir, `.${name}.0123456789ab.tmp`);
    writeFileSync(temp, text);
    const later = new Date(Date.now() + secondsNewer * 1000);
    utimesSync(temp, later, later);
    return temp;
  }
  const newer = MINIMAL_PROJECT.replace('"version": 1', '"version": 1, "name": "newer"').replace('"version":1', '"version":1,"name":"newer"');

  it('open offers the newer complete copy; accepted, it is what opens; either way the temporary file goes', async () => {
    for (const accept of [true, false]) {
      const dir = fresh();
      const path = join(dir, 'p.dendrite.json');
      writeFileSync(path, MINIMAL_PROJECT);
      const temp = crashed(dir, 'p.dendrite.json', newer);
      const asked: string[] = [];
      const files = new ProjectFiles(
        { chooseOpenPath: async () => path, chooseSavePath: async () => null, confirmRecover: async (name) => (asked.push(name), accept) },
        join(dir, 'user-data'),
      );
      const opened = await files.open();
      expect(asked).toEqual(['p.dendrite.json']);
      expect(opened!.text).toBe(accept ? newer : MINIMAL_PROJECT);
      expect(existsSync(temp)).toBe(false);
    }
  });

  it('an incomplete or older copy is not offered, only removed; Open Recent and argv go through the same check', async () => {
    const dir = fresh();
    const path = join(dir, 'p.dendrite.json');
    writeFileSync(path, MINIMAL_PROJECT);
    const cut = crashed(dir, 'p.dendrite.json', newer.slice(0, 40));
    let asked = 0;
    const files = new ProjectFiles(
      { chooseOpenPath: async () => path, chooseSavePath: async () => null, confirmRecover: async () => (asked++, true) },
      join(dir, 'u'),
    );
    expect((await files.openPath(path)).text).toBe(MINIMAL_PROJECT);
    expect(asked).toBe(0);
    expect(existsSync(cut)).toBe(false);
    const recovered = crashed(dir, 'p.dendrite.json', newer);
    expect((await files.openPath(path)).text).toBe(newer);
    expect(existsSync(recovered)).toBe(false);
  });

  it('an autosave interrupted before its rename is completed, so the recovery offers the newest work', async () => {
    const dir = fresh();
    const files = new ProjectFiles({ chooseOpenPath: async () => null, chooseSavePath: async () => null }, dir);
    writeFileSync(files.autosavePath, MINIMAL_PROJECT);
    crashed(dir, 'autosave.dendrite.json', newer);
    expect(await files.readAutosave()).toBe(newer);
    expect(readdirSync(dir)).toEqual(['autosave.dendrite.json']);
  });
});
