import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { WINDOW_PREFERENCES, denyAllPermissions, hardenWebContents, isSafeExternalUrl } from '../../src/main/security';

class FakeContents extends EventEmitter {
  openHandler: ((details: { url: string }) => { action: string }) | null = null;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.openHandler = handler;
  }
}

const APP_URL = 'file:///opt/dendrite/out/renderer/index.html';

function navigate(contents: FakeContents, url: string): boolean {
  let prevented = false;
  contents.emit('will-navigate', { preventDefault: () => (prevented = true) }, url);
  return prevented;
}

describe('window security', () => {
  it('uses isolated, sandboxed renderers without Node', () => {
    expect(WINDOW_PREFERENCES).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      webviewTag: false,
    });
  });

  it('denies every window.open, sending only http(s) links to the system browser', () => {
    const contents = new FakeContents();
    const opened: string[] = [];
    hardenWebContents(
      contents as never,
      () => APP_URL,
      (url) => opened.push(url),
    );
    for (const url of ['https://www.deeplearning.ai', 'file:///etc/passwd', 'javascript:alert(1)', 'http://x.org']) {
      expect(contents.openHandler!({ url })).toEqual({ action: 'deny' });
    }
    expect(opened).toEqual(['https://www.deeplearning.ai', 'http://x.org']);
    expect(isSafeExternalUrl('smb://host/share')).toBe(false);
  });

  it('blocks navigation away from the app page', () => {
    const contents = new FakeContents();
    hardenWebContents(
      contents as never,
      () => APP_URL,
      () => undefined,
    );
    expect(navigate(contents, 'https://evil.example/')).toBe(true);
    expect(navigate(contents, 'file:///etc/passwd')).toBe(true);
    expect(navigate(contents, APP_URL)).toBe(false);
  });

  it('refuses to attach webviews', () => {
    const contents = new FakeContents();
    hardenWebContents(
      contents as never,
      () => APP_URL,
      () => undefined,
    );
    const preventDefault = vi.fn();
    contents.emit('will-attach-webview', { preventDefault });
    expect(preventDefault).toHaveBeenCalled();
  });

  it('denies every permission request and check', () => {
    let requestHandler: ((c: unknown, p: string, cb: (ok: boolean) => void) => void) | null = null;
    let checkHandler: (() => boolean) | null = null;
    denyAllPermissions({
      setPermissionRequestHandler: (h: typeof requestHandler) => (requestHandler = h),
      setPermissionCheckHandler: (h: typeof checkHandler) => (checkHandler = h),
    } as never);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read']) {
      const callback = vi.fn();
      requestHandler!(null, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
    }
    expect(checkHandler!()).toBe(false);
  });

  it('ships a strict Content-Security-Policy with the page', () => {
    const html = readFileSync(resolve(__dirname, '../../src/renderer/index.html'), 'utf8');
    const csp = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toMatch(/unsafe-eval/);
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
  });
});
