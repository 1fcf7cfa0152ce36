import { describe, expect, it } from 'vitest';
import { MINIMAL_PROJECT } from '../helpers/minimal-project';
import { IPC } from '../../src/shared/ipc';
import { registerIpcHandlers } from '../../src/main/ipc';
import { RunManager } from '../../src/main/runs';
import { FakeChild } from '../helpers/fake-child';
import { ProjectFiles } from '../../src/main/project-files';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { planarRequest } from '../helpers/planar-request';

type Handler = (event: { sender: unknown }, ...payload: unknown[]) => unknown;
let lastHandlers = new Map<string, Handler>();

function setup() {
  const handlers = new Map<string, Handler>();
  lastHandlers = handlers;
  const listeners = new Map<string, (event: { sender: unknown }) => void>();
  const ipcMain = {
    handle: (channel: string, fn: Handler) => handlers.set(channel, fn),
    on: (channel: string, fn: (event: { sender: unknown }) => void) => listeners.set(channel, fn),
  };
  const ourWindow = { id: 'ours' };
  const stranger = { id: 'stranger' };
  const children: FakeChild[] = [];
  const runs = new RunManager(
    () => {
      const c = new FakeChild();
      children.push(c);
      return c;
    },
    () => undefined,
  );
  const readied: unknown[] = [];
  const menuStates: unknown[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'dendrite-ipc-'));
  const savePaths: string[] = [];
  const projects = new ProjectFiles(
    { chooseOpenPath: async () => null, chooseSavePath: async (name) => (savePaths.push(name), join(dir, 'chosen.dendrite.json')) },
    dir,
  );
  registerIpcHandlers(ipcMain as never, {
    runs,
    projects,
    isTrustedSender: (sender) => sender === (ourWindow as never),
    onRendererReady: (sender) => readied.push(sender),
    onMenuState: (state) => menuStates.push(state),
  });
  const invoke = (channel: string, sender: unknown, payload: unknown) => handlers.get(channel)!({ sender }, payload);
  return { handlers, listeners, invoke, ourWindow, stranger, children, readied, savePaths, menuStates, dir };
}

describe('IPC handlers', () => {
  it('registers a handler for every invoke channel', () => {
    const { handlers, listeners } = setup();
    const invokeChannels = Object.values(IPC).filter(
      (c) => c !== IPC.rendererReady && c !== IPC.trainerEvent && c !== IPC.menuCommand && c !== IPC.menuState && c !== IPC.fileOpened,
    );
    expect([...handlers.keys()].sort()).toEqual(invokeChannels.sort());
    expect([...listeners.keys()].sort()).toEqual([IPC.menuState, IPC.rendererReady].sort());
  });

  it('takes menu state only from our window, and only when well-formed', () => {
    const { listeners, ourWindow, stranger, menuStates } = setup();
    const good = { canUndo: true, canRedo: false, hasSelection: false, canTrain: true, running: false, paused: false, dirty: true, canExport: false };
    const send = listeners.get(IPC.menuState) as unknown as (event: { sender: unknown }, payload: unknown) => void;
    send({ sender: stranger }, good);
    send({ sender: ourWindow }, { ...good, dirty: 'very' });
    send({ sender: ourWindow }, good);
    expect(menuStates).toEqual([good]);
  });

  it('ignores senders that are not our window', () => {
    const { invoke, stranger, children, listeners, readied } = setup();
    expect(invoke(IPC.startRun, stranger, planarRequest('x'))).toEqual({ ok: false, error: expect.stringMatching(/sender/) });
    expect(children).toHaveLength(0);
    listeners.get(IPC.rendererReady)!({ sender: stranger });
    expect(readied).toHaveLength(0);
  });

  it('validates the run request and names the bad field', () => {
    const { invoke, ourWindow, children } = setup();
    const request = planarRequest('x');
    const bad = { ...request, config: { ...request.config, batchSize: -3 } };
    const result = invoke(IPC.startRun, ourWindow, bad) as { ok: boolean; error?: string };
    expect(result.ok).toBe(false);
    expect(result.error).toMatch(/config\.batchSize/);
    expect(invoke(IPC.startRun, ourWindow, 'rm -rf /')).toMatchObject({ ok: false });
    expect(invoke(IPC.startRun, ourWindow, { ...request, spec: { format: 'other' } })).toMatchObject({ ok: false });
    expect(children).toHaveLength(0);
  });

  it('starts a valid run and controls it by id', () => {
    const { invoke, ourWindow, children } = setup();
    expect(invoke(IPC.startRun, ourWindow, planarRequest('x'))).toEqual({ ok: true });
    expect(children).toHaveLength(1);
    expect(invoke(IPC.stopRun, ourWindow, 'x')).toEqual({ ok: true });
    expect(children[0]!.sent[1]).toEqual({ type: 'stop-run', runId: 'x' });
    expect(invoke(IPC.stopRun, ourWindow, { runId: 'x' })).toMatchObject({ ok: false });
    expect(invoke(IPC.stopRun, ourWindow, 'unknown')).toMatchObject({ ok: false, error: expect.stringMatching(/no run/) });
  });
});

