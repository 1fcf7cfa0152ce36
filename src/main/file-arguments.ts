/**
 * A project or model named on the command line (`dendrite net.dendrite.json`, or the
 * OS starting us for a file association): the last `.json` argument, made absolute.
 * Flags and Electron's own arguments (the app path, `--inspect`, …) are skipped.
 */
import { isAbsolute, resolve } from 'node:path';

export function fileArgument(argv: readonly string[], cwd: string): string | null {
  // argv[0] is the executable; in development argv[1] is the app folder.
  for (let i = argv.length - 1; i >= 1; i--) {
    const arg = argv[i];
    if (arg.startsWith('-') || !/\.json$/i.test(arg)) continue;
    return isAbsolute(arg) ? arg : resolve(cwd, arg);
  }
  return null;
}
