/**
 * The desktop's Model menu and its save: Export ONNX… / PyTorch… / NumPy (course style)… are in
 * the native menu, enabled only with a trained model; main's handler takes only our window, a
 * known format and model text, builds the file before the Save dialog (a broken model never gets
 * one), and writes where the user chose, atomically.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import * as ort from 'onnxruntime-web';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ModelFile } from '../../engine/export/format';
import { registerIpcHandlers } from '../../src/main/ipc';
import { buildMenuTemplate } from '../../src/main/menu';
import { ProjectFiles } from '../../src/main/project-files';
import { RunManager } from '../../src/main/runs';
import { IPC } from '../../src/shared/ipc';
import { INITIAL_MENU_STATE, type MenuCommand } from '../../src/shared/menu-commands';
import { FakeChild } from '../helpers/fake-child';
import { RECIPES, trainFixture } from './fixtures';

let model: ModelFile;
beforeAll(async () => {
  model = (
    await trainFixture(
      RECIPES.find((r) => r.name === 'template planar')!,
      20,
    )
  ).file;
});

describe('the native Model menu', () => {
  const modelMenu = (canExport: boolean, dispatch: (c: MenuCommand) => void = () => undefined) =>
    (
      buildMenuTemplate('linux', { ...INITIAL_MENU_STATE, canExport }, dispatch).find((m) => m.label === 'Model')!.submenu as MenuItemConstructorOptions[]
    ).filter((i) => i.type !== 'separator');

  it('offers Export ONNX…, Export PyTorch… and Export NumPy (course style)…, enabled once there is a trained model (and Transfer Weights…)', () => {
    expect(modelMenu(false).map((i) => [i.label, i.enabled])).toEqual([
      ['Export ONNX…', false],
      ['Export PyTorch…', false],
      ['Export NumPy (course style)…', false],
      ['Transfer Weights…', true],
    ]);
    expect(modelMenu(true).every((i) => i.enabled)).toBe(true);
  });

  it('sends each item’s command to the renderer', () => {
    const sent: MenuCommand[] = [];
    for (const item of modelMenu(true, (c) => sent.push(c))) (item.click as () => void)();
    expect(sent).toEqual(['model.exportOnnx', 'model.exportPytorch', 'model.exportNumpy', 'model.transfer']);
  });
});

describe('main’s Export … handler', () => {
  type Handler = (event: { sender: unknown }, ...payload: unknown[]) => Promise<unknown>;
  const ours = { id: 'ours' };

  function setup(choose: (name: string, kind: string) => string | null) {
    const handlers = new Map<string, Handler>();
    const asked: [string, string][] = [];
    const dir = mkdtempSync(join(tmpdir(), 'dendrite-export-desktop-'));
    const projects = new ProjectFiles(
      {
        chooseOpenPath: async () => null,
        chooseSavePath: async (name, kind) => {
          asked.push([name, kind]);
          const chosen = choose(name, kind);
          return chosen === null ? null : join(dir, chosen);
        },
      },
      dir,
    );
    registerIpcHandlers({ handle: (channel: string, fn: Handler) => handlers.set(channel, fn), on: () => undefined } as never, {
      runs: new RunManager(
        () => new FakeChild(),
        () => undefined,
      ),
      projects,
      isTrustedSender: (sender) => sender === (ours as never),
      onRendererReady: () => undefined,
      onMenuState: () => undefined,
    });
    const invoke = (sender: unknown, ...payload: unknown[]) => handlers.get(IPC.exportModelAs)!({ sender }, ...payload);
    return { invoke, asked, dir };
  }

  it('writes the ONNX file where the user chose, suggesting the project’s name with .onnx', async () => {
    const { invoke, asked, dir } = setup(() => 'chosen.onnx');
    expect(await invoke(ours, JSON.stringify(model), 'onnx', 'planar')).toEqual({ ok: true, value: { name: 'chosen.onnx' } });
    expect(asked).toEqual([['planar.onnx', 'onnx']]);
    const session = await ort.InferenceSession.create(new Uint8Array(readFileSync(join(dir, 'chosen.onnx'))));
    expect(session.outputNames).toEqual(['output']);
    expect(readdirSync(dir)).toEqual(['chosen.onnx']);
  });

  it('names a script after the file the user chose (its usage says how to run it)', async () => {
    const { invoke, asked, dir } = setup(() => 'my net.py');
    expect(await invoke(ours, JSON.stringify(model), 'numpy', 'planar')).toEqual({ ok: true, value: { name: 'my net.py' } });
    expect(asked).toEqual([['planar_numpy.py', 'numpy']]);
    expect(readFileSync(join(dir, 'my net.py'), 'utf8')).toContain('python3 my net.py --predict examples.csv');
  });

  it('writes nothing when the dialog is cancelled', async () => {
    const { invoke, dir } = setup(() => null);
    expect(await invoke(ours, JSON.stringify(model), 'pytorch', 'planar')).toEqual({ ok: true, value: null });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses a model whose weights do not fit its spec before any dialog opens', async () => {
    const { invoke, asked, dir } = setup(() => 'x.onnx');
    const broken = structuredClone(model);
    broken.parameters[0].shape = [2, 4];
    expect(await invoke(ours, JSON.stringify(broken), 'onnx', 'planar')).toEqual({
      ok: false,
      error: 'the model cannot be exported: parameters[0].shape: expected [4, 2] for W of layer dense-1, got [2, 4]',
    });
    expect(asked).toEqual([]);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses text that is not JSON in one line', async () => {
    const { invoke, asked } = setup(() => 'x.onnx');
    const answer = (await invoke(ours, '{"format": "dendrite.model",', 'onnx', 'planar')) as { ok: boolean; error: string };
    expect(answer.ok).toBe(false);
    expect(answer.error).toMatch(/^the model cannot be exported: \(root\): not valid JSON \(.+\)$/);
    expect(asked).toEqual([]);
  });

  it.each([
    ['an unknown format', ['{}', 'exe', 'x'], 'invalid export format'],
    ['a format that is not text', ['{}', { toString: () => 'onnx' }, 'x'], 'invalid export format'],
    ['a model that is not text', [{ format: 'dendrite.model' }, 'onnx', 'x'], 'invalid model: expected text'],
    ['a name that is not text', ['{}', 'onnx', 42], 'invalid save options'],
  ])('refuses %s', async (_what, payload, error) => {
    const { invoke, asked } = setup(() => 'x');
    expect(await invoke(ours, ...payload)).toEqual({ ok: false, error });
    expect(asked).toEqual([]);
  });

  it('ignores a sender that is not our window', async () => {
    const { invoke, asked } = setup(() => 'x.onnx');
    expect(await invoke({ id: 'stranger' }, JSON.stringify(model), 'onnx', 'planar')).toEqual({ ok: false, error: expect.stringMatching(/sender/) });
    expect(asked).toEqual([]);
  });

  it('takes only a file name from the renderer, never a path', async () => {
    const { invoke, asked } = setup(() => null);
    await invoke(ours, JSON.stringify(model), 'onnx', '../../etc/planar');
    expect(asked).toEqual([['.._.._etc_planar.onnx', 'onnx']]);
  });
});
