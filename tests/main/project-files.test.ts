/** Atomic saves and their failure paths, in a real temporary folder. */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MINIMAL_PROJECT } from '../helpers/minimal-project';
import { describeFsError, writeFileAtomic } from '../../src/main/atomic-write';
import { ProjectFiles } from '../../src/main/project-files';
import { MAX_RECENT, RecentFiles } from '../../src/main/recent-files';

const PROJECT = MINIMAL_PROJECT;

const fresh = () => mkdtempSync(join(tmpdir(), 'dendrite-files-'));

describe('writeFileAtomic', () => {
  it('replaces the file and leaves no temporary files behind', async () => {
    const dir = fresh();
    const target = join(dir, 'net.dendrite.json');
    writeFileSync(target, 'old');
    await writeFileAtomic(target, 'new');
    expect(readFileSync(target, 'utf8')).toBe('new');
    expect(readdirSync(dir)).toEqual(['net.dendrite.json']);
  });

  it('leaves the original intact and says why when the folder is missing', async () => {
    const dir = fresh();
    await expect(writeFileAtomic(join(dir, 'nope', 'x.json'), 'data')).rejects.toThrow(/Could not save x\.json: the folder does not exist/);
  });

  it('leaves the original intact when the rename cannot happen (target is a folder)', async () => {
    const dir = fresh();
    const target = join(dir, 'taken');
    writeFileSync(join(dir, 'keep.txt'), 'original');
    // A directory at the target path makes rename fail after the temp file was written.
    mkdirSync(target);
    writeFileSync(join(target, 'inside'), 'x');
    await expect(writeFileAtomic(target, 'data')).rejects.toThrow(/Could not save taken/);
    expect(readdirSync(dir).sort()).toEqual(['keep.txt', 'taken']);
  });

  it('says in words why a write failed (permission, full disk, read-only disk)', () => {
    const fail = (code: string) => Object.assign(new Error(code), { code });
    expect(describeFsError(fail('EACCES'))).toMatch(/permission denied/);
    expect(describeFsError(fail('ENOSPC'))).toMatch(/disk is full/);
    expect(describeFsError(fail('EROFS'))).toMatch(/read-only/);
  });
});

describe('ProjectFiles', () => {
  it('saves to the chosen file, then Save goes back to it without asking', async () => {
    const dir = fresh();
    let asked = 0;
    const files = new ProjectFiles({ chooseOpenPath: async () => null, chooseSavePath: async (name) => (asked++, join(dir, name)) }, join(dir, 'user-data'));
    expect(await files.save('one', { suggestedName: 'planar', saveAs: false })).toEqual({ name: 'planar.dendrite.json' });
    expect(await files.save('two', { suggestedName: 'ignored', saveAs: false })).toEqual({ name: 'planar.dendrite.json' });
    expect(asked).toBe(1);
    expect(readFileSync(join(dir, 'planar.dendrite.json'), 'utf8')).toBe('two');
    await files.save('three', { suggestedName: 'copy', saveAs: true });
    expect(asked).toBe(2);
    expect(existsSync(join(dir, 'copy.dendrite.json'))).toBe(true);
  });

  it('a cancelled dialog writes nothing', async () => {
    const dir = fresh();
    const files = new ProjectFiles({ chooseOpenPath: async () => null, chooseSavePath: async () => null }, dir);
    expect(await files.save('x', { suggestedName: 'a', saveAs: true })).toBeNull();
    expect(await files.open()).toBeNull();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('opens what the dialog chose, and refuses files too large to be a project', async () => {
    const dir = fresh();
    const path = join(dir, 'p.dendrite.json');
    writeFileSync(path, PROJECT);
    const files = new ProjectFiles({ chooseOpenPath: async () => path, chooseSavePath: async () => null }, dir);
    expect(await files.open()).toEqual({ name: 'p.dendrite.json', text: PROJECT });
    writeFileSync(path, Buffer.alloc(21 * 1024 * 1024, 32));
    await expect(files.open()).rejects.toThrow(/too large/);
  });
});

describe('Open Recent', () => {
  it('lists projects opened or saved, newest first, without duplicates, and keeps the list across restarts', async () => {
    const dir = fresh();
    const listFile = join(dir, 'recent.json');
    const seen: (readonly string[])[] = [];
    const recent = new RecentFiles(listFile, (paths) => seen.push([...paths]));
    const a = join(dir, 'a.dendrite.json');
    const b = join(dir, 'b.dendrite.json');
    writeFileSync(a, PROJECT);
    let next = a;
    const files = new ProjectFiles({ chooseOpenPath: async () => next, chooseSavePath: async () => b }, dir, recent);
    await files.open();
    await files.save(PROJECT, { suggestedName: 'b', saveAs: true });
    next = a;
    await files.open();
    expect(recent.list).toEqual([a, b]);
    expect(seen.at(-1)).toEqual([a, b]);
    const reloaded = new RecentFiles(listFile);
    await reloaded.load();
    expect(reloaded.list).toEqual([a, b]);
  });

  it('keeps at most ten, ignores a malformed list, and forgets a file that was moved', async () => {
    const dir = fresh();
    const listFile = join(dir, 'recent.json');
    writeFileSync(listFile, '{"not":"a list"}');
    const recent = new RecentFiles(listFile);
    await recent.load();
    expect(recent.list).toEqual([]);
    for (let i = 0; i < 12; i++) await recent.add(join(dir, `p${i}.dendrite.json`));
    expect(recent.list).toHaveLength(MAX_RECENT);
    expect(recent.list[0]).toBe(join(dir, 'p11.dendrite.json'));
    const files = new ProjectFiles({ chooseOpenPath: async () => null, chooseSavePath: async () => null }, dir, recent);
    await expect(files.openPath(join(dir, 'p11.dendrite.json'))).rejects.toThrow('Could not open p11.dendrite.json: it was moved or deleted.');
    expect(recent.list).not.toContain(join(dir, 'p11.dendrite.json'));
    await recent.clear();
    expect(JSON.parse(readFileSync(listFile, 'utf8'))).toEqual([]);
  });

  it('opens a recent project or model by path, and refuses anything else', async () => {
    const dir = fresh();
    const files = new ProjectFiles({ chooseOpenPath: async () => null, chooseSavePath: async () => null }, dir);
    const project = join(dir, 'p.dendrite.json');
    const model = join(dir, 'm.model.json');
    const other = join(dir, 'package.json');
    writeFileSync(project, PROJECT);
    writeFileSync(model, '{"format":"dendrite.model"}');
    writeFileSync(other, '{"name":"x"}');
    expect(await files.openPath(project)).toEqual({ kind: 'project', name: 'p.dendrite.json', text: PROJECT });
    expect(await files.openPath(model)).toMatchObject({ kind: 'model', name: 'm.model.json' });
    await expect(files.openPath(other)).rejects.toThrow(/package\.json: This is not a Dendrite project/);
  });
});
