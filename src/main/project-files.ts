/**
 * Project files as main handles them. Dialogs in main choose every path (the
 * renderer never names one); writes are atomic; the autosave lives in the app's
 * user-data folder.
 */
import { promises as fs } from 'node:fs';
import { basename, isAbsolute, join } from 'node:path';
import { MAX_PROJECT_BYTES, parseProject } from '../shared/project';
import { describeFsError, discardTemp, recoverableTemp, writeFileAtomic } from './atomic-write';
import type { RecentFiles } from './recent-files';
import { exportAs, type ExportFormat, FORMAT_INFO } from '../../engine/export';
import { FileRefused, readRegularFile } from '../../engine/node';
import { DataReadError, decodeText } from '../../engine/data';
import { MAX_TEXT_FILE_BYTES } from '../../engine/spec';

export type FileKind = 'project' | 'model' | ExportFormat;

export interface FileDialogs {
  chooseOpenPath(kind: FileKind): Promise<string | null>;
  chooseSavePath(suggestedName: string, kind: FileKind): Promise<string | null>;
  /**
   * A save of this project was interrupted (a crash between writing and renaming) and its
   * complete copy is newer than the file: open that copy instead? Without it, nothing is offered.
   */
  confirmRecover?(name: string, savedAt: Date): Promise<boolean>;
}

/** Exported models hold weights, so they may be far larger than projects: as large as a text file can be. */
export const MAX_MODEL_BYTES = MAX_TEXT_FILE_BYTES;

const EXTENSION: Record<'project' | 'model', string> = { project: '.dendrite.json', model: '.model.json' };

function withExtension(name: string, kind: 'project' | 'model'): string {
  return name.endsWith(EXTENSION[kind]) ? name : `${name.replace(/\.json$/, '')}${EXTENSION[kind]}`;
}

/** A file opened by path (Open Recent, a dropped file, the command line): a project or a model. */
export interface OpenedByPath {
  kind: FileKind;
  name: string;
  text: string;
}

export class ProjectFiles {
  /** The file Save writes to, set by Open and Save As. */
  private currentPath: string | null = null;

  constructor(
    private readonly dialogs: FileDialogs,
    private readonly userDataDir: string,
    private readonly recent: RecentFiles | null = null,
  ) {}

  get autosavePath(): string {
    return join(this.userDataDir, 'autosave.dendrite.json');
  }

  async open(): Promise<{ name: string; text: string } | null> {
    const path = await this.dialogs.chooseOpenPath('project');
    if (!path) return null;
    const text = await this.interruptedSaveOr(path, await readLimited(path, MAX_PROJECT_BYTES, 'a Dendrite project'));
    await this.adoptProject(path, text);
    return { name: basename(path), text };
  }

  /**
   * The text of a save of `path` that a crash interrupted, when the user wants it back;
   * otherwise `text`. Leftover temporary files are cleaned up either way.
   */
  private async interruptedSaveOr(path: string, text: string): Promise<string> {
    if (!this.dialogs.confirmRecover) return text;
    const temp = await recoverableTemp(path, (candidate) => parseProject(candidate).ok, MAX_PROJECT_BYTES);
    if (!temp) return text;
    const recover = await this.dialogs.confirmRecover(basename(path), temp.modified);
    await discardTemp(temp);
    return recover ? temp.text : text;
  }

  /**
   * Opens a project or a model by path. Projects are validated here, before Save is
   * pointed at them, so a malformed file can never become the file Save overwrites.
   * Models are passed on whole: the renderer imports them all-or-nothing.
   */
  async openPath(path: string): Promise<OpenedByPath> {
    let text: string;
    try {
      text = await readLimited(path, MAX_MODEL_BYTES, 'a Dendrite project or model');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') await this.recent?.remove(path);
      throw error;
    }
    if (text.length <= MAX_PROJECT_BYTES && formatOf(text) !== 'dendrite.model') {
      const project = await this.interruptedSaveOr(path, text);
      await this.adoptProject(path, project);
      return { kind: 'project', name: basename(path), text: project };
    }
    if (formatOf(text) !== 'dendrite.model') throw new Error(`${basename(path)} is neither a Dendrite project nor a Dendrite model.`);
    return { kind: 'model', name: basename(path), text };
  }

