/**
 * The preload: runs sandboxed with contextIsolation, and exposes one object of
 * named functions. The renderer never sees ipcRenderer.
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { IPC, type DendriteApi, type OpenedFileOfKind } from '../shared/ipc';
import type { FromTrainer } from '../../engine/protocol/messages';
import type { MenuCommand } from '../shared/menu-commands';

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
  // Only a real dropped File has a path (an empty string otherwise); main validates it anyway.
  openDroppedFile: (file) => ipcRenderer.invoke(IPC.openDroppedFile, webUtils.getPathForFile(file)),
  onFileOpened(listener) {
    const wrapped = (_event: IpcRendererEvent, file: OpenedFileOfKind) => listener(file);
    ipcRenderer.on(IPC.fileOpened, wrapped);
    return () => ipcRenderer.removeListener(IPC.fileOpened, wrapped);
  },
  openDatasetFiles: () => ipcRenderer.invoke(IPC.openDatasetFiles),
  rereadDatasetFiles: (refs) => ipcRenderer.invoke(IPC.rereadDatasetFiles, refs),
};

contextBridge.exposeInMainWorld('dendrite', api);
