/**
 * Matching files the user picked (or main re-read) against a project's references, and
 * rebuilding the dataset from them. Pure apart from the store update, so it is tested directly.
 */
import type { DatasetFileRef, DatasetSource, RereadResult } from '../../../shared/dataset-files';
import { addDataset, datasetStore } from './dataset-store';
import { jobFor, type ImportJob, type ImportOutcome, type PickedFile } from './import-job';

export type Match = { kind: 'same'; files: PickedFile[] } | { kind: 'different'; files: PickedFile[]; names: string[] };

/**
 * The picked files in the order of the references when every reference's checksum (and size)
 * is among them; otherwise which references have no identical file.
 */
export function matchFiles(refs: DatasetFileRef[], picked: PickedFile[]): Match {
  const ordered: PickedFile[] = [];
  const unmatched: string[] = [];
  for (const ref of refs) {
    const file = picked.find((p) => p.ref.sha256 === ref.sha256 && p.ref.size === ref.size);
    if (file) ordered.push(file);
    else unmatched.push(ref.name);
  }
  return unmatched.length === 0 ? { kind: 'same', files: ordered } : { kind: 'different', files: picked, names: unmatched };
}

export type RereadVerdict =
  { kind: 'same'; files: PickedFile[] } | { kind: 'missing'; names: string[]; unknown: string[] } | { kind: 'changed'; names: string[]; files: PickedFile[] };

/**
 * What main's re-read means for the prompt: every file identical → load silently; any moved or
 * never-chosen file → ask to locate; otherwise some changed → ask (use anyway / locate / drop).
 */
export function judgeReread(results: RereadResult[]): RereadVerdict {
  const names = (status: RereadResult['status']) =>
    results.flatMap((r) => (r.status !== status ? [] : r.status === 'ok' || r.status === 'changed' ? [r.file.name] : [r.name]));
  const files = results
    .flatMap((r) => (r.status === 'ok' || r.status === 'changed' ? [r.file] : []))
    .map(({ bytes, ...ref }) => ({ name: ref.name, bytes, ref }));
  const missing = names('missing');
  const unknown = names('unknown');
  if (missing.length > 0 || unknown.length > 0) return { kind: 'missing', names: missing, unknown };
  const changed = names('changed');
  return changed.length > 0 ? { kind: 'changed', names: changed, files } : { kind: 'same', files };
}

/**
 * Reads the files with the project's importer into the dataset id the
 * project uses; rejects with a message naming the problem.
 */
export async function rebuildDataset(
  id: string,
  source: DatasetSource,
  files: PickedFile[],
  /** The import worker in the app (importInWorker); the same code in-process in tests. */
  run: (job: ImportJob) => Promise<ImportOutcome>,
  /** The references to keep (an image folder keeps one for the whole folder); by default each file's. */
  refs: DatasetFileRef[] = files.map((f) => f.ref),
): Promise<void> {
  const started = performance.now();
  const names = files.map((f) => f.name);
  const { dataset, warnings } = await run(jobFor(source.importer, files));
  addDataset({
    id,
    label: source.label,
    description: `Imported from ${names.join(', ')} (referenced by the project).`,
    data: dataset,
    warnings,
    loadSeconds: (performance.now() - started) / 1000,
    source: { ...source, files: refs },
  });
  // Only this dataset's prompt is settled: a project opened meanwhile may be waiting on its own.
  const pending = datasetStore.getState().pendingSource;
  if (pending?.id === id) datasetStore.setState({ pendingSource: null });
}
