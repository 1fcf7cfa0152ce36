/**
 * The desktop shell's protections, each with a test that fails when it is removed — including
 * its wiring: src/main/index.ts is loaded against a fake `electron` (no binary can run here) and
 * driven the way Electron would drive it. Fuses are checked by flipping them, as electron-builder
 * does when packaging, into a stand-in Electron binary.
 */
import { EventEmitter } from 'node:events';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { planarRequest } from '../helpers/planar-request';

const ROOT = resolve(__dirname, '../..');

/** The fake electron's state, shared with the hoisted mock. */
const fake = vi.hoisted(() => ({
  packaged: false,
  answer: 1,
  calls: [] as string[],
  appHandlers: new Map<string, ((...args: any[]) => void)[]>(),
  ipcHandlers: new Map<string, (...args: any[]) => unknown>(),
  ipcListeners: new Map<string, (...args: any[]) => void>(),
  schemes: new Map<string, (request: { url: string }) => Promise<Response>>(),
  privileged: [] as unknown[],
  permissions: { request: null as null | ((c: unknown, p: string, cb: (ok: boolean) => void) => void), check: null as null | ((...a: unknown[]) => boolean) },
  windows: [] as any[],
  ready: null as null | (() => void),
  opened: [] as string[],
  asked: [] as unknown[],
}));

vi.mock('electron', async () => {
  const { EventEmitter } = await import('node:events');
  class Contents extends EventEmitter {
    openHandler: ((details: { url: string }) => { action: string }) | null = null;
    setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
      this.openHandler = handler;
    }
    getURL() {
      return '';
    }
    send() {}
    isDestroyed() {
      return false;
    }
  }
  class BrowserWindow extends EventEmitter {
    static getAllWindows = () => fake.windows;
    static getFocusedWindow = () => null;
    webContents = new Contents();
    loaded: string[] = [];
    constructor(readonly options: Record<string, any>) {
      super();
      fake.windows.push(this);
      fake.appHandlers.get('web-contents-created')?.forEach((fn) => fn({}, this.webContents));
    }
    loadURL(url: string) {
      this.loaded.push(url);
      return Promise.resolve();
    }
    loadFile(path: string) {
      this.loaded.push(`file:${path}`);
      return Promise.resolve();
    }
    show() {}
    isFocused() {
      return true;
    }
    isMinimized() {
      return false;
    }
    setDocumentEdited() {}
  }
  const readyPromise = new Promise<void>((resolve) => (fake.ready = resolve));
  const app = {
    get isPackaged() {
      return fake.packaged;
    },
    enableSandbox: () => fake.calls.push('enableSandbox'),
    getPath: () => mkdtempSync(join(tmpdir(), 'dendrite-userdata-')),
    requestSingleInstanceLock: () => true,
    exit: () => undefined,
    quit: () => undefined,
    on: (event: string, fn: (...args: any[]) => void) => fake.appHandlers.set(event, [...(fake.appHandlers.get(event) ?? []), fn]),
    whenReady: () => readyPromise,
    isReady: () => false,
    clearRecentDocuments: () => undefined,
    addRecentDocument: () => undefined,
  };
  return {
    app,
    BrowserWindow,
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => (fake.calls.push('registerSchemesAsPrivileged'), fake.privileged.push(...schemes)),
      handle: (scheme: string, handler: (request: { url: string }) => Promise<Response>) => fake.schemes.set(scheme, handler),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (h: typeof fake.permissions.request) => (fake.permissions.request = h),
        setPermissionCheckHandler: (h: typeof fake.permissions.check) => (fake.permissions.check = h),
      },
    },
    ipcMain: {
      handle: (channel: string, fn: (...args: any[]) => unknown) => fake.ipcHandlers.set(channel, fn),
      on: (channel: string, fn: (...args: any[]) => void) => fake.ipcListeners.set(channel, fn),
    },
    dialog: {
      showMessageBox: async (...args: unknown[]) => (fake.asked.push(args.at(-1)), { response: fake.answer }),
      showMessageBoxSync: () => 0,
      showErrorBox: () => undefined,
      showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
      showSaveDialog: async () => ({ canceled: true }),
    },
    shell: { openExternal: async (url: string) => void fake.opened.push(url) },
    Notification: class {
      static isSupported = () => false;
      show() {}
    },
    Menu: { setApplicationMenu: () => undefined, buildFromTemplate: (t: unknown) => t },
    utilityProcess: {
      fork: () => Object.assign(new EventEmitter(), { pid: undefined, postMessage: () => undefined, kill: () => true }),
    },
  };
});

