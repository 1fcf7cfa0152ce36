/** Imported datasets referenced by the project (name, size, SHA-256, path), and rebuilt from the files on open. */
import { createHash } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { parseProject } from '../../src/shared/project';
import { fromProject, serialiseProject, toProject } from '../../src/renderer/src/project/project-io';
import { planarExample } from '../../src/renderer/src/graph/examples';
import { DEFAULT_SETTINGS } from '../../src/renderer/src/run/settings-store';
import { DEFAULT_PREP, addDataset, datasetStore } from '../../src/renderer/src/data/dataset-store';
import { applyDatasetSettings, datasetSettingsOf } from '../../src/renderer/src/data/dataset-settings';
import { folderRef, refOf, sha256Hex, type DatasetSource } from '../../src/renderer/src/data/dataset-source';
import { decodePng } from '../helpers/png';
import { PNG } from 'pngjs';
import { jobFor, runImportJob, type ImportJob } from '../../src/renderer/src/data/import-jobs';
import { matchFiles, rebuildDataset } from '../../src/renderer/src/data/reference-check';

const csv = 'x1,x2,label\n0.1,0.2,a\n0.5,0.1,b\n0.3,0.9,a\n0.7,0.7,b\n';
const bytes = new TextEncoder().encode(csv);
/** The worker's code, run here (no Worker in Node). */
const run = (job: ImportJob) => runImportJob(job, { decodeImage: decodePng, hdf5: () => Promise.reject(new Error('no HDF5 here')), progress: () => undefined });
const picked = async (name: string, b: Uint8Array) => ({ name, bytes: b, ref: await refOf({ name, bytes: b }) });

describe('file references', () => {
  beforeEach(() => datasetStore.setState({ datasets: {}, prep: { ...DEFAULT_PREP }, generators: {}, pendingSource: null }));

  it('SHA-256 by Web Crypto equals node:crypto', async () => {
    expect(await sha256Hex(bytes)).toBe(createHash('sha256').update(csv).digest('hex'));
    expect((await refOf({ name: 'a.csv', bytes })).size).toBe(bytes.byteLength);
  });

  it('matches picked files to the references by checksum and size, in the references’ order', async () => {
    const a = await picked('a.bin', new Uint8Array([1, 2, 3]));
    const b = await picked('b.bin', new Uint8Array([4, 5]));
    const m = matchFiles([b.ref, a.ref], [a, b]);
    expect(m.kind).toBe('same');
    if (m.kind === 'same') expect(m.files.map((f) => f.name)).toEqual(['b.bin', 'a.bin']);
    const edited = await picked('a.bin', new Uint8Array([1, 2, 4]));
    expect(matchFiles([a.ref, b.ref], [edited, b])).toMatchObject({ kind: 'different', names: ['a.bin'] });
  });

  it('a project keeps the reference, not the data; on open it waits for the files, and rebuilds the same dataset from them', async () => {
    const file = await picked('points.csv', bytes);
    const source: DatasetSource = {
      importer: { kind: 'csv', label: 2, task: 'auto', onBadRow: 'drop' },
      label: 'points.csv (4)',
      files: [{ ...file.ref, path: '/home/ana/points.csv' }],
    };
    const original = (await run(jobFor(source.importer, [file]))).dataset;
    const entry = addDataset({ label: source.label, description: '', data: original, warnings: [], source });
    const settings = { ...DEFAULT_SETTINGS, datasetId: entry.id };
    const text = serialiseProject(toProject(planarExample(), settings, 'p', datasetSettingsOf(entry.id)));
    expect(text).not.toContain('0.7');
    expect(JSON.parse(text).dataset.source.files[0]).toEqual({
      name: 'points.csv',
      size: bytes.byteLength,
      sha256: file.ref.sha256,
      path: '/home/ana/points.csv',
    });

    // A later session: nothing in memory.
    datasetStore.setState({ datasets: {}, pendingSource: null });
    const parsed = parseProject(text);
    if (!parsed.ok) throw new Error(parsed.error);
    applyDatasetSettings(parsed.project.dataset.id, fromProject(parsed.project).data);
    expect(datasetStore.getState().pendingSource).toEqual({ id: entry.id, source });
    // Saving while the files are still missing keeps the reference.
    expect(datasetSettingsOf(entry.id).source).toEqual(source);

    await rebuildDataset(entry.id, source, [file], run);
    const rebuilt = datasetStore.getState().datasets[entry.id];
    expect(Array.from(rebuilt.data.x)).toEqual(Array.from(original.x));
    expect(Array.from(rebuilt.data.y)).toEqual(Array.from(original.y));
    expect(rebuilt.data.classNames).toEqual(['a', 'b']);
    expect(datasetStore.getState().pendingSource).toBeNull();
  });

  it('a new import never takes the id of a restored one', () => {
    const data = { x: new Float32Array(2), y: new Float32Array(1), m: 1, exampleShape: [2], numClasses: 0, targetWidth: 1 };
    addDataset({ id: 'import-1', label: 'restored', description: '', data, warnings: [] });
    addDataset({ id: 'import-2', label: 'restored', description: '', data, warnings: [] });
    const fresh = addDataset({ label: 'new', description: '', data, warnings: [] });
    expect(['import-1', 'import-2']).not.toContain(fresh.id);
    expect(datasetStore.getState().datasets['import-1'].label).toBe('restored');
  });

  it('a malformed reference is refused with its path', async () => {
    const file = await picked('points.csv', bytes);
    const project = JSON.parse(serialiseProject(toProject(planarExample(), DEFAULT_SETTINGS)));
    project.dataset.source = { importer: { kind: 'binary' }, label: 'x', files: [{ ...file.ref, sha256: 'not-hex' }] };
    const parsed = parseProject(JSON.stringify(project));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(/dataset\.source\.files\[0\]\.sha256/);
  });
});

