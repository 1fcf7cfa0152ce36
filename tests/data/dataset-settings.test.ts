/** Dataset settings (split, train-dev, normalisation, limit, generator size/noise) saved in the project and restored on open. */
import { beforeEach, describe, expect, it } from 'vitest';
import { parseProject } from '../../src/shared/project';
import { fromProject, serialiseProject, toProject } from '../../src/renderer/src/project/project-io';
import { planarExample } from '../../src/renderer/src/graph/examples';
import { DEFAULT_SETTINGS } from '../../src/renderer/src/run/settings-store';
import { DEFAULT_PREP, datasetStore, setGenerator, setPrep } from '../../src/renderer/src/data/dataset-store';
import { applyDatasetSettings, datasetSettingsOf } from '../../src/renderer/src/data/dataset-settings';

const settings = { ...DEFAULT_SETTINGS, datasetId: 'moons' };
const save = () => serialiseProject(toProject(planarExample(), settings, 'p', datasetSettingsOf('moons')));
function open(text: string) {
  const parsed = parseProject(text);
  if (!parsed.ok) throw new Error(parsed.error);
  const { data } = fromProject(parsed.project);
  applyDatasetSettings(parsed.project.dataset.id, data);
}

describe('dataset settings in the project', () => {
  beforeEach(() => datasetStore.setState({ prep: { ...DEFAULT_PREP }, generators: {} }));

  it('round-trip every preparation field and the generator override', () => {
    const prep = {
      splitOn: true,
      train: 0.7,
      dev: 0.15,
      splitSeed: 42,
      stratify: false,
      trainDev: 0.2,
      flipHorizontal: true,
      maxShift: 2,
      normalisation: 'standardise' as const,
      limit: 500,
    };
    setPrep(prep);
    setGenerator('moons', { m: 321, noise: 0.4 });
    const text = save();
    datasetStore.setState({ prep: { ...DEFAULT_PREP }, generators: {} });
    open(text);
    expect(datasetStore.getState().prep).toEqual(prep);
    expect(datasetStore.getState().generators.moons).toEqual({ m: 321, noise: 0.4 });
  });

  it('a project saved before these fields opens with the default preparation, replacing the previous one', () => {
    const text = save();
    const old = JSON.parse(text);
    delete old.dataset.prep;
    setPrep({ trainDev: 0.3, normalisation: 'minmax' });
    setGenerator('moons', { m: 99 });
    open(JSON.stringify(old));
    expect(datasetStore.getState().prep).toEqual(DEFAULT_PREP);
    expect(datasetStore.getState().generators.moons).toBeUndefined();
  });

  it('the project text changes with the settings (so the dirty flag follows them)', () => {
    const before = save();
    setPrep({ trainDev: 0.1 });
    expect(save()).not.toBe(before);
    expect(JSON.parse(save()).dataset.prep.trainDev).toBe(0.1);
  });

  it.each([
    ['a train-dev fraction above ½', { trainDev: 0.9 }, /dataset\.prep\.trainDev/],
    ['train + dev above 1', { train: 0.8, dev: 0.5 }, /train \+ dev/],
    ['an unknown normalisation', { normalisation: 'zscore' }, /dataset\.prep\.normalisation/],
    ['a shift above 8 pixels', { maxShift: 9 }, /dataset\.prep\.maxShift/],
    ['a negative limit', { limit: -1 }, /dataset\.prep\.limit/],
  ])('refuses %s with the path of the problem', (_name, prep, message) => {
    const file = JSON.parse(save());
    file.dataset.prep = { ...file.dataset.prep, ...prep };
    const parsed = parseProject(JSON.stringify(file));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(message);
  });
});
