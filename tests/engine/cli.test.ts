/**
 * The CLI through its main function with injected I/O (fast), and once as a real
 * process from the built bundle (bin/dendrite.cjs → out/cli/dendrite.cjs).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../engine/cli/main';
import { testCliIo } from '../helpers/cli-io';

const ROOT = join(__dirname, '..', '..');
const EXAMPLES = join(ROOT, 'resources', 'examples');
const dir = mkdtempSync(join(tmpdir(), 'dendrite-cli-'));

const io = testCliIo;

const planar = join(EXAMPLES, 'planar-2-4-1.spec.json');

describe('dendrite CLI (main)', () => {
  it('train prints the backend on stderr and one JSON line of metrics on stdout; --export writes a model', async () => {
    const { host, out } = io();
    const code = await main(['train', '--spec', planar, '--data', 'flower', '--iterations', '2000', '--export', 'm.json'], host);
    expect(code).toBe(0);
    expect(out.stderr).toBe('backend: reference (native unavailable: not in this test)\n');
    const lines = out.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const result = JSON.parse(lines[0]);
    expect(result).toMatchObject({ status: 'completed', backend: 'reference', iterations: 2000 });
    expect(result.trainAccuracy).toBeGreaterThan(0.8);

    // predict with the exported model: one JSON line per example.
    const predicted = io({ 'm.json': out.written['m.json'] });
    expect(await main(['predict', '--model', 'm.json', '--data', 'flower:5', '--backend', 'reference'], predicted.host)).toBe(0);
    const rows = predicted.out.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(rows).toHaveLength(5);
    expect(rows[0]).toHaveProperty('output');
    expect([0, 1]).toContain(rows[0].class);
  });

  it('train --from continues from an exported model (its spec by default); --iterations 0 evaluates it', async () => {
    const first = io();
    expect(await main(['train', '--spec', planar, '--data', 'flower', '--iterations', '500', '--export', 'a.json'], first.host)).toBe(0);
    const firstResult = JSON.parse(first.out.stdout);

    const evaluated = io({ 'a.json': first.out.written['a.json'] });
    expect(await main(['train', '--from', 'a.json', '--data', 'flower', '--iterations', '0'], evaluated.host)).toBe(0);
    expect(JSON.parse(evaluated.out.stdout)).toMatchObject({ iterations: 0, trainAccuracy: firstResult.trainAccuracy, trainCost: firstResult.trainCost });

    const continued = io({ 'a.json': first.out.written['a.json'] });
    expect(await main(['train', '--from', 'a.json', '--data', 'flower', '--iterations', '500'], continued.host)).toBe(0);
    expect(JSON.parse(continued.out.stdout).trainCost).toBeLessThan(firstResult.trainCost);

    const zero = io();
    expect(await main(['train', '--spec', planar, '--data', 'flower', '--iterations', '0'], zero.host)).toBe(2);
    const broken = io({ 'b.json': '{"format":"dendrite.model","version":1}' });
    expect(await main(['train', '--from', 'b.json', '--data', 'flower'], broken.host)).toBe(2);
    expect(broken.out.stderr).toMatch(/^dendrite: model b\.json: /m);
  });

  it('inspect prints the dimension table with totals', async () => {
    const { host, out } = io();
    expect(await main(['inspect', '--spec', join(EXAMPLES, 'lenet-small.spec.json')], host)).toBe(0);
    expect(out.stdout).toMatch(/conv1\s+conv2d\s+\(5, 5, 1, 6\)\s+\(1, 1, 1, 6\)\s+\(m, 28, 28, 6\)/);
    expect(out.stdout).toMatch(/fc1\s+dense\s+\(120, 400\)\s+\(120, 1\)\s+\(120, m\)/);
    expect(out.stdout).toContain('total parameters: 61,706');
  });

  it('gradcheck reports a great relative difference on every example spec', async () => {
    for (const [spec, data] of [
      ['planar-2-4-1', 'moons'],
      ['spirals-softmax', 'spirals:30'],
      ['deep-relu-moons', 'moons'],
    ]) {
      const { host, out } = io();
      expect(await main(['gradcheck', '--spec', join(EXAMPLES, `${spec}.spec.json`), '--data', data], host)).toBe(0);
      const result = JSON.parse(out.stdout);
      expect(result.difference).toBeLessThan(1e-5);
    }
  });

  const bad: [string, string[], Record<string, string>, RegExp][] = [
    ['malformed JSON', ['inspect', '--spec', 's.json'], { 's.json': '{ "format": ' }, /^dendrite: spec s\.json: not valid JSON/],
    [
      'wrong type',
      ['inspect', '--spec', 's.json'],
      { 's.json': JSON.stringify({ format: 'dendrite.spec', version: 1, layers: 'x' }) },
      /^dendrite: spec s\.json: layers: expected an array of layers$/,
    ],
    [
      'missing field',
      ['inspect', '--spec', 's.json'],
      { 's.json': JSON.stringify({ format: 'dendrite.spec', layers: [] }) },
      /^dendrite: spec s\.json: version: expected 1/,
    ],
    [
      'huge size',
      ['train', '--spec', 's.json', '--data', 'flower'],
      { 's.json': readFileSync(planar, 'utf8').replace('"units": 4', '"units": 99999999') },
      /layers\[1\]\.units: expected integer ≥ 1 and ≤ 65536, got 99999999/,
    ],
    [
      'unknown kind',
      ['train', '--spec', 's.json', '--data', 'flower'],
      { 's.json': readFileSync(planar, 'utf8').replace('"kind": "dense"', '"kind": "transformer"') },
      /layers\[1\]\.kind: unknown layer kind "transformer"/,
    ],
    ['unknown generator', ['train', '--spec', planar, '--data', 'mnist'], {}, /--data mnist: expected a generator/],
    ['unknown option', ['train', '--spec', planar, '--data', 'flower', '--lrate', '1'], {}, /unknown option --lrate/],
    ['bad number', ['train', '--spec', planar, '--data', 'flower', '--lr', 'fast'], {}, /--lr: expected a number/],
    ['spec that does not fit the data', ['train', '--spec', planar, '--data', 'blobs'], {}, /A 3-class dataset needs a softmax output/],
    ['missing file', ['inspect', '--spec', '/nonexistent/s.json'], {}, /cannot read the file/],
    [
      'malformed model',
      ['predict', '--model', 'm.json', '--data', 'flower'],
      { 'm.json': JSON.stringify({ format: 'dendrite.model', version: 1 }) },
      /^dendrite: model m\.json: spec: /,
    ],
    ['unknown command', ['fly'], {}, /unknown command "fly"/],
  ];
  for (const [name, argv, files, message] of bad) {
    it(`exits 2 with one line for ${name}`, async () => {
      const { host, out } = io(files);
      expect(await main(argv, host)).toBe(2);
      const errorLines = out.stderr.split('\n').filter((l) => l.startsWith('dendrite:'));
      expect(errorLines).toHaveLength(1);
      expect(errorLines[0]).toMatch(message);
      expect(out.stderr).not.toMatch(/\n\s+at /); // no stack trace
    });
  }

  it('a diverging run exits 1 with the advice to lower the learning rate', async () => {
    const csv = Array.from({ length: 20 }, (_, i) => `${i * 100},${(i % 3) * 50},${i * 3.5 + 0.25}`).join('\n');
    const spec = JSON.stringify({
      format: 'dendrite.spec',
      version: 1,
      layers: [
        { id: 'x', kind: 'input', shape: [2], inputs: [] },
        { id: 'y', kind: 'output', units: 1, activation: 'linear', loss: 'mse', inputs: ['x'] },
      ],
    });
    const { host, out } = io({ 'r.csv': csv, 's.json': spec });
    expect(await main(['train', '--spec', 's.json', '--data', 'r.csv', '--lr', '10', '--iterations', '500', '--backend', 'reference'], host)).toBe(1);
    expect(out.stderr).toMatch(/Lower the learning rate/);
    expect(JSON.parse(out.stdout)).toMatchObject({ status: 'failed' });
  });
});

describe('dendrite CLI (built bundle, spawned)', () => {
  beforeAll(() => {
    execFileSync(process.execPath, [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'vite.cli.config.ts', '--logLevel', 'error'], {
      cwd: ROOT,
      stdio: 'pipe',
    });
  }, 120_000);

  it('runs train and refuses a bad spec with exit 2 and one line', () => {
    const ok = spawnSync(
      process.execPath,
      [join(ROOT, 'bin', 'dendrite.cjs'), 'train', '--spec', planar, '--data', 'flower', '--iterations', '300', '--backend', 'reference'],
      { encoding: 'utf8' },
    );
    expect(ok.status).toBe(0);
    expect(ok.stderr).toBe('backend: reference\n');
    expect(JSON.parse(ok.stdout)).toMatchObject({ status: 'completed', iterations: 300 });

    const badSpec = join(dir, 'bad.spec.json');
    writeFileSync(
      badSpec,
      JSON.stringify({
        format: 'dendrite.spec',
        version: 1,
        layers: [
          { id: 'x', kind: 'input', shape: [2], inputs: [] },
          { id: 'y', kind: 'output', units: -3, activation: 'sigmoid', loss: 'bce', inputs: ['x'] },
        ],
      }),
    );
    const bad = spawnSync(process.execPath, [join(ROOT, 'bin', 'dendrite.cjs'), 'inspect', '--spec', badSpec], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/layers\[1\]\.units: expected integer ≥ 1/);
  });

  it('parallel search trials run on the fast path this machine allows: wasm when the native addon is missing', () => {
    const args = ['search', '--spec', planar, '--data', 'moons:200', '--vary', 'lr=1e-2:1:log', '--trials', '2', '--iterations', '50', '--parallel', '2'];
    const env: NodeJS.ProcessEnv = { ...process.env, DENDRITE_NATIVE_PATH: join(ROOT, 'no-such-addon.node') };
    delete env.DENDRITE_BACKEND;
    const run = spawnSync(process.execPath, [join(ROOT, 'bin', 'dendrite.cjs'), ...args], { encoding: 'utf8', env });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/^backend: wasm \(native unavailable: /m);
    expect(run.stderr).toContain('search: 2 trials, 2 at a time in worker threads');
    expect(run.stdout.trim().split('\n')).toHaveLength(2);
  });

  it('search runs its trials in parallel worker threads of the bundle, one JSON line each', () => {
    const args = [
      'search',
      '--spec',
      planar,
      '--data',
      'moons:300',
      '--vary',
      'lr=1e-2:10:log,units=2:16:log',
      '--trials',
      '4',
      '--iterations',
      '200',
      '--parallel',
      '2',
      '--backend',
      'reference',
    ];
    const run = spawnSync(process.execPath, [join(ROOT, 'bin', 'dendrite.cjs'), ...args], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toContain('search: 4 trials, 2 at a time in worker threads');
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.map((l) => l.trial).sort()).toEqual([1, 2, 3, 4]);
    for (const line of lines)
      expect(line).toMatchObject({ status: 'finished', iterations: 200, values: { lr: expect.any(Number), units: expect.any(Number) } });
  });
});
