/** The main process: a short list of set-up calls. */
import { app, BrowserWindow, ipcMain, session, shell } from 'electron';
import { IPC } from '../shared/ipc';
import { denyAllPermissions, setupSecurity } from './security';
import { createMainWindow } from './window';
import { RunManager } from './runs';
import { registerIpcHandlers } from './ipc';
import { RendererChannel } from './renderer-channel';
import { spawnUtilityTrainer } from './utility-trainer';

let mainWindow: BrowserWindow | null = null;
const trainerEvents = new RendererChannel(IPC.trainerEvent);
const runs = new RunManager(spawnUtilityTrainer, (event) => trainerEvents.send(event));

setupSecurity(app, () => mainWindow?.webContents.getURL() ?? '', (url) => void shell.openExternal(url));

registerIpcHandlers(ipcMain, {
  runs,
  isTrustedSender: (sender) => mainWindow !== null && sender === mainWindow.webContents,
  onRendererReady: (sender) => trainerEvents.markReady(sender),
});

function openMainWindow(): void {
  mainWindow = createMainWindow();
  trainerEvents.attach(mainWindow.webContents);
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
}

app.whenReady().then(() => {
  denyAllPermissions(session.defaultSession);
  openMainWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openMainWindow();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

app.on('before-quit', () => runs.killAll());