describe('image folder references', () => {
  const png = (v: number) => {
    const img = new PNG({ width: 3, height: 3 });
    for (let i = 0; i < 9; i++) img.data.set([v, v, v, 255], i * 4);
    return new Uint8Array(PNG.sync.write(img));
  };
  const files = [
    { name: 'pets/cats/a.png', bytes: png(10) },
    { name: 'pets/dogs/b.png', bytes: png(200) },
    { name: 'pets/cats/c.png', bytes: png(30) },
  ];

  it('one reference for the folder: independent of the order files arrive, changed by any edit, rename or removal', async () => {
    const ref = await folderRef('pets', files);
    expect(ref.name).toBe('pets');
    expect(ref.size).toBe(files.reduce((s, f) => s + f.bytes.byteLength, 0));
    expect(await folderRef('pets', [...files].reverse())).toEqual(ref);
    expect((await folderRef('pets', [files[0], files[1], { ...files[2], bytes: png(31) }])).sha256).not.toBe(ref.sha256);
    expect((await folderRef('pets', [files[0], files[1], { ...files[2], name: 'pets/dogs/c.png' }])).sha256).not.toBe(ref.sha256);
    expect((await folderRef('pets', files.slice(0, 2))).sha256).not.toBe(ref.sha256);
  });

  it('rebuilds the folder with the saved size and colour, keeping the folder reference', async () => {
    datasetStore.setState({ datasets: {}, pendingSource: null });
    const ref = await folderRef('pets', files);
    const source: DatasetSource = { importer: { kind: 'images', height: 2, width: 2, channels: 1 }, label: 'pets (3)', files: [ref] };
    await rebuildDataset(
      'import-9',
      source,
      files.map((f) => ({ ...f, ref })),
      run,
      [ref],
    );
    const rebuilt = datasetStore.getState().datasets['import-9'];
    expect(rebuilt.data.exampleShape).toEqual([2, 2, 1]);
    expect(rebuilt.data.classNames).toEqual(['cats', 'dogs']);
    expect(rebuilt.data.x[0]).toBeCloseTo(10 / 255, 6);
    expect(rebuilt.source?.files).toEqual([ref]);
  });
});

