/** Native dialogs; main chooses every path the app reads or writes. */
import { dialog, type BrowserWindow } from 'electron';
import type { FileDialogs, FileKind } from './project-files';

const FILTERS: Record<FileKind, { name: string; extensions: string[] }[]> = {
  project: [{ name: 'Dendrite project', extensions: ['json'] }],
  model: [{ name: 'Dendrite model', extensions: ['json'] }],
  onnx: [{ name: 'ONNX model', extensions: ['onnx'] }],
  pytorch: [{ name: 'Python script (PyTorch)', extensions: ['py'] }],
  numpy: [{ name: 'Python script (NumPy)', extensions: ['py'] }],
};

export function projectDialogs(parent: () => BrowserWindow | null): FileDialogs {
  return {
    async chooseOpenPath(kind) {
      const options = { properties: ['openFile' as const], filters: FILTERS[kind] };
      const window = parent();
      const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    async chooseSavePath(suggestedName, kind) {
      const options = { defaultPath: suggestedName, filters: FILTERS[kind] };
      const window = parent();
      const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
      return result.canceled ? null : (result.filePath ?? null);
    },
    async confirmRecover(name, savedAt) {
      const options = {
        type: 'question' as const,
        buttons: ['Open the newer copy', 'Open the file as it is'],
        defaultId: 0,
        cancelId: 1,
        message: `A save of ${name} was interrupted.`,
        detail: `Its complete copy from ${savedAt.toLocaleString()} is newer than the file. Open that copy? (Either way the copy is then removed; saving writes the file.)`,
      };
      const window = parent();
      const result = window ? await dialog.showMessageBox(window, options) : await dialog.showMessageBox(options);
      return result.response === 0;
    },
  };
}

/** Asks before a window with unsaved changes closes; true means close anyway. */
export function confirmDiscard(
  window: BrowserWindow,
  detail = 'Close it anyway? The last autosave (a few seconds old) is offered back the next time Dendrite starts.',
): boolean {
  const choice = dialog.showMessageBoxSync(window, {
    type: 'warning',
    buttons: ['Cancel', 'Discard changes'],
    defaultId: 0,
    cancelId: 0,
    message: 'This project has unsaved changes.',
    detail,
  });
  return choice === 1;
}
