/**
 * The renderer ↔ main contract: one table of channel names imported by both sides,
 * and the shape of the API the preload exposes as `window.dendrite`.
 */
import type { FromTrainer, RunRequest } from '../../engine/protocol';
import type { MenuCommand, MenuState } from './menu-commands';
import type { DatasetFileRead, DatasetFileRef, RereadResult } from './dataset-files';
import type { ExportFormat } from '../../engine/export';

export const IPC = {
  startRun: 'dendrite:run:start',
  stopRun: 'dendrite:run:stop',
  pauseRun: 'dendrite:run:pause',
  resumeRun: 'dendrite:run:resume',
  rendererReady: 'dendrite:renderer-ready',
  trainerEvent: 'dendrite:trainer-event',
  openProject: 'dendrite:project:open',
  saveProject: 'dendrite:project:save',
  forgetProjectFile: 'dendrite:project:forget',
  writeAutosave: 'dendrite:autosave:write',
  readAutosave: 'dendrite:autosave:read',
  clearAutosave: 'dendrite:autosave:clear',
  exportModel: 'dendrite:model:export',
  exportModelAs: 'dendrite:model:export-as',
  importModel: 'dendrite:model:import',
  menuCommand: 'dendrite:menu:command',
  menuState: 'dendrite:menu:state',
  openDroppedFile: 'dendrite:file:open-dropped',
  fileOpened: 'dendrite:file:opened',
  openDatasetFiles: 'dendrite:dataset:open',
  rereadDatasetFiles: 'dendrite:dataset:reread',
} as const;

export type IpcChannel = (typeof IPC)[keyof typeof IPC];

/** Every invoke answers with this, so a rejected request reaches the UI as a message, not an exception. */
export type IpcResult = { ok: true } | { ok: false; error: string };
/** An invoke that answers with a value: null means the user cancelled a dialog. */
export type IpcValue<T> = { ok: true; value: T } | { ok: false; error: string };

/** A file main read for the renderer, and whether it is a project or a model. */
export interface OpenedFileOfKind {
  kind: 'project' | 'model';
  name: string;
  text: string;
}

/** What the preload exposes. Named functions only: never ipcRenderer itself. */
export interface DendriteApi {
  readonly platform: string;
  startRun(request: RunRequest): Promise<IpcResult>;
  stopRun(runId: string): Promise<IpcResult>;
  pauseRun(runId: string): Promise<IpcResult>;
  resumeRun(runId: string): Promise<IpcResult>;
  /** Subscribes to trainer events relayed by main; returns the unsubscribe function. */
  onTrainerEvent(listener: (event: FromTrainer) => void): () => void;
  /** Tells main the renderer is listening, so queued events can flow. */
  ready(): void;
  /** Main shows the Open dialog and reads the file; the renderer never names a path. */
  openProject(): Promise<IpcValue<{ name: string; text: string } | null>>;
  /** Main writes atomically to the current file, or asks where (first save, or saveAs). */
  saveProject(text: string, options: { suggestedName: string; saveAs: boolean }): Promise<IpcValue<{ name: string } | null>>;
  forgetProjectFile(): Promise<IpcResult>;
  writeAutosave(text: string): Promise<IpcResult>;
  readAutosave(): Promise<IpcValue<string | null>>;
  clearAutosave(): Promise<IpcResult>;
  /** Main asks where, then writes the model JSON atomically; null when cancelled. */
  exportModel(text: string, suggestedName: string): Promise<IpcValue<{ name: string } | null>>;
  /** Main converts the model JSON to ONNX or a Python script, asks where, and writes it atomically; null when cancelled. */
  exportModelAs(text: string, format: ExportFormat, suggestedName: string): Promise<IpcValue<{ name: string } | null>>;
  /** Main shows the Open dialog for a model file and reads it. */
  importModel(): Promise<IpcValue<{ name: string; text: string } | null>>;
  /** Menu clicks, carried out by the renderer; returns the unsubscribe function. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
  /** What menu items should be enabled (and whether closing would lose work). */
  reportMenuState(state: MenuState): void;
  /**
   * A project or model file dropped on the window: the preload takes its path from the
   * File object (webUtils), main checks it and reads the file like Open would.
   */
  openDroppedFile(file: File): Promise<IpcValue<OpenedFileOfKind>>;
  /** Files main opened itself (Open Recent, the command line, the OS); returns the unsubscribe function. */
  onFileOpened(listener: (file: OpenedFileOfKind) => void): () => void;
  /** Main shows the Open dialog for dataset files and reads them (bytes, size, SHA-256); null when cancelled. */
  openDatasetFiles(): Promise<IpcValue<DatasetFileRead[] | null>>;
  /** Main reads referenced dataset files again, reporting moved, changed or never-chosen paths. */
  rereadDatasetFiles(refs: DatasetFileRef[]): Promise<IpcValue<RereadResult[]>>;
}
