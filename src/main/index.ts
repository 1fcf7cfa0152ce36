/** The main process: a short list of set-up calls. */
import { app, BrowserWindow, dialog, ipcMain, session, shell } from 'electron';
import { IPC } from '../shared/ipc';
import { denyAllPermissions, setupSecurity } from './security';
import { createMainWindow } from './window';
import { RunManager } from './runs';
import { registerIpcHandlers } from './ipc';
import { RendererChannel } from './renderer-channel';
import { spawnUtilityTrainer } from './utility-trainer';
import { ProjectFiles } from './project-files';

let mainWindow: BrowserWindow | null = null;
const trainerEvents = new RendererChannel(IPC.trainerEvent);
const runs = new RunManager(spawnUtilityTrainer, (event) => trainerEvents.send(event));

setupSecurity(app, () => mainWindow?.webContents.getURL() ?? '', (url) => void shell.openExternal(url));

const PROJECT_FILTERS = [{ name: 'Dendrite project', extensions: ['json'] }];
const projects = new ProjectFiles(
  {
    async chooseOpenPath() {
      const options = { properties: ['openFile' as const], filters: PROJECT_FILTERS };
      const result = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    async chooseSavePath(suggestedName) {
      const options = { defaultPath: suggestedName, filters: PROJECT_FILTERS };
      const result = mainWindow ? await dialog.showSaveDialog(mainWindow, options) : await dialog.showSaveDialog(options);
      return result.canceled ? null : (result.filePath ?? null);
    },
  },
  app.getPath('userData'),
);

registerIpcHandlers(ipcMain, {
  runs,
  projects,
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
