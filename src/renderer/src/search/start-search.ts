/**
 * Starting a search from the canvas: the current network, data and settings are the base run
 * request (as Train builds it); engine/search samples the trials; each trial is started through
 * the host like any run — so it waits in the same run queue and runs in its own trainer — a few
 * at a time. A trial's events become a run record (overlay it in Runs) and its model (export it).
 */
import type { FinalMetrics, FromTrainer, RunRequest } from '../../../../engine/protocol';
import { dimensionKey, planSearch, runSearch, SETTINGS, type TrialOutcome } from '../../../../engine/train';
import type { Host } from '../host/host';
import type { RunRecord } from '../run/run-store';
import { appendPoints, emptySeries } from '../run/series';
import { useSearch } from './search-store';

/** A trial's label in Runs: "search 2 · trial 5: α = 0.0123, n[l] = 37". */
export function trialLabel(ordinal: number, trial: number, request: RunRequest, values: Record<string, number>): string {
  const { dimensions } = useSearch.getState().ran ?? useSearch.getState().config;
  const parts = dimensions.map((d) => `${SETTINGS[d.setting].symbol} = ${formatValue(values[dimensionKey(d)])}`);
  return `search ${ordinal} · trial ${trial}${parts.length ? `: ${parts.join(', ')}` : ''} (${request.config.optimizer.kind})`;
}

export const formatValue = (v: number | undefined) => (v === undefined ? '—' : Number.isInteger(v) ? String(v) : Number(v.toPrecision(3)).toString());

/** How many trials run at once: one per core (the host's queue holds the rest). */
const lanes = () => Math.max(2, globalThis.navigator?.hardwareConcurrency ?? 2);

export function startSearch(host: Host, base: RunRequest): string | null {
  const { config, ordinal: previous } = useSearch.getState();
  const ordinal = previous + 1;
  const stamp = Date.now().toString(36);
  const plan = planSearch(base, config, (trial) => `search-${stamp}-${trial}`);
  if (!plan.ok) return plan.error;
  const values = new Map(plan.trials.map((t) => [t.request.runId, { trial: t.trial, values: t.values, request: t.request }]));
  const live = new Map<string, RunRecord>();
  const waiting = new Map<string, (outcome: TrialOutcome) => void>();

  const off = host.onTrainerEvent((event: FromTrainer) => {
    if (event.type === 'hello' || !values.has(event.runId)) return;
    const planned = values.get(event.runId)!;
    const record =
      live.get(event.runId) ??
      ({
        runId: event.runId,
        status: 'running',
        cost: emptySeries(),
        epochs: [],
        final: null,
        settings: {
          label: trialLabel(ordinal, planned.trial, planned.request, planned.values),
          dataset: planned.request.data.kind === 'generator' ? planned.request.data.name : 'inline',
          learningRate: planned.request.config.learningRate,
          optimizer: planned.request.config.optimizer.kind,
          iterations: planned.request.config.iterations ?? planned.request.config.epochs ?? 1,
          batchSize: planned.request.config.batchSize,
          seed: planned.request.config.seed,
        },
      } satisfies RunRecord);
    live.set(event.runId, record);
    if (event.type === 'progress') record.cost = appendPoints(record.cost, event.costs);
    if (event.type === 'epoch') record.epochs = [...record.epochs, event.metrics];
    if (event.type === 'model') useSearch.setState((s) => ({ models: { ...s.models, [event.runId]: event.model } }));
    if (event.type === 'run-finished' || event.type === 'run-failed') {
      const done: RunRecord = {
        ...record,
        status: event.type === 'run-finished' ? 'finished' : 'failed',
        final: event.type === 'run-finished' ? event.metrics : null,
      };
      useSearch.setState((s) => ({ records: { ...s.records, [event.runId]: done } }));
      waiting.get(event.runId)?.(
        event.type === 'run-finished'
          ? event.reason === 'stopped'
            ? { ok: false, error: 'stopped' }
            : { ok: true, metrics: event.metrics as FinalMetrics }
          : { ok: false, error: event.message },
      );
    }
  });

  const run = (request: RunRequest) =>
    new Promise<TrialOutcome>((resolve) => {
      waiting.set(request.runId, resolve);
      host.startRun(request).catch((error: unknown) => resolve({ ok: false, error: error instanceof Error ? error.message : String(error) }));
    });

  const control = runSearch(plan.trials, run, {
    concurrency: lanes(),
    onUpdate: (trials) => useSearch.setState({ trials }),
    stop: (runId) => void host.stopRun(runId).catch(() => undefined),
  });
  useSearch.setState({
    status: 'running',
    trials: plan.trials.map((t) => ({ trial: t.trial, runId: t.request.runId, values: t.values, status: 'queued' })),
    ran: config,
    ordinal,
    error: null,
    records: {},
    models: {},
    control,
    plotKey: dimensionKey(config.dimensions[0]),
  });
  void control.done.then((trials) => {
    off();
    const s = useSearch.getState();
    if (s.control === control) useSearch.setState({ trials, status: s.status === 'cancelled' ? 'cancelled' : 'done', control: null });
  });
  return null;
}

export function cancelSearch(): void {
  const { control } = useSearch.getState();
  useSearch.setState({ status: 'cancelled' });
  control?.cancel();
}
