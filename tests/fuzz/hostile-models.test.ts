/**
 * Import Model under hostile files: declared sizes and the network's memory are checked
 * before anything is built, legal-looking nonsense (numClasses that disagree with the output,
 * normalisation beyond float32, negative running variances) is refused in one line, and no
 * error echoes the file's content.
 */
import { describe, expect, it, vi } from 'vitest';

const built = vi.hoisted(() => ({ networks: 0 }));
vi.mock('../../engine/model/network', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../engine/model/network')>();
  return { ...original, createNetwork: (...args: Parameters<typeof original.createNetwork>) => (built.networks++, original.createNetwork(...args)) };
});

const { importModel } = await import('../../engine/export/import');
const { exportModel } = await import('../../engine/export/export');
const { createNetwork } = await import('../../engine/model/network');
const { createReferenceBackend } = await import('../../engine/kernels/reference');
import type { ModelFile } from '../../engine/export/format';
import type { LayerSpec, ModelSpec } from '../../engine/spec/types';

const spec = (layers: LayerSpec[]): ModelSpec => ({ format: 'dendrite.spec', version: 1, layers });

function modelFile(layers: LayerSpec[], numClasses: number, inputSize: number): ModelFile {
  const net = createNetwork(spec(layers), createReferenceBackend('float32'), { capacity: 1, seed: 3 });
  return exportModel({
    net,
    normalisation: { kind: 'standardise', shift: new Array(inputSize).fill(0.5), scale: new Array(inputSize).fill(2) },
    numClasses,
    provenance: { createdAt: '2025-01-01T00:00:00Z', app: 'test' },
  });
}

const softmax3 = (): LayerSpec[] => [
  { id: 'x', kind: 'input', inputs: [], shape: [4] },
  { id: 'h', kind: 'dense', inputs: ['x'], units: 5, activation: 'relu' },
  { id: 'bn', kind: 'batchnorm', inputs: ['h'] },
  { id: 'y', kind: 'output', inputs: ['bn'], units: 3, activation: 'softmax', loss: 'cross_entropy' },
];

function expectRefused(file: unknown, pattern: RegExp): string {
  const result = importModel(typeof file === 'string' ? file : JSON.stringify(file));
  expect(result.ok).toBe(false);
  const error = result.ok ? '' : result.error;
  expect(error).toMatch(pattern);
  expect(error).not.toMatch(/\n/);
  expect(error.length).toBeLessThan(320);
  return error;
}

describe('Import Model checks sizes before it builds anything', () => {
  it('a 1 KB model declaring a 4096×4096×3 input with a conv is refused for memory, without building the network', () => {
    const huge = {
      format: 'dendrite.model',
      version: 1,
      spec: spec([
        { id: 'x', kind: 'input', inputs: [], shape: [4096, 4096, 3] },
        { id: 'c', kind: 'conv2d', inputs: ['x'], filters: 8, f: 3, s: 1, padding: 'same', activation: 'relu' },
        { id: 'p', kind: 'pool', inputs: ['c'], mode: 'max', f: 64, s: 64 },
        { id: 'fl', kind: 'flatten', inputs: ['p'] },
        { id: 'y', kind: 'output', inputs: ['fl'], units: 2, activation: 'softmax', loss: 'cross_entropy' },
      ]),
      parameters: [],
      state: [],
      normalisation: { kind: 'none', shift: [], scale: [] },
      numClasses: 2,
      provenance: { createdAt: 'x', app: 'x' },
    };
    const text = JSON.stringify(huge);
    expect(text.length).toBeLessThan(1024);
    built.networks = 0;
    expectRefused(text, /^spec: the network would need 2\.\d GB for a batch of 1 \(the limit is 2\.0 GB\); not even one example fits/);
    expect(built.networks).toBe(0);
  });

  it('a tensor record longer than its tensor is refused from its length, before it is decoded', () => {
    const file = modelFile(softmax3(), 3, 4);
    // 4 MB of base64 for a 5×4 W, invalid at its end: decoding it would say "not base64".
    file.parameters[0].data = `${'AAAA'.repeat(1_000_000)}!!!!`;
    expectRefused(file, /^parameters\[0\]\.data: expected 20 values, got 750000$/);
  });
});

