import type { DendriteApi, IpcResult, IpcValue } from '../../../shared/ipc';
import type { Host } from './host';

function check(result: IpcResult): void {
  if (!result.ok) throw new Error(result.error);
}

function value<T>(result: IpcValue<T>): T {
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

export function createElectronHost(api: DendriteApi): Host {
  let announced = false;
  return {
    kind: 'electron',
    startRun: async (request) => check(await api.startRun(request)),
    stopRun: async (runId) => check(await api.stopRun(runId)),
    pauseRun: async (runId) => check(await api.pauseRun(runId)),
    resumeRun: async (runId) => check(await api.resumeRun(runId)),
    openProject: async () => value(await api.openProject()),
    saveProject: async (text, options) => value(await api.saveProject(text, options)),
    forgetProjectFile: async () => check(await api.forgetProjectFile()),
    writeAutosave: async (text) => check(await api.writeAutosave(text)),
    readAutosave: async () => value(await api.readAutosave()),
    clearAutosave: async () => check(await api.clearAutosave()),
    exportModel: async (text, name) => value(await api.exportModel(text, name)),
    exportModelAs: async (text, format, name) => value(await api.exportModelAs(text, format, name)),
    importModel: async () => value(await api.importModel()),
    openDroppedFile: async (file) => value(await api.openDroppedFile(file)),
    onFileOpened: (listener) => api.onFileOpened(listener),
    onMenuCommand: (listener) => api.onMenuCommand(listener),
    reportMenuState: (state) => api.reportMenuState(state),
    openDatasetFiles: async () => value(await api.openDatasetFiles()),
    rereadDatasetFiles: async (refs) => value(await api.rereadDatasetFiles(refs)),
    onTrainerEvent(listener) {
      const unsubscribe = api.onTrainerEvent(listener);
      // Main queues events until someone listens; say so once the first listener is in place.
      if (!announced) {
        announced = true;
        api.ready();
      }
      return unsubscribe;
    },
  };
}