async function loadMain(options: { packaged: boolean; devUrl?: string }) {
  vi.resetModules();
  fake.packaged = options.packaged;
  fake.calls.length = 0;
  fake.appHandlers.clear();
  fake.ipcHandlers.clear();
  fake.ipcListeners.clear();
  fake.schemes.clear();
  fake.windows.length = 0;
  fake.permissions.request = fake.permissions.check = null;
  const saved = process.env.ELECTRON_RENDERER_URL;
  if (options.devUrl) process.env.ELECTRON_RENDERER_URL = options.devUrl;
  else delete process.env.ELECTRON_RENDERER_URL;
  try {
    await import('../../src/main/index');
    const beforeReady = [...fake.calls];
    fake.ready!();
    await new Promise((r) => setTimeout(r, 20));
    const window = fake.windows[0];
    return { beforeReady, window, contents: window.webContents as EventEmitter & { openHandler: (d: { url: string }) => { action: string } } };
  } finally {
    if (saved === undefined) delete process.env.ELECTRON_RENDERER_URL;
    else process.env.ELECTRON_RENDERER_URL = saved;
  }
}

const prevented = (contents: EventEmitter, event: string, url: string) => {
  let blocked = false;
  const e = { url, preventDefault: () => (blocked = true) };
  if (event === 'will-frame-navigate') contents.emit(event, e);
  else contents.emit(event, e, url);
  return blocked;
};

describe('src/main/index.ts wires every protection (fake electron)', () => {
  beforeEach(() => {
    fake.opened.length = 0;
    fake.asked.length = 0;
  });

  it('sandboxes every renderer and registers the app scheme before the app is ready', async () => {
    const { beforeReady } = await loadMain({ packaged: true });
    expect(beforeReady).toEqual(['enableSandbox', 'registerSchemesAsPrivileged']);
    expect(fake.privileged).toContainEqual({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) });
  });

  it('loads the page from app://, never file://, and serves only the renderer folder', async () => {
    const { window } = await loadMain({ packaged: true });
    expect(window.loaded).toEqual(['app://dendrite/index.html']);
    expect(window.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, webviewTag: false });
    const serve = fake.schemes.get('app')!;
    const page = await serve({ url: 'app://dendrite/index.html' });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toBe(readFileSync(join(ROOT, 'src/renderer/index.html'), 'utf8'));
    for (const url of [
      'app://dendrite/../main/index.ts',
      'app://dendrite/%2e%2e/main/index.ts',
      'app://dendrite/..%2fmain%2findex.ts',
      'app://evil/index.html',
      'app://dendrite/nope.js',
      'app://dendrite/%00',
    ]) {
      expect((await serve({ url })).status, url).toBe(404);
    }
  });

  it('a packaged app ignores ELECTRON_RENDERER_URL; development still uses it', async () => {
    const packaged = await loadMain({ packaged: true, devUrl: 'http://evil.example:5173/' });
    expect(packaged.window.loaded).toEqual(['app://dendrite/index.html']);
    expect(prevented(packaged.contents, 'will-navigate', 'http://evil.example:5173/')).toBe(true);
    const dev = await loadMain({ packaged: false, devUrl: 'http://localhost:5173/' });
    expect(dev.window.loaded).toEqual(['http://localhost:5173/']);
  });

  it('every webContents is hardened: navigation, redirects and frame navigation stay in the app', async () => {
    const { contents } = await loadMain({ packaged: true });
    for (const event of ['will-navigate', 'will-redirect', 'will-frame-navigate']) {
      expect(prevented(contents, event, 'https://evil.example/'), event).toBe(true);
      expect(prevented(contents, event, 'file:///etc/passwd'), event).toBe(true);
      expect(prevented(contents, event, 'app://evil/index.html'), event).toBe(true);
      expect(prevented(contents, event, 'app://dendrite/index.html'), event).toBe(false);
    }
    const webview = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', webview);
    expect(webview.preventDefault).toHaveBeenCalled();
  });

  it('external links open only after the user confirms, and only http(s)', async () => {
    const { contents } = await loadMain({ packaged: true });
    fake.answer = 1; // Cancel
    expect(contents.openHandler({ url: 'https://www.deeplearning.ai/' })).toEqual({ action: 'deny' });
    await new Promise((r) => setTimeout(r, 10));
    expect(fake.asked).toHaveLength(1);
    expect(fake.asked[0]).toMatchObject({ message: 'Open this link in your browser?', detail: 'https://www.deeplearning.ai/' });
    expect(fake.opened).toEqual([]);
    fake.answer = 0; // Open in browser
    contents.openHandler({ url: 'https://www.deeplearning.ai/' });
    contents.openHandler({ url: 'file:///etc/passwd' });
    await new Promise((r) => setTimeout(r, 10));
    expect(fake.opened).toEqual(['https://www.deeplearning.ai/']);
    expect(fake.asked).toHaveLength(2);
  });

  it('denies every permission of the default session', async () => {
    await loadMain({ packaged: true });
    const callback = vi.fn();
    fake.permissions.request!(null, 'media', callback);
    expect(callback).toHaveBeenCalledWith(false);
    expect(fake.permissions.check!(null, 'clipboard-read')).toBe(false);
  });

  it('IPC answers only the app window: another sender is refused, the window is served', async () => {
    const { window } = await loadMain({ packaged: true });
    const start = fake.ipcHandlers.get('dendrite:run:start')!;
    const stranger = new EventEmitter();
    expect(await start({ sender: stranger }, planarRequest('r1'))).toEqual({ ok: false, error: 'request refused: unknown sender' });
    expect(await start({ sender: window.webContents }, { runId: 5 })).toMatchObject({ ok: false, error: expect.stringMatching(/^invalid run request/) });
    expect(await start({ sender: window.webContents }, planarRequest('r1'))).toEqual({ ok: true });
    const open = fake.ipcHandlers.get('dendrite:file:open-dropped')!;
    expect(await open({ sender: stranger }, '/etc/passwd.json')).toEqual({ ok: false, error: 'request refused: unknown sender' });
  });
});

