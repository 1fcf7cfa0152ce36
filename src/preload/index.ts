/**
 * The preload: runs sandboxed with contextIsolation, and exposes one object of
 * named functions. The renderer never sees ipcRenderer.
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { IPC, type DendriteApi, type OpenedFileOfKind } from '../shared/ipc';
import type { FromTrainer } from '../../engine/protocol';
import type { MenuCommand } from '../shared/menu-commands';

/**
 * Paths of the files in the last real drop on the window. Seen here, in the preload's isolated
 * world, from trusted `drop` events only: page script can neither dispatch a trusted event nor
 * make a File that has a path, so main reads a dropped path only when the user really dropped
 * that file — never a path the page names.
 */
let droppedPaths = new Set<string>();
interface DropEvent {
  isTrusted: boolean;
  dataTransfer?: { files?: ArrayLike<File> } | null;
}
const page = globalThis as unknown as { addEventListener?: (type: 'drop', listener: (event: DropEvent) => void, capture: boolean) => void };
page.addEventListener?.(
  'drop',
  (event) => {
    const files = event.dataTransfer?.files;
    if (!event.isTrusted || !files) return;
    droppedPaths = new Set(Array.from(files, (file) => webUtils.getPathForFile(file)).filter((path) => path.length > 0));
  },
  true,
);

const NOT_DROPPED = { ok: false, error: 'Only a file dropped on the window can be opened this way.' } as const;

const api: DendriteApi = {
  platform: process.platform,
  startRun: (request) => ipcRenderer.invoke(IPC.startRun, request),
  stopRun: (runId) => ipcRenderer.invoke(IPC.stopRun, runId),
  pauseRun: (runId) => ipcRenderer.invoke(IPC.pauseRun, runId),
  resumeRun: (runId) => ipcRenderer.invoke(IPC.resumeRun, runId),
  onTrainerEvent(listener) {
    const wrapped = (_event: IpcRendererEvent, message: FromTrainer) => listener(message);
    ipcRenderer.on(IPC.trainerEvent, wrapped);
    return () => ipcRenderer.removeListener(IPC.trainerEvent, wrapped);
  },
  ready: () => ipcRenderer.send(IPC.rendererReady),
  openProject: () => ipcRenderer.invoke(IPC.openProject),
  saveProject: (text, options) => ipcRenderer.invoke(IPC.saveProject, text, options),
  forgetProjectFile: () => ipcRenderer.invoke(IPC.forgetProjectFile),
  writeAutosave: (text) => ipcRenderer.invoke(IPC.writeAutosave, text),
  readAutosave: () => ipcRenderer.invoke(IPC.readAutosave),
  clearAutosave: () => ipcRenderer.invoke(IPC.clearAutosave),
  exportModel: (text, suggestedName) => ipcRenderer.invoke(IPC.exportModel, text, suggestedName),
  exportModelAs: (text, format, suggestedName) => ipcRenderer.invoke(IPC.exportModelAs, text, format, suggestedName),
  importModel: () => ipcRenderer.invoke(IPC.importModel),
  onMenuCommand(listener) {
    const wrapped = (_event: IpcRendererEvent, command: MenuCommand) => listener(command);
    ipcRenderer.on(IPC.menuCommand, wrapped);
    return () => ipcRenderer.removeListener(IPC.menuCommand, wrapped);
  },
  reportMenuState: (state) => ipcRenderer.send(IPC.menuState, state),
  // Only a file of a real drop, once; main validates it again as untrusted input.
  openDroppedFile: (file) => {
    const path = webUtils.getPathForFile(file);
    if (!path || !droppedPaths.has(path)) return Promise.resolve(NOT_DROPPED);
    droppedPaths.delete(path);
    return ipcRenderer.invoke(IPC.openDroppedFile, path);
  },
  onFileOpened(listener) {
    const wrapped = (_event: IpcRendererEvent, file: OpenedFileOfKind) => listener(file);
    ipcRenderer.on(IPC.fileOpened, wrapped);
    return () => ipcRenderer.removeListener(IPC.fileOpened, wrapped);
  },
  openDatasetFiles: () => ipcRenderer.invoke(IPC.openDatasetFiles),
  rereadDatasetFiles: (refs) => ipcRenderer.invoke(IPC.rereadDatasetFiles, refs),
};

contextBridge.exposeInMainWorld('dendrite', api);
