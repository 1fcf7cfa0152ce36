/** The main process: a short list of set-up calls. */
import { app, BrowserWindow, dialog, ipcMain, Notification, protocol, session, shell } from 'electron';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { IPC } from '../shared/ipc';
import { confirmExternal, denyAllPermissions, setupSecurity } from './security';
import { createMainWindow, rendererUrl } from './window';
import { registerAppScheme, serveApp } from './app-protocol';
import { RunManager } from './runs';
import { registerIpcHandlers } from './ipc';
import { RendererChannel } from './renderer-channel';
import { spawnUtilityTrainer } from './utility-trainer';
import { ProjectFiles } from './project-files';
import { AppMenu } from './app-menu';
import { confirmDiscard, projectDialogs } from './dialogs';
import { RecentFiles } from './recent-files';
import { fileArgument } from './file-arguments';

/** Runs longer than this get a notification when they finish while the window is in the background. */
const NOTIFY_AFTER_MS = 10_000;

// Before anything else: every renderer sandboxed, and the app's own scheme (pages never on file://).
app.enableSandbox();
registerAppScheme(protocol);

let mainWindow: BrowserWindow | null = null;
const trainerEvents = new RendererChannel(IPC.trainerEvent);
const openedFiles = new RendererChannel(IPC.fileOpened);
const menu = new AppMenu(() => mainWindow?.webContents ?? null);
const recent = new RecentFiles(join(app.getPath('userData'), 'recent-files.json'), (paths) => {
  menu.setRecent({ paths, open: (path) => void openByPath(path), clear: () => void recent.clear() });
  if (paths.length === 0) app.clearRecentDocuments();
  else app.addRecentDocument(paths[0]);
});
const projects = new ProjectFiles(
  projectDialogs(() => mainWindow),
  app.getPath('userData'),
  recent,
);
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

/** The one page the window may show (navigation anywhere else is blocked). */
const pageUrl = rendererUrl(app.isPackaged);

async function askToOpen(message: string, detail: string): Promise<boolean> {
  const options = { type: 'question' as const, buttons: ['Open in browser', 'Cancel'], defaultId: 1, cancelId: 1, message, detail };
  const window = mainWindow;
  const { response } = window ? await dialog.showMessageBox(window, options) : await dialog.showMessageBox(options);
  return response === 0;
}

setupSecurity(
  app,
  () => pageUrl,
  (url) => void confirmExternal(url, askToOpen, (target) => shell.openExternal(target)),
);

registerIpcHandlers(ipcMain, {
  runs,
  projects,
  isTrustedSender: (sender) => mainWindow !== null && sender === mainWindow.webContents,
  onRendererReady: (sender) => {
    trainerEvents.markReady(sender);
    openedFiles.markReady(sender);
  },
  onMenuState: (state) => {
    menu.update(state);
    mainWindow?.setDocumentEdited(state.dirty);
  },
});

/**
 * Open Recent, the command line and the OS: main reads the file itself (it chose or
 * was given the path), after the same unsaved-changes question Open asks.
 */
async function openByPath(path: string): Promise<void> {
  const window = mainWindow;
  if (window && menu.current.dirty && !confirmDiscard(window, 'Open another file anyway?')) return;
  try {
    openedFiles.send(await projects.openPath(path));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (window) void dialog.showMessageBox(window, { type: 'error', message: 'The file was not opened.', detail: message });
    else dialog.showErrorBox('The file was not opened.', message);
  }
}

// One app instance: a second launch (e.g. double-clicking a project) opens its file here.
// A second launch hands its file to the first (below) and leaves at once, before any window.
const primaryInstance = app.requestSingleInstanceLock();
if (!primaryInstance) app.exit(0);
app.on('second-instance', (_event, argv, cwd) => {
  if (mainWindow?.isMinimized()) mainWindow.restore();
  mainWindow?.focus();
  const path = fileArgument(argv, cwd);
  if (path) void openByPath(path);
});
// macOS delivers files through this event (Finder, the dock), possibly before ready.
app.on('open-file', (event, path) => {
  event.preventDefault();
  if (app.isReady()) void openByPath(path);
  else pendingFile = path;
});
let pendingFile: string | null = fileArgument(process.argv, process.cwd());

function openMainWindow(): void {
  const window = createMainWindow();
  mainWindow = window;
  trainerEvents.attach(window.webContents);
  openedFiles.attach(window.webContents);
  window.on('close', (event) => {
    if (menu.current.dirty && !confirmDiscard(window)) event.preventDefault();
  });
  window.on('closed', () => {
    mainWindow = null;
  });
}

if (primaryInstance)
  void app.whenReady().then(() => {
    denyAllPermissions(session.defaultSession);
    serveApp(protocol, join(__dirname, '../renderer'));
    menu.install();
    void recent.load();
    openMainWindow();
    if (pendingFile) void openByPath(pendingFile);
    pendingFile = null;
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) openMainWindow();
    });
  });

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

app.on('before-quit', () => runs.killAll());
