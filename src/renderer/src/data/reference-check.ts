/**
 * Matching files the user picked (or main re-read) against a project's references, and
 * rebuilding the dataset from them. Pure apart from the store update, so it is tested directly.
 */
import type { DatasetFileRef, DatasetSource } from '../../../shared/dataset-files';
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
  datasetStore.setState({ pendingSource: null });
}
