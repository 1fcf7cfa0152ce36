/**
 * CSV text → Dataset with the defaults the CLI uses: the label in the last column, the task
 * decided from it (text or few whole numbers: classes; other numbers: regression), and any
 * bad row an error. The reading itself is the app's reader (readers/csv.ts, papaparse:
 * quoted commas, TSV and semicolons), so the CLI and the app accept the same files.
 */
import type { Dataset } from './dataset';
import { readCsv, type CsvOptions } from './readers/csv';

export function parseCsv(text: string, source = 'csv', options: CsvOptions = {}): Dataset {
  return readCsv(text, source, { onBadRow: 'stop', ...options }).dataset;
}
