/**
 * The exported scripts as programs: free text from the model (layer ids, class names, the model's
 * name, the data's description) never escapes its string or comment; they read a CSV the way
 * `dendrite predict --data` does (header, comments, blank lines, CRLF); bad input is one line on
 * stderr with exit code 2, like the dendrite command.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../engine/data/csv';
import { exportAs, type ExportFormat } from '../../engine/export/formats';
import type { ModelFile } from '../../engine/export/format';
import { importModel } from '../../engine/export/import';
import { predict } from '../../engine/export/predict';
import type { ModelSpec } from '../../engine/spec/types';
import { maxAbsDifference, trainFixture, type Fixture } from './fixtures';
import { missing, pythonWith, runPython } from './python';

const dir = mkdtempSync(join(tmpdir(), 'dendrite-scripts-'));
const numpyPython = pythonWith('numpy');
const torchPython = pythonWith('torch', 'numpy');

/** Each would end the script with its own exit code if it ever ran as code. */
const HOSTILE_ID = 'h"""\nraise SystemExit(43)\n#\\';
const HOSTILE_CLASSES = ['yes """ \\', 'no\nraise SystemExit(44)'];
const HOSTILE: ModelSpec = {
  format: 'dendrite.spec',
  version: 1,
  name: 'net """\nraise SystemExit(42)\n"""',
  layers: [
    { id: 'x', kind: 'input', shape: [2], inputs: [] },
    { id: HOSTILE_ID, kind: 'dense', units: 3, activation: 'tanh', inputs: ['x'] },
    { id: "y'", kind: 'output', units: 2, activation: 'softmax', loss: 'cross_entropy', inputs: [HOSTILE_ID] },
  ],
};

function script(format: ExportFormat, file: ModelFile, name: string): string {
  const result = exportAs(format, file, name);
  if (!result.ok) throw new Error(result.error);
  const path = join(dir, name);
  writeFileSync(path, result.bytes);
  return path;
}

let fixture: Fixture;
beforeAll(async () => {
  fixture = await trainFixture(
    { name: 'hostile', spec: HOSTILE, exampleShape: [2], numClasses: 2, classNames: HOSTILE_CLASSES, normalisation: 'standardise', offset: 1, spread: 2 },
    40,
  );
  fixture.file.provenance.data = 'data\nraise SystemExit(45)';
});

const csvOf = (rows: string[]) => {
  const path = join(dir, `${Math.random().toString(36).slice(2)}.csv`);
  writeFileSync(path, rows.join('\n'));
  return path;
};

describe.each([
  ['numpy', numpyPython, missing('numpy', 'python3-numpy')],
  ['pytorch', torchPython, missing('torch', 'python3-torch')],
] as const)('the %s script', (format, python, skipped) => {
  it.skipIf(!python)(`keeps free text from the model inside strings and comments, and prints class names exactly${python ? '' : skipped}`, () => {
    const path = script(format, fixture.file, `hostile_${format}.py`);
    const rows = Array.from({ length: fixture.m }, (_, i) => `${fixture.x[2 * i]},${fixture.x[2 * i + 1]},0`);
    const run = runPython(python!, [path, '--predict', csvOf(rows)]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { output: number[]; label?: string });
    expect(
      maxAbsDifference(
        lines.map((l) => l.output),
        fixture.expected,
      ),
    ).toBeLessThan(1e-5);
    expect(new Set(lines.map((l) => l.label))).toEqual(new Set(fixture.lines.map((l) => l.label)));
    expect(lines.every((l) => l.label === undefined || HOSTILE_CLASSES.includes(l.label))).toBe(true);
  });
});

describe.skipIf(!numpyPython)(`the scripts' input handling${numpyPython ? '' : missing('numpy', 'python3-numpy')}`, () => {
  it('reads a CSV as dendrite predict does: header, comments, blank lines, CRLF, spaces, hex and exponents', () => {
    const text = ['x1, x2 ,label', '# a comment', '', '0.5,1e-1,yes', '  -2 , 0x1A , no', '3.25,.5,yes', ''].join('\r\n');
    const path = csvOf([text]);
    const data = parseCsv(text);
    const imported = importModel(fixture.file);
    if (!imported.ok) throw new Error(imported.error);
    const expected = predict(imported.model, data.x).map((p) => p.output);
    const run = runPython(numpyPython!, [script('numpy', fixture.file, 'csv.py'), '--predict', path]);
    expect(run.stderr).toBe('');
    const outputs = run.stdout
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { output: number[] }).output);
    expect(outputs).toHaveLength(3);
    expect(maxAbsDifference(outputs, expected)).toBeLessThan(1e-6);
  });

  it.each([
    [['1,2,0', 'a,2,1'], /^csv\.py: .*\.csv: line 2, column 1: expected a number, got "a"$/],
    [['x,y,label', '1,2,0', '1,2'], /^csv\.py: .*\.csv: line 3 has 2 columns, expected 3$/],
    [['1,2,3,0'], /^csv\.py: .*\.csv: examples are \[3\] but the model expects \[2\]$/],
    [['1,2,0', '1,nan,0'], /^csv\.py: .*\.csv: line 2, column 2: expected a number, got "nan"$/],
  ])('a bad CSV %j is one line on stderr and exit code 2', (rows, message) => {
    const run = runPython(numpyPython!, [script('numpy', fixture.file, 'csv.py'), '--predict', csvOf(rows)]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trimEnd()).toMatch(message);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    // Dendrite refuses the same file too (its reader words it its own way), or reads examples the
    // model does not take (the model's shape is checked after reading).
    const dendrite = (() => {
      try {
        return parseCsv(rows.join('\n'), 'data.csv').exampleShape.join(',');
      } catch {
        return 'refused';
      }
    })();
    expect(['refused', '3']).toContain(dendrite);
  });

  it('applies no normalisation when the kind is none, whatever shift and scale hold (as Dendrite)', () => {
    const file = structuredClone(fixture.file);
    file.normalisation = { kind: 'none', shift: [5, -5], scale: [3, 0.5] };
    const imported = importModel(file);
    if (!imported.ok) throw new Error(imported.error);
    const x = Float32Array.from([0.5, -1, 2, 3]);
    const run = runPython(numpyPython!, [script('numpy', file, 'none.py'), '--predict', csvOf(['0.5,-1,0', '2,3,1'])]);
    expect(run.stderr).toBe('');
    const outputs = run.stdout
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { output: number[] }).output);
    expect(
      maxAbsDifference(
        outputs,
        predict(imported.model, x).map((p) => p.output),
      ),
    ).toBeLessThan(1e-6);
  });

  it('--model with another network’s weights names the tensor and both shapes', () => {
    const other = structuredClone(fixture.file);
    const W = other.parameters.find((p) => p.layer === HOSTILE_ID && p.name === 'W')!;
    W.shape = [3, 3];
    W.data = Buffer.from(new Float32Array(9).buffer).toString('base64');
    const path = join(dir, 'other.model.json');
    writeFileSync(path, JSON.stringify(other));
    const run = runPython(numpyPython!, [script('numpy', fixture.file, 'csv.py'), '--model', path, '--predict', csvOf(['1,2,0'])]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`csv.py: W of layer ${HOSTILE_ID} is (3, 3) in the model file but (3, 2) in this network\n`);
  });

  it('without --predict or --train it says what to give', () => {
    const run = runPython(numpyPython!, [script('numpy', fixture.file, 'csv.py')]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/error: nothing to do: give --predict CSV or --train CSV/);
  });
});