describe('project IPC', () => {
  it('refuses strangers, non-text projects and path-like names', async () => {
    const { invoke, ourWindow, stranger, savePaths } = setup();
    expect(await invoke(IPC.saveProject, stranger, '{}')).toMatchObject({ ok: false });
    expect(await invoke(IPC.readAutosave, stranger, undefined)).toMatchObject({ ok: false });
    expect(await invoke(IPC.saveProject, ourWindow, 42)).toMatchObject({ ok: false, error: expect.stringMatching(/text/) });
    const saved = (await handlersCall(invoke, IPC.saveProject, ourWindow, '{"a":1}', { suggestedName: '../../etc/passwd', saveAs: true })) as { ok: boolean };
    expect(saved.ok).toBe(true);
    expect(savePaths[0]).not.toContain('/');
    expect(savePaths[0]).toMatch(/\.dendrite\.json$/);
  });

  it('round-trips the autosave through the user-data folder', async () => {
    const { invoke, ourWindow } = setup();
    expect(await invoke(IPC.readAutosave, ourWindow, undefined)).toEqual({ ok: true, value: null });
    expect(await invoke(IPC.writeAutosave, ourWindow, 'unsaved work')).toMatchObject({ ok: true });
    expect(await invoke(IPC.readAutosave, ourWindow, undefined)).toEqual({ ok: true, value: 'unsaved work' });
    await invoke(IPC.clearAutosave, ourWindow, undefined);
    expect(await invoke(IPC.readAutosave, ourWindow, undefined)).toEqual({ ok: true, value: null });
  });
});

describe('dropped files', () => {
  const project = MINIMAL_PROJECT;

  it('treats the path as untrusted: strangers, relative paths, non-.json files and folders are refused', async () => {
    const { invoke, ourWindow, stranger, dir } = setup();
    const path = join(dir, 'net.dendrite.json');
    writeFileSync(path, project);
    expect(await invoke(IPC.openDroppedFile, stranger, path)).toMatchObject({ ok: false, error: expect.stringMatching(/sender/) });
    expect(await invoke(IPC.openDroppedFile, ourWindow, 'net.dendrite.json')).toEqual({ ok: false, error: 'invalid dropped file' });
    expect(await invoke(IPC.openDroppedFile, ourWindow, { path })).toEqual({ ok: false, error: 'invalid dropped file' });
    expect(await invoke(IPC.openDroppedFile, ourWindow, '')).toEqual({ ok: false, error: 'invalid dropped file' });
    writeFileSync(join(dir, 'secrets.txt'), 'x');
    expect(await invoke(IPC.openDroppedFile, ourWindow, join(dir, 'secrets.txt'))).toMatchObject({
      ok: false,
      error: expect.stringMatching(/not a Dendrite file/),
    });
    mkdirSync(join(dir, 'folder.json'));
    expect(await invoke(IPC.openDroppedFile, ourWindow, join(dir, 'folder.json'))).toMatchObject({
      ok: false,
      error: expect.stringMatching(/not a readable file/),
    });
  });

  it('opens a dropped project like Open: Save then writes back to it without asking', async () => {
    const { invoke, ourWindow, savePaths, dir } = setup();
    const path = join(dir, 'net.dendrite.json');
    writeFileSync(path, project);
    expect(await invoke(IPC.openDroppedFile, ourWindow, path)).toEqual({ ok: true, value: { kind: 'project', name: 'net.dendrite.json', text: project } });
    expect(await handlersCall(invoke, IPC.saveProject, ourWindow, 'changed', { suggestedName: 'x', saveAs: false })).toMatchObject({ ok: true });
    expect(savePaths).toEqual([]);
    expect(readFileSync(path, 'utf8')).toBe('changed');
  });

  it('hands a dropped model to the renderer to import, and never points Save at a malformed project', async () => {
    const { invoke, ourWindow, savePaths, dir } = setup();
    const model = join(dir, 'net.model.json');
    writeFileSync(model, '{"format":"dendrite.model","version":1}');
    expect(await invoke(IPC.openDroppedFile, ourWindow, model)).toMatchObject({ ok: true, value: { kind: 'model', name: 'net.model.json' } });
    const broken = join(dir, 'broken.dendrite.json');
    writeFileSync(broken, '{"format":"dendrite.project","version":1,"graph":[]}');
    expect(await invoke(IPC.openDroppedFile, ourWindow, broken)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^broken\.dendrite\.json: The project file is malformed: graph/),
    });
    await handlersCall(invoke, IPC.saveProject, ourWindow, 'work', { suggestedName: 'fresh', saveAs: false });
    expect(savePaths).toEqual(['fresh.dendrite.json']);
    expect(readFileSync(broken, 'utf8')).toContain('"graph":[]');
  });
});

/** Invokes a handler that takes two payload arguments. */
function handlersCall(_invoke: unknown, channel: string, sender: unknown, ...payload: unknown[]) {
  return lastHandlers.get(channel)!({ sender }, ...payload);
}

describe('errors reach the renderer as one short line', () => {
  it('a dropped .json that is not ours is refused without quoting its content', async () => {
    const { invoke, ourWindow, dir } = setup();
    const passwd = join(dir, 'passwd.json');
    writeFileSync(passwd, 'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1::/usr/sbin:/usr/sbin/nologin\n');
    const result = (await invoke(IPC.openDroppedFile, ourWindow, passwd)) as { ok: false; error: string };
    expect(result).toEqual({ ok: false, error: 'passwd.json: The file is not valid JSON (syntax error).' });
  });

  it('whatever a handler throws is flattened and cut to 300 characters', async () => {
    const handlers = new Map<string, Handler>();
    registerIpcHandlers({ handle: (c: string, fn: Handler) => handlers.set(c, fn), on: () => undefined } as never, {
      runs: new RunManager(
        () => new FakeChild(),
        () => undefined,
      ),
      projects: { open: async () => Promise.reject(new Error(`line one\n${'x'.repeat(5_000_000)}`)) } as never,
      isTrustedSender: () => true,
      onRendererReady: () => undefined,
      onMenuState: () => undefined,
    });
    const result = (await handlers.get(IPC.openProject)!({ sender: {} })) as { ok: false; error: string };
    expect(result.ok).toBe(false);
    expect(result.error).toMatch(/^line one x+…$/);
    expect(result.error.length).toBe(300);
  });
});
