/**
 * File ▸ Open Recent: the last projects opened or saved, newest first, kept in the
 * app's user-data folder. Paths here were all chosen by the user in main (dialogs,
 * a dropped file, the command line), never typed by the renderer.
 */
import { promises as fs } from 'node:fs';
import { isAbsolute } from 'node:path';
import { writeFileAtomic } from './atomic-write';

export const MAX_RECENT = 10;

export class RecentFiles {
  private paths: string[] = [];

  constructor(
    private readonly file: string,
    /** Called after every change, e.g. to rebuild the menu. */
    private readonly onChange: (paths: readonly string[]) => void = () => undefined,
  ) {}

  get list(): readonly string[] {
    return this.paths;
  }

  /** Reads the saved list; a missing or malformed file is an empty list, never an error. */
  async load(): Promise<void> {
    try {
      const json: unknown = JSON.parse(await fs.readFile(this.file, 'utf8'));
      const paths = Array.isArray(json) ? json.filter((p): p is string => typeof p === 'string' && isAbsolute(p)) : [];
      this.paths = [...new Set(paths)].slice(0, MAX_RECENT);
    } catch {
      this.paths = [];
    }
    this.onChange(this.paths);
  }

  async add(path: string): Promise<void> {
    await this.replace([path, ...this.paths.filter((p) => p !== path)].slice(0, MAX_RECENT));
  }

  async remove(path: string): Promise<void> {
    if (this.paths.includes(path)) await this.replace(this.paths.filter((p) => p !== path));
  }

  async clear(): Promise<void> {
    await this.replace([]);
  }

  private async replace(paths: string[]): Promise<void> {
    this.paths = paths;
    this.onChange(this.paths);
    // The list is a convenience: failing to persist it must not fail the open or save.
    await writeFileAtomic(this.file, `${JSON.stringify(paths, null, 2)}\n`).catch(() => undefined);
  }
}
