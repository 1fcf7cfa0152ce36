/**
 * Project files as main handles them. Dialogs in main choose every path (the
 * renderer never names one); writes are atomic; the autosave lives in the app's
 * user-data folder.
 */
import { promises as fs } from 'node:fs';
import { basename, join } from 'node:path';
import { MAX_PROJECT_BYTES } from '../shared/project';
import { describeFsError, writeFileAtomic } from './atomic-write';

export interface FileDialogs {
  chooseOpenPath(): Promise<string | null>;
  chooseSavePath(suggestedName: string): Promise<string | null>;
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
    const path = await this.dialogs.chooseOpenPath();
    if (!path) return null;
    const text = await readLimited(path);
    this.currentPath = path;
    return { name: basename(path), text };
  }

  async save(text: string, options: { suggestedName: string; saveAs: boolean }): Promise<{ name: string } | null> {
    let path = options.saveAs ? null : this.currentPath;
    if (!path) {
      const suggested = options.suggestedName.endsWith('.dendrite.json')
        ? options.suggestedName
        : `${options.suggestedName}.dendrite.json`;
      path = await this.dialogs.chooseSavePath(suggested);
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
      return await readLimited(this.autosavePath);
    } catch {
      return null;
    }
  }

  async clearAutosave(): Promise<void> {
    await fs.rm(this.autosavePath, { force: true });
  }
}

async function readLimited(path: string): Promise<string> {
  try {
    const stat = await fs.stat(path);
    if (stat.size > MAX_PROJECT_BYTES) throw new Error(`${basename(path)} is too large to be a Dendrite project.`);
    return await fs.readFile(path, 'utf8');
  } catch (error) {
    if (error instanceof Error && error.message.includes('too large')) throw error;
    throw new Error(`Could not open ${basename(path)}: ${describeFsError(error)}`);
  }
}
