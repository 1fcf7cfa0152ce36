import { join } from 'node:path';
import { app, BrowserWindow } from 'electron';
import { WINDOW_PREFERENCES } from './security';
import { APP_URL } from './app-protocol';

/**
 * The page the window loads: the app scheme; electron-vite's dev server only in development.
 * A packaged app ignores ELECTRON_RENDERER_URL, so an environment variable cannot point it
 * at another page.
 */
export function rendererUrl(isPackaged: boolean, env: Record<string, string | undefined> = process.env): string {
  const devUrl = env.ELECTRON_RENDERER_URL;
  return !isPackaged && devUrl ? devUrl : APP_URL;
}

export function createMainWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1400,
    height: 900,
    minWidth: 900,
    minHeight: 600,
    title: 'Dendrite',
    show: false,
    webPreferences: {
      ...WINDOW_PREFERENCES,
      preload: join(__dirname, '../preload/index.cjs'),
    },
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(rendererUrl(app.isPackaged));
  return window;
}
