import { describe, expect, it } from 'vitest';
import { IPC } from '../../src/shared/ipc';
import { registerIpcHandlers } from '../../src/main/ipc';
import { RunManager } from '../../src/main/runs';
import { FakeChild } from '../helpers/fake-child';
import { planarRequest } from '../helpers/planar-request';

type Handler = (event: { sender: unknown }, payload: unknown) => unknown;

function setup() {
  const handlers = new Map<string, Handler>();
  const listeners = new Map<string, (event: { sender: unknown }) => void>();
  const ipcMain = {
    handle: (channel: string, fn: Handler) => handlers.set(channel, fn),
    on: (channel: string, fn: (event: { sender: unknown }) => void) => listeners.set(channel, fn),
  };
  const ourWindow = { id: 'ours' };
  const stranger = { id: 'stranger' };
  const children: FakeChild[] = [];
  const runs = new RunManager(() => {
    const c = new FakeChild();
    children.push(c);
    return c;
  }, () => undefined);
  const readied: unknown[] = [];
  registerIpcHandlers(ipcMain as never, {
    runs,
    isTrustedSender: (sender) => sender === (ourWindow as never),
    onRendererReady: (sender) => readied.push(sender),
  });
  const invoke = (channel: string, sender: unknown, payload: unknown) => handlers.get(channel)!({ sender }, payload);
  return { handlers, listeners, invoke, ourWindow, stranger, children, readied };
}

describe('IPC handlers', () => {
  it('registers a handler for every invoke channel', () => {
    const { handlers, listeners } = setup();
    expect([...handlers.keys()].sort()).toEqual([IPC.pauseRun, IPC.resumeRun, IPC.startRun, IPC.stopRun].sort());
    expect([...listeners.keys()]).toEqual([IPC.rendererReady]);
  });

  it('ignores senders that are not our window', () => {
    const { invoke, stranger, children, listeners, readied } = setup();
    expect(invoke(IPC.startRun, stranger, planarRequest('x'))).toEqual({ ok: false, error: expect.stringMatching(/sender/) });
    expect(children).toHaveLength(0);
    listeners.get(IPC.rendererReady)!({ sender: stranger });
    expect(readied).toHaveLength(0);
  });

  it('validates the run request and names the bad field', () => {
    const { invoke, ourWindow, children } = setup();
    const request = planarRequest('x');
    const bad = { ...request, config: { ...request.config, batchSize: -3 } };
    const result = invoke(IPC.startRun, ourWindow, bad) as { ok: boolean; error?: string };
    expect(result.ok).toBe(false);
    expect(result.error).toMatch(/config\.batchSize/);
    expect(invoke(IPC.startRun, ourWindow, 'rm -rf /')).toMatchObject({ ok: false });
    expect(invoke(IPC.startRun, ourWindow, { ...request, spec: { format: 'other' } })).toMatchObject({ ok: false });
    expect(children).toHaveLength(0);
  });

  it('starts a valid run and controls it by id', () => {
    const { invoke, ourWindow, children } = setup();
    expect(invoke(IPC.startRun, ourWindow, planarRequest('x'))).toEqual({ ok: true });
    expect(children).toHaveLength(1);
    expect(invoke(IPC.stopRun, ourWindow, 'x')).toEqual({ ok: true });
    expect(children[0]!.sent[1]).toEqual({ type: 'stop-run', runId: 'x' });
    expect(invoke(IPC.stopRun, ourWindow, { runId: 'x' })).toMatchObject({ ok: false });
    expect(invoke(IPC.stopRun, ourWindow, 'unknown')).toMatchObject({ ok: false, error: expect.stringMatching(/no run/) });
  });
});
