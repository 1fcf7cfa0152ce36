/**
 * Every template and every layer kind, exported three ways and run by real runtimes: ONNX Runtime
 * (onnxruntime-web's WebAssembly build under Node), the PyTorch script under python3-torch and the
 * NumPy script under python3-numpy. Each must print what `dendrite predict` prints for a few
 * hundred fresh inputs, to 1e-5 max abs; the ONNX checker (python3-onnx) must accept every file.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-web';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportAs, FORMAT_INFO, type ExportFormat } from '../../engine/export/formats';
import type { Prediction } from '../../engine/export/predict';
import { ONNX_INPUT, ONNX_OUTPUT } from '../../engine/export/onnx/export';
import { maxAbsDifference, RECIPES, toCsv, trainFixture, type Fixture } from './fixtures';
import { missing, pythonWith, runPython } from './python';

const TOLERANCE = 1e-5;
const dir = mkdtempSync(join(tmpdir(), 'dendrite-export-'));
const torchPython = pythonWith('torch', 'numpy');
const numpyPython = pythonWith('numpy');
const onnxPython = pythonWith('onnx');
const SCRIPTS = [
  { format: 'pytorch', label: 'PyTorch', python: torchPython, skipped: missing('torch', 'python3-torch') },
  { format: 'numpy', label: 'NumPy', python: numpyPython, skipped: missing('numpy', 'python3-numpy') },
] as const;
const measured: { model: string; runtime: string; maxAbs: number }[] = [];

ort.env.wasm.numThreads = 1;

function write(fixture: Fixture, format: ExportFormat, name: string): string {
  const result = exportAs(format, fixture.file, name);
  if (!result.ok) throw new Error(result.error);
  const path = join(dir, name);
  writeFileSync(path, result.bytes);
  return path;
}

/**
 * A script's stdout, checked line by line against `dendrite predict`'s: the same keys, and the same
 * class and label wherever the decision is not a near tie. Returns the outputs.
 */
function linesOf(stdout: string, fixture: Fixture): number[][] {
  const lines = stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Prediction);
  expect(lines).toHaveLength(fixture.lines.length);
  lines.forEach((line, i) => {
    const expected = fixture.lines[i];
    expect(Object.keys(line)).toEqual(Object.keys(expected));
    if (decisive(expected.output)) {
      expect(line.class).toBe(expected.class);
      expect(line.label).toBe(expected.label);
    }
  });
  return lines.map((line) => line.output);
}

/** Whether a prediction's class is clear of the threshold or the runner-up by more than rounding. */
function decisive(output: number[]): boolean {
  if (output.length === 1) return Math.abs(output[0] - 0.5) > 1e-4;
  const [first, second] = [...output].sort((a, b) => b - a);
  return first - second > 1e-4;
}

RECIPES.forEach((recipe, index) => {
  describe(recipe.name, () => {
    let fixture: Fixture;
    let csv: string;
    const slug = `model${index}`;
    beforeAll(async () => {
      fixture = await trainFixture(recipe);
      csv = join(dir, `${slug}.csv`);
      writeFileSync(csv, toCsv(fixture.x, fixture.m));
    });
    const shapeArgs = () => (fixture.exampleShape.length === 3 ? ['--shape', fixture.exampleShape.join('x')] : []);

    it('ONNX Runtime matches dendrite predict to 1e-5', async () => {
      const result = exportAs('onnx', fixture.file);
      if (!result.ok) throw new Error(result.error);
      const session = await ort.InferenceSession.create(result.bytes);
      expect(session.inputNames).toEqual([ONNX_INPUT]);
      expect(session.outputNames).toEqual([ONNX_OUTPUT]);
      const feeds = { [ONNX_INPUT]: new ort.Tensor('float32', fixture.x, [fixture.m, ...fixture.exampleShape]) };
      const output = (await session.run(feeds))[ONNX_OUTPUT];
      const units = fixture.expected[0].length;
      expect(output.dims).toEqual([fixture.m, units]);
      const data = output.data as Float32Array;
      const rows = fixture.expected.map((_, i) => Array.from(data.subarray(i * units, (i + 1) * units)));
      const maxAbs = maxAbsDifference(rows, fixture.expected);
      measured.push({ model: recipe.name, runtime: 'onnxruntime-web', maxAbs });
      expect(maxAbs).toBeLessThan(TOLERANCE);
    });

    it.skipIf(!onnxPython)(`the ONNX checker accepts the file (full check, with shape inference)${onnxPython ? '' : missing('onnx', 'python3-onnx')}`, () => {
      const path = write(fixture, 'onnx', `${slug}-checked.onnx`);
      const run = runPython(onnxPython!, [
        '-c',
        'import onnx, sys; m = onnx.load(sys.argv[1]); onnx.checker.check_model(m, full_check=True); print(m.opset_import[0].version, dict((p.key, p.value) for p in m.metadata_props)["dendrite.numClasses"])',
        path,
      ]);
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      const [opset, numClasses] = run.stdout.trim().split(' ');
      expect(Number(opset)).toBeGreaterThanOrEqual(13);
      expect(Number(numClasses)).toBe(fixture.file.numClasses);
    });

    for (const { format, label, python, skipped } of SCRIPTS) {
      it.skipIf(!python)(`the ${label} script prints dendrite predict's lines to 1e-5${python ? '' : skipped}`, () => {
        const script = write(fixture, format, FORMAT_INFO[format].fileName(slug));
        const run = runPython(python!, [script, '--predict', csv, ...shapeArgs()]);
        expect(run.stderr).toBe('');
        expect(run.status).toBe(0);
        const maxAbs = maxAbsDifference(linesOf(run.stdout, fixture), fixture.expected);
        measured.push({ model: recipe.name, runtime: format, maxAbs });
        expect(maxAbs).toBeLessThan(TOLERANCE);
      });
    }
  });
});

afterAll(() => {
  // The measured agreement, for the record (the assertions above are what the test checks).
  const rows = measured.map((r) => `${r.runtime.padEnd(16)} ${r.maxAbs.toExponential(2)}  ${r.model}`);
  console.log(`max |export − dendrite predict| over ${RECIPES.length} models:\n${rows.join('\n')}`);
});
