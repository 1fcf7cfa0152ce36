/** The lesson UI's pure parts: course notation, hidden and locked controls, Save as Lesson. */
import { describe, expect, it } from 'vitest';
import { typeset } from '../../src/renderer/src/lessons/notation';
import { CONTROL_SELECTORS, controlsCss, hideShapesCss } from '../../src/renderer/src/lessons/controls';
import { lessonFromProject, slug } from '../../src/renderer/src/lessons/save-as-lesson';
import { planarExample } from '../../src/renderer/src/graph/examples';
import { DEFAULT_SETTINGS } from '../../src/renderer/src/run/settings-store';
import { DEFAULT_PREP } from '../../src/renderer/src/data/dataset-store';
import { CONTROL_IDS } from '../../engine/lessons/format';
import { parseMarkdown } from '../../src/renderer/src/lessons/markdown';

describe('course notation', () => {
  it('puts layer indices up and subscripts down', () => {
    expect(typeset('W[l] and dZ[L], a[l+2]')).toEqual([
      { kind: 'text', text: 'W' },
      { kind: 'sup', text: '[l]' },
      { kind: 'text', text: ' and dZ' },
      { kind: 'sup', text: '[L]' },
      { kind: 'text', text: ', a' },
      { kind: 'sup', text: '[l+2]' },
    ]);
    expect(typeset('n_H = n_H_prev − f')).toEqual([
      { kind: 'text', text: 'n' },
      { kind: 'sub', text: 'H' },
      { kind: 'text', text: ' = n' },
      { kind: 'sub', text: 'H_prev' },
      { kind: 'text', text: ' − f' },
    ]);
    expect(typeset('e^Z')).toEqual([
      { kind: 'text', text: 'e' },
      { kind: 'sup', text: 'Z' },
    ]);
  });

  it('leaves ordinary text and brackets alone', () => {
    expect(typeset('(4, m) [see above] keep_prob')).toEqual([{ kind: 'text', text: '(4, m) [see above] keep_prob' }]);
  });
});

describe('lesson Markdown', () => {
  it('parses paragraphs with breaks, lists, headings, emphasis and code', () => {
    expect(parseMarkdown('### Shapes\n\nPredict **W[1]**:\nthen *check*.\n\n- one row\n- `(4, m)`')).toEqual([
      { kind: 'heading', inlines: [{ kind: 'text', text: 'Shapes' }] },
      {
        kind: 'paragraph',
        inlines: [
          { kind: 'text', text: 'Predict ' },
          { kind: 'strong', text: 'W[1]' },
          { kind: 'text', text: ':' },
          { kind: 'break', text: '' },
          { kind: 'text', text: 'then ' },
          { kind: 'em', text: 'check' },
          { kind: 'text', text: '.' },
        ],
      },
      { kind: 'list', items: [[{ kind: 'text', text: 'one row' }], [{ kind: 'code', text: '(4, m)' }]] },
    ]);
  });

  it('has no HTML: tags in a lesson stay text', () => {
    expect(parseMarkdown('<img src=x onerror="alert(1)">')).toEqual([
      { kind: 'paragraph', inlines: [{ kind: 'text', text: '<img src=x onerror="alert(1)">' }] },
    ]);
  });
});

describe('hidden and locked controls', () => {
  it('has a selector for every control a lesson may name', () => {
    expect(Object.keys(CONTROL_SELECTORS).sort()).toEqual([...CONTROL_IDS].sort());
  });

  it('hides with display: none and locks by taking clicks away; hidden wins over locked', () => {
    const css = controlsCss({ hidden: ['palette'], locked: ['dataset', 'palette'] });
    expect(css).toContain('.palette { display: none !important; }');
    expect(css).toMatch(/\.toolbar__field:has\(option\[value="none"\]\)[^{]*\{ pointer-events: none !important;/);
    expect(css.match(/\.palette/g)).toHaveLength(1);
    expect(controlsCss(undefined)).toBe('');
    expect(hideShapesCss()).toContain('.layer-node__shapes');
  });
});

describe('Save as Lesson', () => {
  const source = { name: 'My Planar Net', doc: planarExample(), settings: DEFAULT_SETTINGS, prep: DEFAULT_PREP, final: null };

  it('writes a valid one-step lesson that starts from the project', () => {
    const built = lessonFromProject(source);
    if (!built.ok) throw new Error(built.error);
    expect(built.lesson.id).toBe('my-planar-net');
    const [step] = built.lesson.steps;
    expect(step.goal).toEqual({ kind: 'compile' });
    expect(step.start!.graph.nodes.map((n) => n.id)).toEqual(['input-1', 'dense-1', 'output-1']);
    expect(step.start!.dataset).toMatchObject({ id: 'flower', seed: 1, m: 400, split: { train: 0.6, dev: 0.2, seed: 1, stratify: true } });
    expect(step.start!.training).toEqual({ learningRate: 1.2, iterations: 10000, seed: 2, batchSize: 'full', optimizer: 'gd' });
  });

  it('makes the last run’s accuracy (rounded down to a percent) the goal', () => {
    const built = lessonFromProject({ ...source, final: { iterations: 10, epochs: 10, trainCost: 0.2, trainAccuracy: 0.9275, devAccuracy: 0.89 } });
    if (!built.ok) throw new Error(built.error);
    expect(built.lesson.steps[0].goal).toEqual({
      kind: 'run',
      conditions: [
        { on: 'metric', metric: 'trainAccuracy', op: '>=', value: 0.92 },
        { on: 'metric', metric: 'devAccuracy', op: '>=', value: 0.89 },
      ],
    });
  });

  it('refuses what a lesson cannot start from: an imported dataset, an empty canvas', () => {
    expect(lessonFromProject({ ...source, settings: { ...DEFAULT_SETTINGS, datasetId: 'import-x' } })).toMatchObject({
      ok: false,
      error: expect.stringContaining('built-in dataset'),
    });
    expect(lessonFromProject({ ...source, doc: { nodes: [], edges: [] } })).toMatchObject({ ok: false, error: expect.stringContaining('empty') });
    expect(slug('  !!! ')).toBe('lesson');
  });
});
