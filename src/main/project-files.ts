/**
 * Project files as main handles them. Dialogs in main choose every path (the
 * renderer never names one); writes are atomic; the autosave lives in the app's
 * user-data folder.
 */
import { promises as fs } from 'node:fs';
import { basename, join } from 'node:path';
import { MAX_PROJECT_BYTES } from '../shared/project';
import { describeFsError, writeFileAtomic } from './atomic-write';

export type FileKind = 'project' | 'model';

export interface FileDialogs {
  chooseOpenPath(kind: FileKind): Promise<string | null>;
  chooseSavePath(suggestedName: string, kind: FileKind): Promise<string | null>;
}

/** Exported models hold weights, so they may be far larger than projects. */
export const MAX_MODEL_BYTES = 512 * 1024 * 1024;

const EXTENSION: Record<FileKind, string> = { project: '.dendrite.json', model: '.model.json' };

function withExtension(name: string, kind: FileKind): string {
  return name.endsWith(EXTENSION[kind]) ? name : `${name.replace(/\.json$/, '')}${EXTENSION[kind]}`;
}

export class ProjectFiles {
  /** The file Save writes to, set by Open and Save As. */
  private currentPath: string | null = null;

  constructor(
    private readonly dialogs: FileDialogs,
    private readonly userDataDir: string,
  ) {}

  get autosavePath(): string {
    return join(this.userDataDir, 'autosave.dendrite.json');
  }

  async open(): Promise<{ name: string; text: string } | null> {
    const path = await this.dialogs.chooseOpenPath('project');
    if (!path) return null;
    const text = await readLimited(path, MAX_PROJECT_BYTES, 'a Dendrite project');
    this.currentPath = path;
    return { name: basename(path), text };
  }

  async save(text: string, options: { suggestedName: string; saveAs: boolean }): Promise<{ name: string } | null> {
    let path = options.saveAs ? null : this.currentPath;
    if (!path) {
      path = await this.dialogs.chooseSavePath(withExtension(options.suggestedName, 'project'), 'project');
      if (!path) return null;
    }
    await writeFileAtomic(path, text);
    this.currentPath = path;
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

  async importModel(): Promise<{ name: string; text: string } | null> {
    const path = await this.dialogs.chooseOpenPath('model');
    if (!path) return null;
    return { name: basename(path), text: await readLimited(path, MAX_MODEL_BYTES, 'a Dendrite model') };
  }
}

async function readLimited(path: string, maxBytes: number, what: string): Promise<string> {
  try {
    const stat = await fs.stat(path);
    if (stat.size > maxBytes) throw new Error(`${basename(path)} is too large to be ${what}.`);
    return await fs.readFile(path, 'utf8');
  } catch (error) {
    if (error instanceof Error && error.message.includes('too large')) throw error;
    throw new Error(`Could not open ${basename(path)}: ${describeFsError(error)}`);
  }
}