describe('Import Model accepts nothing silently', () => {
  it('the valid file loads', () => {
    const result = importModel(JSON.stringify(modelFile(softmax3(), 3, 4)));
    expect(result).toMatchObject({ ok: true, warnings: [] });
  });

  it('numClasses must agree with the output layer', () => {
    expectRefused({ ...modelFile(softmax3(), 3, 4), numClasses: 10 }, /^numClasses: the file says 10 but the output layer has 3 softmax units; expected 3$/);
    expectRefused({ ...modelFile(softmax3(), 3, 4), numClasses: 0 }, /^numClasses: the file says 0 but the output layer has 3 softmax units/);
    const binary = softmax3().map((l) => (l.kind === 'output' ? { ...l, units: 1, activation: 'sigmoid' as const, loss: 'bce' as const } : l));
    expectRefused(
      { ...modelFile(binary, 2, 4), numClasses: 5 },
      /^numClasses: the file says 5 but the output layer has 1 sigmoid unit; expected 2 \(binary\)$/,
    );
    const regression = softmax3().map((l) => (l.kind === 'output' ? { ...l, units: 1, activation: 'linear' as const, loss: 'mse' as const } : l));
    expectRefused(
      { ...modelFile(regression, 0, 4), numClasses: 2 },
      /^numClasses: the file says 2 but the output layer has 1 linear unit; expected 0 \(regression\)$/,
    );
    expect(importModel(JSON.stringify(modelFile(regression, 0, 4))).ok).toBe(true);
  });

  it('normalisation beyond float32 (1e308) is refused; a huge but legal scale is a warning', () => {
    const file = modelFile(softmax3(), 3, 4);
    file.normalisation.scale[2] = 1e308;
    expectRefused(file, /^normalisation\.scale\[2\]: 1e\+308 is beyond float32's range \(±3\.4e38\)$/);
    const shifted = modelFile(softmax3(), 3, 4);
    shifted.normalisation.shift[0] = -1e39;
    expectRefused(shifted, /^normalisation\.shift\[0\]: -1e\+39 is beyond float32's range/);
    const zero = modelFile(softmax3(), 3, 4);
    zero.normalisation.scale[1] = 0;
    expectRefused(zero, /^normalisation\.scale\[1\]: 0 would erase that input feature$/);
    const large = modelFile(softmax3(), 3, 4);
    large.normalisation.scale[3] = 1e9;
    const result = importModel(JSON.stringify(large));
    expect(result).toMatchObject({ ok: true, warnings: [expect.stringMatching(/^normalisation\.scale: inputs are multiplied by up to 1\.00e\+9/)] });
  });

  it('a negative batch-norm running variance is refused', () => {
    const file = modelFile(softmax3(), 3, 4);
    const at = file.state.findIndex((t) => t.name === 'runningVar');
    const values = new Float32Array([1, 1, -0.5, 1, 1]);
    file.state[at].data = Buffer.from(values.buffer).toString('base64');
    expectRefused(file, new RegExp(`^state\\[${at}\\]\\.data: running variance 2 of layer bn is negative \\(-0\\.5\\); a variance is ≥ 0$`));
  });
});

describe('Import Model errors are one short line that never quotes the file', () => {
  it('invalid JSON says where, not what (V8 quotes the text it choked on)', () => {
    const error = expectRefused('root:x:0:0:root:/root:/bin/bash\n', /^\(root\): not valid JSON \(syntax error\)$/);
    expect(error).not.toMatch(/root:x/);
    expectRefused('{"format": "dendrite.model", "version": 1, "spec": ', /^\(root\): not valid JSON \(it ends before the JSON does\)$/);
    expect(expectRefused('{"format": "/etc/shadow" x}', /^\(root\): not valid JSON \(syntax error( at character \d+)?\)$/)).not.toMatch(/shadow/);
  });

  it('a 5 MB kind or activation string is not echoed', () => {
    const file = modelFile(softmax3(), 3, 4) as unknown as { spec: { layers: { kind: string; activation?: string }[] } };
    const long = 'k'.repeat(5 * 1024 * 1024);
    const kind = structuredClone(file);
    kind.spec.layers[1].kind = long;
    expect(expectRefused(kind, /^spec\.layers\[1\]\.kind: unknown layer kind/)).toMatch(/"k{40}…" \(5,242,880 characters\)/);
    const activation = structuredClone(file);
    activation.spec.layers[3].activation = long;
    expectRefused(activation, /^spec\.layers\[3\]\.activation: expected one of sigmoid, softmax, linear, got "k{40}…"/);
  });
});

describe('the CLI says it in one short line too', () => {
  it('a spec with a 5 MB kind string: exit 2, one line on stderr, the string not echoed', async () => {
    const { main } = await import('../../engine/cli/main');
    const spec = JSON.stringify({
      format: 'dendrite.spec',
      version: 1,
      layers: [
        { id: 'x', kind: 'k'.repeat(5 * 1024 * 1024), inputs: [] },
        { id: 'y', kind: 'output', inputs: ['x'] },
      ],
    });
    let stderr = '';
    const code = await main(['inspect', '--spec', 'huge.json'], {
      stdout: () => undefined,
      stderr: (t) => void (stderr += t),
      isTTY: false,
      readText: () => spec,
      readBytes: () => new Uint8Array(),
      writeText: () => undefined,
      loadNative: () => ({ error: 'not here' }),
      now: () => 0,
    });
    expect(code).toBe(2);
    expect(stderr.endsWith('\n')).toBe(true);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr.length).toBeLessThan(320);
    expect(stderr).toMatch(/^dendrite: spec huge\.json: layers\[0\]\.kind: unknown layer kind "k{40}…" \(5,242,880 characters\)/);
  });
});

describe('legal but suspicious input is said, not passed over', () => {
  it('dendrite predict warns on stderr about a model that multiplies its inputs by 1e9, and still predicts', async () => {
    const { main } = await import('../../engine/cli/main');
    const planar: LayerSpec[] = [
      { id: 'x', kind: 'input', inputs: [], shape: [2] },
      { id: 'y', kind: 'output', inputs: ['x'], units: 1, activation: 'sigmoid', loss: 'bce' },
    ];
    const file = modelFile(planar, 2, 2);
    file.normalisation.scale[0] = 1e9;
    let stderr = '';
    let stdout = '';
    const code = await main(['predict', '--model', 'm.json', '--data', 'flower:4'], {
      stdout: (t) => void (stdout += t),
      stderr: (t) => void (stderr += t),
      isTTY: false,
      readText: () => JSON.stringify(file),
      readBytes: () => new Uint8Array(),
      writeText: () => undefined,
      loadNative: () => ({ error: 'not here' }),
      now: () => 0,
    });
    expect(code).toBe(0);
    expect(stderr).toMatch(/\ndendrite: warning: model m\.json: normalisation\.scale: inputs are multiplied by up to 1\.00e\+9/);
    expect(stdout.trim().split('\n')).toHaveLength(4);
  });
});
