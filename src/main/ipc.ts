/**
 * IPC handlers: each validates its payload with the protocol's schemas and ignores
 * senders that are not our window.
 */
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { IPC, type IpcResult, type IpcValue } from '../shared/ipc';
import { MAX_PROJECT_BYTES } from '../shared/project';
import { MAX_MODEL_BYTES, type ProjectFiles } from './project-files';
import { parseMenuState, type MenuState } from '../shared/menu-commands';
import { parseRunId, parseRunRequest } from '../../engine/protocol';
import type { RunManager } from './runs';
import type { DatasetFiles } from './dataset-files';
import { isExportFormat } from '../../engine/export';
import { oneLine } from '../../engine/spec';

export interface IpcDeps {
  runs: RunManager;
  projects: ProjectFiles;
  /** True only for the webContents of our own window. */
  isTrustedSender(sender: WebContents): boolean;
  onRendererReady(sender: WebContents): void;
  onMenuState(state: MenuState): void;
  /** Dataset files (dialog, re-read by reference); by default made on first use from the app's user data. */
  datasets?: DatasetFiles;
}

const refused = { ok: false, error: 'request refused: unknown sender' } as const;

export function registerIpcHandlers(ipcMain: IpcMain, deps: IpcDeps): void {
  const handle = (channel: string, handler: (payload: unknown) => IpcResult) => {
    ipcMain.handle(channel, (event: IpcMainInvokeEvent, payload: unknown) => {
      if (!deps.isTrustedSender(event.sender)) return refused;
      try {
        return handler(payload);
      } catch (error) {
        return { ok: false, error: oneLine(error instanceof Error ? error.message : String(error)) } satisfies IpcResult;
      }
    });
  };

  handle(IPC.startRun, (payload) => {
    const parsed = parseRunRequest(payload);
    if (!parsed.ok) return { ok: false, error: `invalid run request: ${parsed.error}` };
    deps.runs.start(parsed.value);
    return { ok: true };
  });

  const control = (channel: string, type: 'stop-run' | 'pause-run' | 'resume-run') =>
    handle(channel, (payload) => {
      const parsed = parseRunId(payload);
      if (!parsed.ok) return { ok: false, error: `invalid run id: ${parsed.error}` };
      return deps.runs.send(parsed.value, type) ? { ok: true } : { ok: false, error: `no run ${parsed.value}` };
    });
  control(IPC.stopRun, 'stop-run');
  control(IPC.pauseRun, 'pause-run');
  control(IPC.resumeRun, 'resume-run');

  /** Async handlers answering with a value; errors become messages, never exceptions across IPC. */
  const handleValue = <T>(channel: string, handler: (...payload: unknown[]) => Promise<T>) => {
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, ...payload: unknown[]): Promise<IpcValue<T>> => {
      if (!deps.isTrustedSender(event.sender)) return { ok: false, error: refused.error };
      try {
        return { ok: true, value: await handler(...payload) };
      } catch (error) {
        // One short line for the app's banner, whatever the error quoted.
        return { ok: false, error: oneLine(error instanceof Error ? error.message : String(error)) };
      }
    });
  };
  const projectText = (value: unknown): string => {
    if (typeof value !== 'string') throw new Error('invalid project: expected text');
    if (value.length > MAX_PROJECT_BYTES) throw new Error('invalid project: too large');
    return value;
  };
  const saveOptions = (value: unknown): { suggestedName: string; saveAs: boolean } => {
    const options = value as { suggestedName?: unknown; saveAs?: unknown } | null;
    if (typeof options?.suggestedName !== 'string' || typeof options.saveAs !== 'boolean') {
      throw new Error('invalid save options');
    }
    // Only a file name is accepted from the renderer, never a path.
    // eslint-disable-next-line no-control-regex -- control characters are refused in file names
    const name = options.suggestedName.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').slice(0, 120) || 'untitled';
    return { suggestedName: name, saveAs: options.saveAs };
  };

  const modelText = (value: unknown): string => {
    if (typeof value !== 'string') throw new Error('invalid model: expected text');
    if (value.length > MAX_MODEL_BYTES) throw new Error('invalid model: too large');
    return value;
  };

  handleValue(IPC.openProject, () => deps.projects.open());
  handleValue(IPC.exportModel, (text, name) => deps.projects.exportModel(modelText(text), saveOptions({ suggestedName: name, saveAs: true }).suggestedName));
  handleValue(IPC.exportModelAs, (text, format, name) => {
    if (typeof format !== 'string' || !isExportFormat(format)) throw new Error('invalid export format');
    return deps.projects.exportModelAs(modelText(text), format, saveOptions({ suggestedName: name, saveAs: true }).suggestedName);
  });
  handleValue(IPC.importModel, () => deps.projects.importModel());
  handleValue(IPC.openDroppedFile, (path) => deps.projects.openDropped(path));
  handleValue(IPC.saveProject, (text, options) => deps.projects.save(projectText(text), saveOptions(options)));
  handleValue(IPC.readAutosave, () => deps.projects.readAutosave());
  handleValue(IPC.writeAutosave, async (text) => {
    await deps.projects.writeAutosave(projectText(text));
    return true;
  });
  handleValue(IPC.clearAutosave, async () => {
    await deps.projects.clearAutosave();
    return true;
  });
  handleValue(IPC.forgetProjectFile, async () => {
    deps.projects.forget();
    return true;
  });

  // Loaded on first use: dataset-files needs electron's dialog and app, which tests of this module do not provide.
  let datasets: Promise<DatasetFiles> | null = deps.datasets ? Promise.resolve(deps.datasets) : null;
  const datasetFiles = () => (datasets ??= import('./dataset-files').then((m) => m.createDatasetFiles()));
  handleValue(IPC.openDatasetFiles, async () => (await datasetFiles()).open());
  // The references come from the renderer: DatasetFiles validates them and reads only paths the user chose in main.
  handleValue(IPC.rereadDatasetFiles, async (refs) => (await datasetFiles()).reread(refs));

  ipcMain.on(IPC.menuState, (event, payload: unknown) => {
    if (!deps.isTrustedSender(event.sender)) return;
    const state = parseMenuState(payload);
    if (state) deps.onMenuState(state);
  });

  ipcMain.on(IPC.rendererReady, (event) => {
    if (deps.isTrustedSender(event.sender)) deps.onRendererReady(event.sender);
  });
}
