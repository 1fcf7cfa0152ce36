/**
 * The prompt for a project's imported dataset. On the desktop main re-reads the referenced
 * paths: identical files load silently; a moved or changed file asks the user to locate it,
 * use it anyway (changed) or drop the dataset. The web host cannot read by path, so it asks
 * for the files again and checks their SHA-256 against the project's.
 */
import { useEffect, useState } from 'react';
import { useServices } from '../stores';
import { DEFAULT_SETTINGS } from '../run/settings-store';
import { datasetStore, useDatasetStore } from './dataset-store';
import { PickFiles, type PickedFile } from './PickFiles';
import { judgeReread, matchFiles, rebuildDataset } from './reference-check';
import { importInWorker } from './import-client';
import { folderRef } from './dataset-source';
import type { DatasetFileRef } from '../../../shared/dataset-files';

type View =
  | { kind: 'checking' }
  | { kind: 'pick' }
  | { kind: 'missing'; names: string[]; unknown: string[] }
  | { kind: 'changed'; names: string[]; files: PickedFile[]; refs?: DatasetFileRef[] }
  | { kind: 'error'; message: string };

const sizeText = (bytes: number) => (bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${(bytes / 1e3).toFixed(1)} kB`);

export function DatasetReference() {
  const { host, settings } = useServices();
  const pending = useDatasetStore((s) => s.pendingSource);
  const [view, setView] = useState<View>({ kind: 'checking' });

  const rebuild = (files: PickedFile[], refs?: DatasetFileRef[]) => {
    if (!pending) return;
    setView({ kind: 'checking' });
    rebuildDataset(pending.id, pending.source, files, importInWorker, refs).catch((e: Error) => setView({ kind: 'error', message: e.message }));
  };

  useEffect(() => {
    if (!pending) return;
    let cancelled = false;
    // Folders are picked again in both hosts (main re-reads single files only).
    if (!host.rereadDatasetFiles || pending.source.importer.kind === 'images') {
      setView({ kind: 'pick' });
      return;
    }
    setView({ kind: 'checking' });
    host
      .rereadDatasetFiles(pending.source.files)
      .then((results) => {
        if (cancelled) return;
        const verdict = judgeReread(results);
        if (verdict.kind !== 'same') setView(verdict);
        else
          rebuildDataset(pending.id, pending.source, verdict.files, importInWorker).catch(
            (e: Error) => !cancelled && setView({ kind: 'error', message: e.message }),
          );
      })
      .catch((e: Error) => !cancelled && setView({ kind: 'error', message: e.message }));
    return () => {
      cancelled = true;
    };
  }, [pending, host]);

  if (!pending) return null;
  const { source } = pending;
  const onPicked = (picked: PickedFile[]) => {
    const match = matchFiles(source.files, picked);
    if (match.kind === 'same') rebuild(match.files);
    else setView({ kind: 'changed', names: match.names, files: match.files });
  };
  const onFolder = async (list: FileList | null) => {
    if (!list || list.length === 0) return;
    try {
      const all = Array.from(list);
      const folder = all[0].webkitRelativePath.split('/')[0] || source.files[0].name;
      const files = await Promise.all(all.map(async (f) => ({ name: f.webkitRelativePath || f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
      const ref = await folderRef(folder, files);
      const picked = files.map((f) => ({ ...f, ref }));
      const saved = source.files[0];
      if (ref.sha256 === saved.sha256 && ref.size === saved.size) rebuild(picked, [ref]);
      else setView({ kind: 'changed', names: [folder], files: picked, refs: [ref] });
    } catch (e) {
      setView({ kind: 'error', message: (e as Error).message });
    }
  };
  const drop = () => {
    datasetStore.setState({ pendingSource: null });
    settings.setState({ datasetId: DEFAULT_SETTINGS.datasetId });
  };
  const fileList = source.files.map((f) => `${f.name} (${sizeText(f.size)}, SHA-256 ${f.sha256.slice(0, 12)}…)`).join(', ');
  const locate =
    source.importer.kind === 'images' ? (
      <label>
        {view.kind === 'pick' ? 'Choose the folder' : 'Locate the folder'}{' '}
        <input type="file" multiple data-testid="dataset-locate-folder" {...{ webkitdirectory: '' }} onChange={(e) => void onFolder(e.target.files)} />
      </label>
    ) : (
      <PickFiles
        label={view.kind === 'pick' ? 'Choose the files' : 'Locate the files'}
        multiple={source.files.length > 1}
        accept="*"
        testId="dataset-locate"
        onPicked={onPicked}
        onError={(message) => setView({ kind: 'error', message })}
      />
    );
  return (
    <div className="diagnostic warning" role="alert" data-testid="dataset-reference" data-state={view.kind}>
      {view.kind === 'checking' && <p>Reading {fileList}…</p>}
      {view.kind === 'pick' && (
        <p>
          This project uses the dataset <strong>{source.label}</strong> from {source.importer.kind === 'images' ? 'the image folder ' : ''}
          {fileList}.{' '}
          {source.importer.kind === 'images'
            ? 'Choose the folder again (checked against the saved checksum of its files).'
            : `The browser cannot reopen files by path: choose ${source.files.length > 1 ? 'them' : 'it'} again (checked against the saved checksum).`}
        </p>
      )}
      {view.kind === 'missing' && view.names.length > 0 && (
        <p>
          <strong>{view.names.join(', ')}</strong> {view.names.length > 1 ? 'were' : 'was'} moved or deleted since this project was saved (dataset{' '}
          {source.label}).
        </p>
      )}
      {view.kind === 'missing' && view.unknown.length > 0 && (
        <p>
          The project refers to <strong>{view.unknown.join(', ')}</strong> (dataset {source.label}), which has not been opened on this computer: locate{' '}
          {view.unknown.length > 1 ? 'them' : 'it'} to check {view.unknown.length > 1 ? 'their' : 'its'} checksum and use{' '}
          {view.unknown.length > 1 ? 'them' : 'it'}.
        </p>
      )}
      {view.kind === 'changed' && (
        <p>
          <strong>{view.names.join(', ')}</strong> changed since this project was saved: the SHA-256 checksum differs, so results may not match earlier runs.
        </p>
      )}
      {view.kind === 'error' && <p data-testid="dataset-reference-error">{view.message}</p>}
      <div>
        {view.kind !== 'checking' && locate}{' '}
        {view.kind === 'changed' && (
          <button type="button" onClick={() => rebuild(view.files, view.refs)}>
            Use it anyway
          </button>
        )}{' '}
        <button type="button" onClick={drop}>
          Drop the dataset
        </button>
      </div>
    </div>
  );
}
