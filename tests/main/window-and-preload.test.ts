/** The window and preload modules, loaded against a mocked `electron` (no binary here). */
import { beforeEach, describe, expect, it, vi } from 'vitest';

const created: { options: Record<string, any>; loaded: string[] }[] = [];
const exposed: Record<string, unknown> = {};
const invoked: unknown[][] = [];

vi.mock('electron', () => {
  class BrowserWindow {
    webContents = {};
    constructor(options: Record<string, any>) {
      created.push({ options, loaded: [] });
    }
    once() {}
    on() {}
    show() {}
    loadFile(path: string) {
      created[created.length - 1]!.loaded.push(path);
      return Promise.resolve();
    }
    loadURL(url: string) {
      created[created.length - 1]!.loaded.push(url);
      return Promise.resolve();
    }
  }
  return {
    app: { isPackaged: true },
    BrowserWindow,
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api) },
    webUtils: { getPathForFile: (file: { path?: string }) => file.path ?? '' },
    ipcRenderer: {
      invoke: (...args: unknown[]) => {
        invoked.push(args);
        return Promise.resolve({ ok: true });
      },
      send: (...args: unknown[]) => invoked.push(args),
      on: vi.fn(),
      removeListener: vi.fn(),
    },
  };
});

/** The page's drop listeners, as the preload installs them (the test dispatches drops by hand). */
const dropListeners: ((event: unknown) => void)[] = [];
(globalThis as unknown as { addEventListener: (type: string, listener: (event: unknown) => void) => void }).addEventListener = (type, listener) => {
  if (type === 'drop') dropListeners.push(listener);
};
const drop = (isTrusted: boolean, ...paths: string[]) =>
  dropListeners.forEach((listener) => listener({ isTrusted, dataTransfer: { files: paths.map((path) => ({ path })) } }));

beforeEach(() => {
  created.length = 0;
  invoked.length = 0;
});

describe('the main window', () => {
  it('is created sandboxed, isolated, without Node, with the bundled CommonJS preload', async () => {
    const { createMainWindow } = await import('../../src/main/window');
    createMainWindow();
    const prefs = created[0]!.options.webPreferences;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(prefs.preload).toMatch(/preload[\\/]index\.cjs$/);
    expect(created[0]!.loaded[0]).toBe('app://dendrite/index.html');
  });
});

describe('the preload', () => {
  it('exposes one object of named functions, and never ipcRenderer', async () => {
    await import('../../src/preload/index');
    const api = exposed.dendrite as Record<string, unknown>;
    expect(Object.keys(exposed)).toEqual(['dendrite']);
    expect(Object.keys(api).sort()).toEqual(
      [
        'clearAutosave',
        'exportModel',
        'exportModelAs',
        'forgetProjectFile',
        'importModel',
        'onFileOpened',
        'onMenuCommand',
        'onTrainerEvent',
        'openDroppedFile',
        'openProject',
        'pauseRun',
        'platform',
        'readAutosave',
        'ready',
        'reportMenuState',
        'resumeRun',
        'saveProject',
        'startRun',
        'stopRun',
        'writeAutosave',
        'openDatasetFiles',
        'rereadDatasetFiles',
      ].sort(),
    );
    for (const [key, value] of Object.entries(api)) {
      if (key !== 'platform') expect(typeof value).toBe('function');
    }
    expect(JSON.stringify(Object.keys(api))).not.toMatch(/ipc|invoke|^send/i);
    await (api.stopRun as (id: string) => Promise<unknown>)('r1');
    expect(invoked[0]).toEqual(['dendrite:run:stop', 'r1']);
  });

  it('sends main only the path of a really dropped file (from webUtils), never its contents', async () => {
    await import('../../src/preload/index');
    const api = exposed.dendrite as { openDroppedFile(file: unknown): Promise<unknown> };
    drop(true, '/home/ana/planar.dendrite.json');
    await api.openDroppedFile({ path: '/home/ana/planar.dendrite.json', text: 'ignored' });
    expect(invoked.at(-1)).toEqual(['dendrite:file:open-dropped', '/home/ana/planar.dendrite.json']);
  });

  it('never sends a path the page named: no drop, a synthetic (untrusted) drop, another file, or the same drop twice', async () => {
    await import('../../src/preload/index');
    const api = exposed.dendrite as { openDroppedFile(file: unknown): Promise<unknown> };
    const refused = { ok: false, error: 'Only a file dropped on the window can be opened this way.' };
    expect(await api.openDroppedFile({ path: '/etc/passwd.json' })).toEqual(refused);
    drop(false, '/etc/passwd.json'); // dispatched by page script: isTrusted is false
    expect(await api.openDroppedFile({ path: '/etc/passwd.json' })).toEqual(refused);
    drop(true, '/home/ana/a.dendrite.json');
    expect(await api.openDroppedFile({ path: '/home/ana/b.dendrite.json' })).toEqual(refused);
    expect(await api.openDroppedFile({ path: '' })).toEqual(refused); // a File made by script has no path
    await api.openDroppedFile({ path: '/home/ana/a.dendrite.json' });
    expect(await api.openDroppedFile({ path: '/home/ana/a.dendrite.json' })).toEqual(refused);
    expect(invoked.filter((call) => call[0] === 'dendrite:file:open-dropped')).toEqual([['dendrite:file:open-dropped', '/home/ana/a.dendrite.json']]);
  });
});
