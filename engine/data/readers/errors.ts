/**
 * Every reader fails the same way: a `DataReadError` whose message names the file and
 * the problem, thrown before anything is returned (nothing half-loads).
 */
import type { Dataset } from '../dataset';

export class DataReadError extends Error {
  override name = 'DataReadError';
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(`${file}: ${problem}`);
  }
}

/** What a reader returns: the dataset, plus non-fatal notes (dropped rows, unreadable images). */
export interface ReadResult {
  dataset: Dataset;
  warnings: string[];
}