describe('fuses (electron-builder.yml, flipped as electron-builder does when packaging)', () => {
  it('RunAsNode, NODE_OPTIONS and --inspect off; asar integrity, OnlyLoadAppFromAsar and cookie encryption on; file:// privileges off', async () => {
    const require = createRequire(join(ROOT, 'package.json'));
    const lib = require('app-builder-lib');
    const { getConfig } = require('app-builder-lib/out/util/config/config');
    const config = await getConfig(ROOT, null, null);
    expect(config.asar).not.toBe(false);
    const fuseConfig = await lib.PlatformPackager.prototype.generateFuseConfig.call({}, config.electronFuses);
    const fuses = require('@electron/fuses');
    // A stand-in Electron binary: its fuse wire as Electron ships it (RunAsNode, NODE_OPTIONS,
    // --inspect and file:// privileges on; the rest off).
    const { SENTINEL } = require('@electron/fuses/dist/constants');
    const wire = Buffer.from([1, 8, ...'10110001'.split('').map((c) => c.charCodeAt(0))]);
    const binary = join(mkdtempSync(join(tmpdir(), 'dendrite-fuses-')), 'electron');
    writeFileSync(binary, Buffer.concat([Buffer.alloc(64, 7), Buffer.from(SENTINEL), wire, Buffer.alloc(64, 7)]));
    await fuses.flipFuses(binary, fuseConfig);
    const flipped = await fuses.getCurrentFuseWire(binary);
    const on = (option: number) => String.fromCharCode(flipped[option]) === '1';
    const { FuseV1Options: F } = fuses;
    expect(on(F.RunAsNode)).toBe(false);
    expect(on(F.EnableNodeOptionsEnvironmentVariable)).toBe(false);
    expect(on(F.EnableNodeCliInspectArguments)).toBe(false);
    expect(on(F.EnableEmbeddedAsarIntegrityValidation)).toBe(true);
    expect(on(F.OnlyLoadAppFromAsar)).toBe(true);
    expect(on(F.EnableCookieEncryption)).toBe(true);
    expect(on(F.GrantFileProtocolExtraPrivileges)).toBe(false);
  });
});
