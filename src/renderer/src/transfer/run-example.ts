/**
 * The worked transfer-learning example from the canvas (engine/transfer/example.ts): train on
 * digits 0–4, then — with the network on the canvas replaced by the transfer network (frozen
 * convolutions, a new output layer) and its weights chosen — train it and its from-scratch twin
 * on small subsets of 5–9, through the host's run queue like any run. Every run lands in Runs.
 */
import { create } from 'zustand';
import type { ModelFile } from '../../../../engine/export';
import type { FinalMetrics, FromTrainer, RunRequest } from '../../../../engine/protocol';
import { type ExampleSummary, summariseExample, TRANSFER_SPEC, transferExample, TRANSFERRED_LAYERS } from '../../../../engine/train';
import { DIGITS_5_9, ensureBundled } from '../data/bundled';
import { datasetStore } from '../data/dataset-store';
import { MNIST_ID } from '../data/mnist';
import { fromSpec } from '../graph/templates';
import { arrange, withPositions } from '../graph/arrange';
import { canvasView } from '../canvas/canvas-view';
import type { AppServices } from '../stores';
import { withRecord, type RunRecord } from '../run/run-store';
import { appendPoints, emptySeries } from '../run/series';
import { setTransfer } from './transfer-store';

export interface ExampleState {
  status: 'idle' | 'running' | 'done' | 'failed';
  step: string;
  baseAccuracy: number | null;
  summary: ExampleSummary | null;
  error: string | null;
  subset: number;
  draws: number;
}

export const useExample = create<ExampleState>()(() => ({ status: 'idle', step: '', baseAccuracy: null, summary: null, error: null, subset: 50, draws: 3 }));

type Ended = { metrics: FinalMetrics; model: ModelFile | null };

/** Runs requests through the host; resolves each with its final metrics and model, or rejects with the failure. */
function runner({ host, run }: Pick<AppServices, 'host' | 'run'>) {
  const pending = new Map<string, { resolve(e: Ended): void; reject(e: Error): void; record: RunRecord; model: ModelFile | null }>();
  const off = host.onTrainerEvent((event: FromTrainer) => {
    if (event.type === 'hello') return;
    const entry = pending.get(event.runId);
    if (!entry) return;
    if (event.type === 'progress') entry.record.cost = appendPoints(entry.record.cost, event.costs);
    if (event.type === 'epoch') entry.record.epochs = [...entry.record.epochs, event.metrics];
    if (event.type === 'model') entry.model = event.model;
    if (event.type === 'run-finished' || event.type === 'run-failed') {
      pending.delete(event.runId);
      const record: RunRecord = {
        ...entry.record,
        status: event.type === 'run-finished' ? 'finished' : 'failed',
        final: event.type === 'run-finished' ? event.metrics : null,
      };
      run.setState({ ...run.getState(), history: withRecord(run.getState().history, record) });
      if (event.type === 'run-finished' && event.reason !== 'stopped') entry.resolve({ metrics: event.metrics, model: entry.model });
      else entry.reject(new Error(event.type === 'run-failed' ? event.message : 'stopped'));
    }
  });
  const start = (request: RunRequest, label: string) =>
    new Promise<Ended>((resolve, reject) => {
      const record: RunRecord = {
        runId: request.runId,
        status: 'running',
        cost: emptySeries(),
        epochs: [],
        final: null,
        settings: {
          label,
          dataset: 'inline',
          learningRate: request.config.learningRate,
          optimizer: request.config.optimizer.kind,
          iterations: request.config.iterations ?? request.config.epochs ?? 1,
          batchSize: request.config.batchSize,
          seed: request.config.seed,
        },
      };
      pending.set(request.runId, { resolve, reject, record, model: null });
      host.startRun(request).catch((error: unknown) => {
        pending.delete(request.runId);
        reject(error instanceof Error ? error : new Error(String(error)));
      });
    });
  return { start, close: off };
}

export async function runTransferExample(services: AppServices): Promise<void> {
  const { graph, settings } = services;
  const { subset, draws } = useExample.getState();
  useExample.setState({ status: 'running', step: 'Loading the bundled digits…', baseAccuracy: null, summary: null, error: null });
  const runs = runner(services);
  try {
    await ensureBundled(MNIST_ID);
    const mnist = datasetStore.getState().datasets[MNIST_ID];
    if (!mnist) throw new Error(String(datasetStore.getState().loading[MNIST_ID] ?? 'The bundled digits could not be loaded.'));
    const stamp = Date.now().toString(36);
    const example = transferExample({ kind: 'inline', ...mnist.data }, (s) => `example-${stamp}-${s.step}${s.step === 'base' ? '' : `-${s.draw + 1}`}`, {
      subset,
      draws,
    });

    useExample.setState({ step: 'Training on digits 0–4…' });
    const base = await runs.start(example.base, 'example: digits 0–4');
    if (!base.model) throw new Error('The digits 0–4 run sent no model.');
    useExample.setState({ baseAccuracy: base.metrics.devAccuracy ?? null });

    // The canvas becomes task B: the same body, convolutions frozen, a new output; weights chosen.
    const transferDoc = fromSpec(TRANSFER_SPEC);
    graph.getState().replaceDoc('Transfer to digits 5–9', withPositions(transferDoc, arrange(transferDoc, canvasView())));
    settings.setState({ datasetId: DIGITS_5_9 });
    void ensureBundled(DIGITS_5_9);
    setTransfer({ model: base.model, name: 'the digits 0–4 run' }, TRANSFERRED_LAYERS);

    useExample.setState({ step: `Training on ${subset} images of 5–9: transferred and from scratch, ${draws} subset${draws === 1 ? '' : 's'}…` });
    const pairs = example.pairs(base.model);
    const results = await Promise.all(
      pairs.map(async ({ transfer, scratch }, i) => {
        const [t, s] = await Promise.all([
          runs.start(transfer, `example: 5–9 transferred, subset ${i + 1}`),
          runs.start(scratch, `example: 5–9 from scratch, subset ${i + 1}`),
        ]);
        return { transfer: t.metrics.devAccuracy ?? NaN, scratch: s.metrics.devAccuracy ?? NaN };
      }),
    );
    useExample.setState({ status: 'done', step: '', summary: summariseExample(results) });
  } catch (error) {
    useExample.setState({ status: 'failed', step: '', error: error instanceof Error ? error.message : String(error) });
  } finally {
    runs.close();
  }
}
