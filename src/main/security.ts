/**
 * App-wide security defaults, applied to every webContents that is ever created: no new
 * windows, no navigation, redirect or frame navigation away from the app, no webviews, no
 * permissions, and external links only for http(s), through the system browser, after the
 * user confirmed them.
 */
import type { App, Session, WebContents } from 'electron';

export const WINDOW_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
} as const;

export function isSafeExternalUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:';
  } catch {
    return false;
  }
}

/**
 * Navigation is allowed only within the app's own page (reloads of the same URL). Scheme,
 * host and path are compared, not `origin`: a custom scheme's origin is the opaque "null",
 * which every other custom-scheme URL shares.
 */
export function isAppUrl(target: string, appUrl: string): boolean {
  try {
    const a = new URL(target);
    const b = new URL(appUrl);
    return a.protocol === b.protocol && a.host === b.host && a.port === b.port && a.pathname === b.pathname;
  } catch {
    return false;
  }
}

export function hardenWebContents(contents: WebContents, appUrl: () => string, openExternal: (url: string) => void): void {
  contents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) openExternal(url);
    return { action: 'deny' };
  });
  const stayInApp = (event: { preventDefault(): void }, url: string) => {
    if (!isAppUrl(url, appUrl())) event.preventDefault();
  };
  contents.on('will-navigate', stayInApp);
  contents.on('will-redirect', stayInApp);
  // Any frame, not only the top one (will-navigate misses subframes).
  contents.on('will-frame-navigate', (event) => stayInApp(event, event.url));
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

export function setupSecurity(app: App, appUrl: () => string, openExternal: (url: string) => void): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, appUrl, openExternal));
}

/** A link the renderer asked to open, shown in full (shortened) and opened only when the user says so. */
export async function confirmExternal(
  url: string,
  ask: (message: string, detail: string) => Promise<boolean>,
  open: (url: string) => Promise<void> | void,
): Promise<boolean> {
  if (!isSafeExternalUrl(url)) return false;
  const shown = url.length > 200 ? `${url.slice(0, 199)}…` : url;
  if (!(await ask('Open this link in your browser?', shown))) return false;
  await open(url);
  return true;
}
