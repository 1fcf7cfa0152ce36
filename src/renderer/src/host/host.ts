/**
 * Everything the renderer needs from the outside world. Two implementations:
 * the Electron preload (`window.dendrite`) and the web host (a Web Worker).
 */
import type { FromTrainer, RunRequest } from '../../../../engine/protocol';
import type { MenuCommand, MenuState } from '../../../shared/menu-commands';
import type { OpenedFileOfKind } from '../../../shared/ipc';
import type { ExportFormat } from '../../../../engine/export';
import type { DatasetFileRead, DatasetFileRef, RereadResult } from '../../../shared/dataset-files';

export interface Host {
  readonly kind: 'electron' | 'web';
  /** Rejects with a readable message when the request is refused. */
  startRun(request: RunRequest): Promise<void>;
  stopRun(runId: string): Promise<void>;
  pauseRun(runId: string): Promise<void>;
  resumeRun(runId: string): Promise<void>;
  /** Every trainer event of every run; returns the unsubscribe function. */
  onTrainerEvent(listener: (event: FromTrainer) => void): () => void;

  /** Lets the user choose a project file; null when they cancel. */
  openProject(): Promise<OpenedFile | null>;
  /**
   * Saves project text: to the file it came from, or (first save, or saveAs) where
   * the user chooses. Null when they cancel.
   */
  saveProject(text: string, options: { suggestedName: string; saveAs: boolean }): Promise<{ name: string } | null>;
  /** Keeps a crash-recovery copy of unsaved work. */
  writeAutosave(text: string): Promise<void>;
  readAutosave(): Promise<string | null>;
  clearAutosave(): Promise<void>;
  /** Forgets which file Save writes to (New). */
  forgetProjectFile(): Promise<void>;
  /** Saves an exported model where the user chooses (a download on the web); null when cancelled. */
  exportModel(text: string, suggestedName: string): Promise<{ name: string } | null>;
  /** Saves the model as ONNX or a Python script where the user chooses (a download on the web); null when cancelled. */
  exportModelAs(text: string, format: ExportFormat, suggestedName: string): Promise<{ name: string } | null>;
  /** Lets the user choose a model file; null when they cancel. */
  importModel(): Promise<OpenedFile | null>;
  /**
   * A project or model file dropped on the window, read the way Open or Import Model
   * would (on the desktop, Save then writes back to a dropped project).
   */
  openDroppedFile(file: File): Promise<OpenedFileOfKind>;
  /** Files the desktop opened by itself (Open Recent, command line, OS); the web host never calls it. */
  onFileOpened(listener: (file: OpenedFileOfKind) => void): () => void;
  /** Native menu clicks (the web host has no native menu and never calls the listener). */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
  reportMenuState(state: MenuState): void;
  /** Desktop only: main's dialog for dataset files, read with size and SHA-256; null when cancelled. */
  openDatasetFiles?(): Promise<DatasetFileRead[] | null>;
  /** Desktop only: main reads referenced dataset files again (the web host asks the user to pick them). */
  rereadDatasetFiles?(refs: DatasetFileRef[]): Promise<RereadResult[]>;
}

export interface OpenedFile {
  name: string;
  text: string;
}

export type { OpenedFileOfKind };
