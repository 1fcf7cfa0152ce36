/**
 * IPC handlers: each validates its payload with the protocol's schemas and ignores
 * senders that are not our window.
 */
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { IPC, type IpcResult } from '../shared/ipc';
import { parseRunId, parseRunRequest } from '../../engine/protocol/schema';
import type { RunManager } from './runs';

export interface IpcDeps {
  runs: RunManager;
  /** True only for the webContents of our own window. */
  isTrustedSender(sender: WebContents): boolean;
  onRendererReady(sender: WebContents): void;
}

const refused: IpcResult = { ok: false, error: 'request refused: unknown sender' };

export function registerIpcHandlers(ipcMain: IpcMain, deps: IpcDeps): void {
  const handle = (channel: string, handler: (payload: unknown) => IpcResult) => {
    ipcMain.handle(channel, (event: IpcMainInvokeEvent, payload: unknown) => {
      if (!deps.isTrustedSender(event.sender)) return refused;
      try {
        return handler(payload);
      } catch (error) {
        return { ok: false, error: error instanceof Error ? error.message : String(error) } satisfies IpcResult;
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

  ipcMain.on(IPC.rendererReady, (event) => {
    if (deps.isTrustedSender(event.sender)) deps.onRendererReady(event.sender);
  });
}
