/**
 * `dendrite export --model M --format onnx|pytorch|numpy --out FILE`, through the CLI's main with
 * injected I/O, and once as a real process from a freshly built bundle (protobufjs bundled in).
 * Bad input is one line on stderr with exit code 2, and leaves no file behind.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-web';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../engine/cli/main';
import type { CliIo } from '../../engine/cli/io';
import type { ModelFile } from '../../engine/export/format';
import { RECIPES, trainFixture } from './fixtures';

const ROOT = join(__dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'dendrite-export-cli-'));

function io(files: Record<string, string>, { bytes = true, failWrites = false } = {}) {
  const out = { stdout: '', stderr: '', written: {} as Record<string, Uint8Array | string> };
  const host: CliIo = {
    stdout: (t) => void (out.stdout += t),
    stderr: (t) => void (out.stderr += t),
    isTTY: false,
    readText: (path) => {
      if (path in files) return files[path];
      throw new Error(`ENOENT: no such file or directory, open '${path}'`);
    },
    readBytes: () => new Uint8Array(),
    writeText: (path, text) => {
      if (failWrites) throw new Error(`EACCES: permission denied, open '${path}'`);
      out.written[path] = text;
    },
    loadNative: () => ({ error: 'not in this test' }),
    now: () => 0,
  };
  if (bytes) {
    host.writeBytes = (path, data) => {
      if (failWrites) throw new Error(`EACCES: permission denied, open '${path}'`);
      out.written[path] = data;
    };
  }
  return { host, out };
}

let model: ModelFile;
let modelText: string;
beforeAll(async () => {
  model = (
    await trainFixture(
      RECIPES.find((r) => r.name === 'template planar')!,
      20,
    )
  ).file;
  modelText = JSON.stringify(model);
});

describe('dendrite export', () => {
  it('--format onnx writes an ONNX file that ONNX Runtime loads, and says so on stderr', async () => {
    const { host, out } = io({ 'net.model.json': modelText });
    expect(await main(['export', '--model', 'net.model.json', '--format', 'onnx', '--out', 'net.onnx'], host)).toBe(0);
    const bytes = out.written['net.onnx'] as Uint8Array;
    expect(bytes).toBeInstanceOf(Uint8Array);
    const session = await ort.InferenceSession.create(bytes);
    expect(session.inputNames).toEqual(['input']);
    expect(out.stderr).toMatch(/^exported net\.model\.json as onnx: net\.onnx \([\d,]+ bytes\)\n$/);
    expect(out.stdout).toBe('');
  });

  it.each([
    ['pytorch', 'import torch'],
    ['numpy', 'def L_model_forward(X, parameters'],
  ])('--format %s writes a Python script whose usage names the file it was written as', async (format, marker) => {
    const { host, out } = io({ 'm.json': modelText });
    expect(await main(['export', '--model', 'm.json', '--format', format, '--out', 'out/flower net.py'], host)).toBe(0);
    const text = new TextDecoder().decode(out.written['out/flower net.py'] as Uint8Array);
    expect(text.startsWith('#!/usr/bin/env python3\n')).toBe(true);
    expect(text).toContain(marker);
    expect(text).toContain('python3 flower net.py --predict examples.csv');
  });

  it('a host that cannot write bytes still exports the scripts, and refuses ONNX with a reason', async () => {
    const scripts = io({ 'm.json': modelText }, { bytes: false });
    expect(await main(['export', '--model', 'm.json', '--format', 'numpy', '--out', 'n.py'], scripts.host)).toBe(0);
    expect(typeof scripts.out.written['n.py']).toBe('string');
    const onnx = io({ 'm.json': modelText }, { bytes: false });
    expect(await main(['export', '--model', 'm.json', '--format', 'onnx', '--out', 'n.onnx'], onnx.host)).toBe(2);
    expect(onnx.out.stderr).toBe('dendrite: --out n.onnx: cannot write the file (this host cannot write binary files)\n');
  });

  it.each([
    [['--format', 'onnx', '--out', 'x.onnx'], 'dendrite: --model is required\n'],
    [['--model', 'm.json', '--out', 'x.onnx'], 'dendrite: --format is required (onnx, pytorch, numpy)\n'],
    [['--model', 'm.json', '--format', 'tflite', '--out', 'x'], 'dendrite: --format: expected onnx, pytorch, numpy, got "tflite"\n'],
    [['--model', 'm.json', '--format', 'onnx'], 'dendrite: --out is required (the file to write)\n'],
    [
      ['--model', 'missing.json', '--format', 'onnx', '--out', 'x.onnx'],
      "dendrite: model missing.json: cannot read the file (ENOENT: no such file or directory, open 'missing.json')\n",
    ],
  ])('bad arguments %j: one line, exit code 2, no file', async (args, message) => {
    const { host, out } = io({ 'm.json': modelText });
    expect(await main(['export', ...args], host)).toBe(2);
    expect(out.stderr).toBe(message);
    expect(out.written).toEqual({});
  });

  it.each(['onnx', 'pytorch', 'numpy'])(
    '%s: a model whose weights do not fit its spec is refused with the tensor and both shapes, and nothing is written',
    async (format) => {
      const broken = structuredClone(model);
      broken.parameters[0].shape = [...broken.parameters[0].shape].reverse();
      const { host, out } = io({ 'bad.json': JSON.stringify(broken) });
      expect(await main(['export', '--model', 'bad.json', '--format', format, '--out', 'x'], host)).toBe(2);
      expect(out.stderr).toBe(
        `dendrite: model bad.json: the model cannot be exported: parameters[0].shape: expected [4, 2] for W of layer dense-1, got [2, 4]\n`,
      );
      expect(out.written).toEqual({});
    },
  );

  it('a model file that is not JSON, or not a model, is refused in one line', async () => {
    const notJson = io({ 'a.json': '{"format": "dendrite.model",' });
    expect(await main(['export', '--model', 'a.json', '--format', 'onnx', '--out', 'x'], notJson.host)).toBe(2);
    expect(notJson.out.stderr).toMatch(/^dendrite: model a\.json: not valid JSON \(.+\)\n$/);
    const spec = io({ 'b.json': JSON.stringify(model.spec) });
    expect(await main(['export', '--model', 'b.json', '--format', 'pytorch', '--out', 'x'], spec.host)).toBe(2);
    expect(spec.out.stderr).toBe('dendrite: model b.json: the model cannot be exported: format: expected "dendrite.model"\n');
  });

  it('a file that cannot be written is a one-line error', async () => {
    const { host, out } = io({ 'm.json': modelText }, { failWrites: true });
    expect(await main(['export', '--model', 'm.json', '--format', 'onnx', '--out', '/root/x.onnx'], host)).toBe(2);
    expect(out.stderr).toBe("dendrite: --out /root/x.onnx: cannot write the file (EACCES: permission denied, open '/root/x.onnx')\n");
  });

  it('is listed in the usage', async () => {
    const { host, out } = io({});
    expect(await main(['--help'], host)).toBe(0);
    expect(out.stdout).toContain('dendrite export --model M.model.json --format onnx|pytorch|numpy --out FILE');
  });
});

describe('dendrite export, the built command', () => {
  const bundleDir = join(dir, 'cli');
  beforeAll(() => {
    // Its own output folder: the CLI test elsewhere rebuilds out/cli at the same time.
    execFileSync(
      process.execPath,
      [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'vite.cli.config.ts', '--outDir', bundleDir, '--logLevel', 'error'],
      { cwd: ROOT, stdio: 'pipe' },
    );
  });

  it('writes the ONNX file (through a temporary file, none left behind) and refuses a broken model with exit code 2', async () => {
    const work = join(dir, 'work');
    mkdirSync(work);
    writeFileSync(join(work, 'net.model.json'), modelText);
    const ok = spawnSync(process.execPath, [join(bundleDir, 'dendrite.cjs'), 'export', '--model', 'net.model.json', '--format', 'onnx', '--out', 'net.onnx'], {
      cwd: work,
      encoding: 'utf8',
    });
    expect(ok.stderr).toMatch(/^exported net\.model\.json as onnx: net\.onnx/);
    expect(ok.status).toBe(0);
    expect(readdirSync(work).sort()).toEqual(['net.model.json', 'net.onnx']);
    const session = await ort.InferenceSession.create(new Uint8Array(readFileSync(join(work, 'net.onnx'))));
    expect(session.outputNames).toEqual(['output']);

    const broken = structuredClone(model);
    broken.parameters[1].data = 'AAAAAA==';
    writeFileSync(join(work, 'bad.model.json'), JSON.stringify(broken));
    const bad = spawnSync(process.execPath, [join(bundleDir, 'dendrite.cjs'), 'export', '--model', 'bad.model.json', '--format', 'numpy', '--out', 'bad.py'], {
      cwd: work,
      encoding: 'utf8',
    });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe('dendrite: model bad.model.json: the model cannot be exported: parameters[1].data: expected 4 values, got 1\n');
    expect(existsSync(join(work, 'bad.py'))).toBe(false);
  });
});
