import { join } from 'node:path';
import { BrowserWindow } from 'electron';
import { WINDOW_PREFERENCES } from './security';

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
  const devUrl = process.env.ELECTRON_RENDERER_URL;
  if (devUrl) void window.loadURL(devUrl);
  else void window.loadFile(join(__dirname, '../renderer/index.html'));
  return window;
}