  /**
   * A file the user dropped on the window. The path comes through the renderer, so it
   * is checked like untrusted input: an absolute path to an existing regular `.json`
   * file, which must then parse as a project or a model before anything uses it.
   */
  async openDropped(path: unknown): Promise<OpenedByPath> {
    if (typeof path !== 'string' || path.length === 0 || path.length > 4096 || !isAbsolute(path) || path.includes('\0')) {
      throw new Error('invalid dropped file');
    }
    if (!/\.json$/i.test(path)) throw new Error(`${basename(path)} is not a Dendrite file: projects and models are .json files.`);
    const stat = await fs.stat(path).catch(() => null);
    if (!stat?.isFile()) throw new Error(`Could not open ${basename(path)}: it is not a readable file.`);
    return this.openPath(path);
  }

  private async adoptProject(path: string, text: string): Promise<void> {
    const parsed = parseProject(text);
    if (!parsed.ok) throw new Error(`${basename(path)}: ${parsed.error}`);
    this.currentPath = path;
    await this.recent?.add(path);
  }

  async save(text: string, options: { suggestedName: string; saveAs: boolean }): Promise<{ name: string } | null> {
    let path = options.saveAs ? null : this.currentPath;
    if (!path) {
      path = await this.dialogs.chooseSavePath(withExtension(options.suggestedName, 'project'), 'project');
      if (!path) return null;
    }
    await writeFileAtomic(path, text);
    this.currentPath = path;
    await this.recent?.add(path);
    return { name: basename(path) };
  }

  forget(): void {
    this.currentPath = null;
  }

  async writeAutosave(text: string): Promise<void> {
    await fs.mkdir(this.userDataDir, { recursive: true });
    await writeFileAtomic(this.autosavePath, text);
  }

  async readAutosave(): Promise<string | null> {
    // An autosave interrupted before its rename is completed now, so recovery offers the newest work.
    const temp = await recoverableTemp(this.autosavePath, (text) => parseProject(text).ok, MAX_PROJECT_BYTES).catch(() => null);
    if (temp) await fs.rename(temp.path, this.autosavePath).catch(() => undefined);
    try {
      return await readLimited(this.autosavePath, MAX_PROJECT_BYTES, 'a Dendrite project');
    } catch {
      return null;
    }
  }

  async clearAutosave(): Promise<void> {
    await fs.rm(this.autosavePath, { force: true });
  }

  /** Export Model: always asks where (a model is a new file, not the project). */
  async exportModel(text: string, suggestedName: string): Promise<{ name: string } | null> {
    const path = await this.dialogs.chooseSavePath(withExtension(suggestedName, 'model'), 'model');
    if (!path) return null;
    await writeFileAtomic(path, text);
    return { name: basename(path) };
  }

  /** Export ONNX/PyTorch/NumPy: the file is built (and the model validated) before the dialog opens. */
  async exportModelAs(text: string, format: ExportFormat, suggestedName: string): Promise<{ name: string } | null> {
    const checked = exportAs(format, text);
    if (!checked.ok) throw new Error(checked.error);
    const path = await this.dialogs.chooseSavePath(FORMAT_INFO[format].fileName(suggestedName), format);
    if (!path) return null;
    // The scripts name themselves in their usage lines: built again under the chosen name.
    const named = exportAs(format, text, basename(path));
    if (!named.ok) throw new Error(named.error);
    await writeFileAtomic(path, named.bytes);
    return { name: basename(path) };
  }

  async importModel(): Promise<{ name: string; text: string } | null> {
    const path = await this.dialogs.chooseOpenPath('model');
    if (!path) return null;
    return { name: basename(path), text: await readLimited(path, MAX_MODEL_BYTES, 'a Dendrite model') };
  }
}

/** The `format` of a JSON file, or null when it is not JSON with one. */
function formatOf(text: string): string | null {
  try {
    const format = (JSON.parse(text) as { format?: unknown } | null)?.format;
    return typeof format === 'string' ? format : null;
  } catch {
    return null;
  }
}

/**
 * Every path main reads a project or model from (dialogs, Open Recent, a drop, argv, the OS):
 * a regular file within the size limit, decoded as text, or one short line saying why not.
 */
async function readLimited(path: string, maxBytes: number, what: string): Promise<string> {
  try {
    return decodeText(await readRegularFile(path, maxBytes), basename(path));
  } catch (error) {
    if (error instanceof FileRefused && error.code === 'ETOOBIG') throw new Error(`${basename(path)} is too large to be ${what}.`, { cause: error });
    if (error instanceof FileRefused) throw new Error(`${error.message}.`, { cause: error });
    if (error instanceof DataReadError) throw new Error(`Could not open ${error.message}.`, { cause: error });
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'it was moved or deleted.' : describeFsError(error);
    throw Object.assign(new Error(`Could not open ${basename(path)}: ${reason}`, { cause: error }), { code });
  }
}
