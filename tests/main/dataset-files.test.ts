/** Dataset files in main (issue 8): read with SHA-256 and size; re-read by path only when the user chose that path here. */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({ app: { getPath: () => tmpdir() }, BrowserWindow: { getFocusedWindow: () => null }, dialog: { showOpenDialog: vi.fn() } }));

const { DatasetFiles, sha256Hex } = await import('../../src/main/dataset-files');

const fresh = () => mkdtempSync(join(tmpdir(), 'dendrite-datasets-'));

describe('DatasetFiles', () => {
  it('opens the chosen files with name, path, size and SHA-256 (checked against node:crypto on the bytes written)', async () => {
    const dir = fresh();
    const a = join(dir, 'train.csv');
    writeFileSync(a, 'x,y\n1,0\n');
    const files = new DatasetFiles(async () => [a], join(dir, 'known.json'));
    const [file] = (await files.open())!;
    expect(file.name).toBe('train.csv');
    expect(file.path).toBe(a);
    expect(file.size).toBe(8);
    expect(file.sha256).toBe(createHash('sha256').update('x,y\n1,0\n').digest('hex'));
    expect(new TextDecoder().decode(file.bytes)).toBe('x,y\n1,0\n');
    // The empty string's well-known digest, as an independent check of the helper.
    expect(sha256Hex(new Uint8Array(0))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('a cancelled dialog is null; a vanished file is named in the error', async () => {
    const dir = fresh();
    expect(await new DatasetFiles(async () => null, join(dir, 'k.json')).open()).toBeNull();
    await expect(new DatasetFiles(async () => [join(dir, 'gone.csv')], join(dir, 'k.json')).open()).rejects.toThrow(
      /Could not read gone\.csv: it was moved or deleted/,
    );
  });

  it('refuses, before reading, files too large together to cross IPC in one message', async () => {
    const dir = fresh();
    const paths = ['a.bin', 'b.bin'].map((name) => join(dir, name));
    // Sparse files: 1.2 GB together on paper, nothing on disk.
    for (const path of paths) {
      writeFileSync(path, '');
      truncateSync(path, 600_000_000);
    }
    await expect(new DatasetFiles(async () => paths, join(dir, 'k.json')).open()).rejects.toThrow(
      'These files hold 1.20 GB together; one import takes at most 1 GB.',
    );
  });

  it('re-reads a chosen path: ok, changed (checksum differs), missing (moved)', async () => {
    const dir = fresh();
    const path = join(dir, 'data.csv');
    writeFileSync(path, 'a,b\n1,2\n');
    const known = join(dir, 'known.json');
    const [file] = (await new DatasetFiles(async () => [path], known).open())!;
    const ref = { name: file.name, path: file.path, size: file.size, sha256: file.sha256 };
    // A new instance (a later session) trusts the path from the remembered list.
    const later = new DatasetFiles(async () => null, known);
    const [ok] = await later.reread([ref]);
    expect(ok.status).toBe('ok');
    writeFileSync(path, 'a,b\n1,3\n');
    const [changed] = await later.reread([ref]);
    expect(changed.status).toBe('changed');
    if (changed.status === 'changed') expect(changed.file.sha256).not.toBe(ref.sha256);
    rmSync(path);
    expect(await later.reread([ref])).toEqual([{ status: 'missing', name: 'data.csv' }]);
  });

  it('never reads a path the user did not choose here, and refuses malformed references', async () => {
    const dir = fresh();
    const secret = join(dir, 'secret.txt');
    writeFileSync(secret, 'do not read');
    const files = new DatasetFiles(async () => null, join(dir, 'known.json'));
    const ref = { name: 'secret.txt', path: secret, size: 11, sha256: sha256Hex(new TextEncoder().encode('do not read')) };
    expect(await files.reread([ref])).toEqual([{ status: 'unknown', name: 'secret.txt' }]);
    expect(await files.reread([{ ...ref, path: 'relative/secret.txt' }])).toEqual([{ status: 'unknown', name: 'secret.txt' }]);
    await expect(files.reread('nope')).rejects.toThrow(/invalid dataset references/);
    await expect(files.reread([{ ...ref, sha256: 'xyz' }])).rejects.toThrow(/invalid dataset reference 0/);
    await expect(files.reread([])).rejects.toThrow(/invalid dataset references/);
  });
});

describe('dataset IPC channels', () => {
  it('answer our window with the files, refuse other senders, and pass references to DatasetFiles for validation', async () => {
    const { registerIpcHandlers } = await import('../../src/main/ipc');
    const { IPC } = await import('../../src/shared/ipc');
    const handlers = new Map<string, (event: { sender: unknown }, ...payload: unknown[]) => Promise<unknown>>();
    const ipcMain = { handle: (channel: string, fn: never) => handlers.set(channel, fn), on: () => undefined };
    const ours = {};
    const dir = fresh();
    const path = join(dir, 'd.csv');
    writeFileSync(path, '1,2\n');
    registerIpcHandlers(ipcMain as never, {
      runs: {} as never,
      projects: {} as never,
      datasets: new DatasetFiles(async () => [path], join(dir, 'known.json')),
      isTrustedSender: (sender) => sender === ours,
      onRendererReady: () => undefined,
      onMenuState: () => undefined,
    });
    const opened = (await handlers.get(IPC.openDatasetFiles)!({ sender: ours })) as { ok: true; value: { name: string; sha256: string }[] };
    expect(opened.ok).toBe(true);
    expect(opened.value[0]).toMatchObject({ name: 'd.csv', sha256: createHash('sha256').update('1,2\n').digest('hex') });
    expect(await handlers.get(IPC.openDatasetFiles)!({ sender: {} })).toEqual({ ok: false, error: 'request refused: unknown sender' });
    expect(await handlers.get(IPC.rereadDatasetFiles)!({ sender: ours }, [{ name: 'x' }])).toEqual({ ok: false, error: 'invalid dataset reference 0' });
  });
});
