/** The main process: a short list of set-up calls. */
import { app, BrowserWindow, ipcMain, Notification, session, shell } from 'electron';
import { availableParallelism } from 'node:os';
import { IPC } from '../shared/ipc';
import { denyAllPermissions, setupSecurity } from './security';
import { createMainWindow } from './window';
import { RunManager } from './runs';
import { registerIpcHandlers } from './ipc';
import { RendererChannel } from './renderer-channel';
import { spawnUtilityTrainer } from './utility-trainer';
import { ProjectFiles } from './project-files';
import { AppMenu } from './app-menu';
import { confirmDiscard, projectDialogs } from './dialogs';

/** Runs longer than this get a notification when they finish while the window is in the background. */
const NOTIFY_AFTER_MS = 10_000;

let mainWindow: BrowserWindow | null = null;
const trainerEvents = new RendererChannel(IPC.trainerEvent);
const menu = new AppMenu(() => mainWindow?.webContents ?? null);
const runStarts = new Map<string, number>();

const runs = new RunManager(
  spawnUtilityTrainer,
  (event) => {
    trainerEvents.send(event);
    if (event.type === 'run-started') runStarts.set(event.runId, Date.now());
    if (event.type === 'run-finished' || event.type === 'run-failed') notifyIfAway(event.runId, event.type === 'run-finished');
  },
  availableParallelism(),
);

function notifyIfAway(runId: string, finished: boolean): void {
  const started = runStarts.get(runId);
  runStarts.delete(runId);
  if (!started || Date.now() - started < NOTIFY_AFTER_MS || mainWindow?.isFocused() || !Notification.isSupported()) return;
  new Notification({ title: 'Dendrite', body: finished ? 'Training finished.' : 'Training failed.' }).show();
}

setupSecurity(app, () => mainWindow?.webContents.getURL() ?? '', (url) => void shell.openExternal(url));

registerIpcHandlers(ipcMain, {
  runs,
  projects: new ProjectFiles(projectDialogs(() => mainWindow), app.getPath('userData')),
  isTrustedSender: (sender) => mainWindow !== null && sender === mainWindow.webContents,
  onRendererReady: (sender) => trainerEvents.markReady(sender),
  onMenuState: (state) => menu.update(state),
});

function openMainWindow(): void {
  const window = createMainWindow();
  mainWindow = window;
  trainerEvents.attach(window.webContents);
  window.on('close', (event) => {
    if (menu.current.dirty && !confirmDiscard(window)) event.preventDefault();
  });
  window.on('closed', () => {
    mainWindow = null;
  });
}

app.whenReady().then(() => {
  denyAllPermissions(session.defaultSession);
  menu.install();
  openMainWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openMainWindow();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

app.on('before-quit', () => runs.killAll());