describe('a reopened project and this session’s imports', () => {
  beforeEach(() => datasetStore.setState({ datasets: {}, prep: { ...DEFAULT_PREP }, generators: {}, pendingSource: null }));
  const data = { x: new Float32Array(4), y: new Float32Array(2), m: 2, exampleShape: [2], numClasses: 2, targetWidth: 1 };

  it('new imports get ids no other session reuses', () => {
    const a = addDataset({ label: 'a', description: '', data, warnings: [] });
    const b = addDataset({ label: 'b', description: '', data, warnings: [] });
    expect(a.id).not.toBe(b.id);
    expect(a.id).toMatch(/^import-[0-9a-z]+-[0-9a-z]+$/);
    expect(a.id).not.toMatch(/^import-\d+$/);
  });

  it('saves the project’s own pending reference, not a loaded dataset that happens to share its id', async () => {
    const theirs = await picked('mnist.csv', bytes);
    const ours = await picked('iris.csv', new TextEncoder().encode('a,b\n1,2\n'));
    addDataset({
      id: 'import-1',
      label: 'iris',
      description: '',
      data,
      warnings: [],
      source: { importer: { kind: 'csv' } as never, label: 'iris', files: [ours.ref] },
    });
    datasetStore.setState({ pendingSource: { id: 'import-1', source: { importer: { kind: 'csv' } as never, label: 'mnist', files: [theirs.ref] } } });
    expect(datasetSettingsOf('import-1').source?.files[0].name).toBe('mnist.csv');
  });

  it('a late rebuild of one project’s dataset leaves another project’s prompt in place', async () => {
    const file = await picked('points.csv', bytes);
    const other = { id: 'import-other', source: { importer: { kind: 'csv' } as never, label: 'other', files: [file.ref] } };
    datasetStore.setState({ pendingSource: other });
    const source: DatasetSource = { importer: { kind: 'csv', label: 2, task: 'auto', onBadRow: 'drop' }, label: 'points', files: [file.ref] };
    await rebuildDataset('import-late', source, [file], run);
    expect(datasetStore.getState().datasets['import-late'].data.m).toBe(4);
    expect(datasetStore.getState().pendingSource).toEqual(other);
    // Its own prompt, by contrast, is settled by the rebuild.
    datasetStore.setState({ pendingSource: { id: 'import-late', source } });
    await rebuildDataset('import-late', source, [file], run);
    expect(datasetStore.getState().pendingSource).toBeNull();
  });
});

describe('judging main’s re-read (desktop)', () => {
  const file = (name: string, sha: string) => ({ name, path: `/d/${name}`, size: 3, sha256: sha.repeat(64), bytes: new Uint8Array(3) });
  it('identical files load silently; moved or never-chosen paths ask to locate; changed ones ask before use', async () => {
    const { judgeReread } = await import('../../src/renderer/src/data/reference-check');
    const same = judgeReread([
      { status: 'ok', file: file('a.gz', 'a') },
      { status: 'ok', file: file('b.gz', 'b') },
    ]);
    expect(same.kind).toBe('same');
    if (same.kind === 'same')
      expect(same.files.map((f) => [f.name, f.ref.path])).toEqual([
        ['a.gz', '/d/a.gz'],
        ['b.gz', '/d/b.gz'],
      ]);
    expect(
      judgeReread([
        { status: 'changed', file: file('a.gz', 'c') },
        { status: 'ok', file: file('b.gz', 'b') },
      ]),
    ).toMatchObject({ kind: 'changed', names: ['a.gz'] });
    expect(
      judgeReread([
        { status: 'changed', file: file('a.gz', 'c') },
        { status: 'missing', name: 'b.gz' },
        { status: 'unknown', name: 'c.gz' },
      ]),
    ).toEqual({
      kind: 'missing',
      names: ['b.gz'],
      unknown: ['c.gz'],
    });
  });
});
