/**
 * dendrite search: a hyperparameter search from the command line — the network, data and
 * settings of `dendrite train`, the settings to vary (--vary lr=1e-4:1:log,beta=0.9:0.999:log,
 * units@h1=16:256), the number of trials and each trial's budget. Trials are random samples
 * (--search-seed), run --parallel at a time (worker threads in the built CLI), and each
 * finished trial prints one JSON line. --zoom earlier.jsonl narrows the ranges around that
 * search's best trials first (coarse to fine).
 */
import { availableParallelism } from 'node:os';
import type { RunRequest } from '../protocol/messages';
import { planSearch, type SearchConfig } from '../search/config';
import { ranked, trialScore, type TrialResult } from '../search/results';
import { runSearch, type TrialOutcome } from '../search/run';
import { dimensionKey, type TrialValues } from '../search/sample';
import { SEARCH_SETTINGS, SETTINGS, type Dimension } from '../search/space';
import { zoomIn } from '../search/zoom';
import { MAX_SEARCH_TRIALS } from '../spec/limits';
import { intOption, UsageError, type ParsedArgs } from './args';
import { chooseBackend } from './backend';
import type { CliIo } from './io';
import { trainTrial } from './trial';
import { buildRequest, TRAIN_OPTIONS } from './train';

const NOT_FOR_SEARCH = new Set(['export', 'from', 'transfer', 'transfer-layers']);
export const SEARCH_OPTIONS = [...TRAIN_OPTIONS.filter((o) => !NOT_FOR_SEARCH.has(o)), 'trials', 'vary', 'search-seed', 'parallel', 'zoom'];

const BY_FLAG = new Map(SEARCH_SETTINGS.map((s) => [SETTINGS[s].flag, s]));
const flagOf = (d: Pick<Dimension, 'setting' | 'layer'>) => `${SETTINGS[d.setting].flag}${d.layer ? `@${d.layer}` : ''}`;

/** "lr=1e-4:1:log,units@h1=16:256" → dimensions (the scale defaults to the setting's own). */
export function parseVary(text: string): Dimension[] {
  return text.split(',').map((part) => {
    const match = /^\s*([a-z0-9]+)(?:@([^=\s]+))?\s*=\s*([^:]+):([^:]+)(?::(linear|log))?\s*$/.exec(part);
    const setting = match && BY_FLAG.get(match[1]);
    if (!match || !setting) {
      const flags = SEARCH_SETTINGS.map((s) => SETTINGS[s].flag).join(', ');
      throw new UsageError(`--vary: expected name=min:max[:linear|log] (names: ${flags}; units@layer and keep@layer aim at one layer), got "${part.trim()}"`);
    }
    const [min, max] = [Number(match[3]), Number(match[4])];
    return { setting, min, max, scale: (match[5] as Dimension['scale'] | undefined) ?? SETTINGS[setting].scale, ...(match[2] ? { layer: match[2] } : {}) };
  });
}

/** A finished trial as one JSON line: values by their --vary names, the errors and the cost. */
function trialLine(t: TrialResult, dimensions: readonly Dimension[]): string {
  const values = Object.fromEntries(dimensions.map((d) => [flagOf(d), t.values[dimensionKey(d)]]));
  if (t.status !== 'finished' || !t.metrics) return JSON.stringify({ trial: t.trial, runId: t.runId, status: t.status, values, error: t.error });
  const m = t.metrics;
  return JSON.stringify({
    trial: t.trial,
    runId: t.runId,
    status: 'finished',
    values,
    devError: m.devAccuracy === undefined ? null : 1 - m.devAccuracy,
    trainError: Number.isFinite(m.trainAccuracy) ? 1 - m.trainAccuracy : null,
    trainCost: m.trainCost,
    iterations: m.iterations,
    epochs: m.epochs,
  });
}

/** An earlier search's lines (this command's stdout) as trial results, for --zoom. */
function readTrials(text: string, dimensions: readonly Dimension[], path: string): TrialResult[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, i) => {
      let row: {
        trial?: number;
        runId?: string;
        status?: string;
        values?: Record<string, number>;
        devError?: number | null;
        trainError?: number | null;
        trainCost?: number;
      };
      try {
        row = JSON.parse(line);
      } catch {
        throw new UsageError(`--zoom ${path}: line ${i + 1} is not JSON`);
      }
      const values: TrialValues = {};
      for (const d of dimensions) {
        const v = row.values?.[flagOf(d)];
        if (typeof v !== 'number') throw new UsageError(`--zoom ${path}: line ${i + 1} has no value for ${flagOf(d)} (zoom with the same --vary settings)`);
        values[dimensionKey(d)] = v;
      }
      const finished = row.status === 'finished';
      const metrics = finished
        ? {
            iterations: 0,
            epochs: 0,
            trainCost: row.trainCost ?? NaN,
            trainAccuracy: row.trainError === null || row.trainError === undefined ? NaN : 1 - row.trainError,
            ...(typeof row.devError === 'number' ? { devAccuracy: 1 - row.devError } : {}),
          }
        : undefined;
      return { trial: row.trial ?? i + 1, runId: row.runId ?? String(i + 1), values, status: finished ? 'finished' : 'failed', metrics } as TrialResult;
    });
}

const describeRange = (d: Dimension) => `${flagOf(d)} ${+d.min.toPrecision(4)}…${+d.max.toPrecision(4)} (${d.scale})`;

export async function searchCommand(args: ParsedArgs, io: CliIo): Promise<number> {
  const { options } = args;
  const vary = options.get('vary');
  if (!vary) throw new UsageError('--vary is required, e.g. --vary lr=1e-4:1:log,beta=0.9:0.999:log');
  if (!options.has('iterations') && !options.has('epochs')) throw new UsageError('a search needs a budget per trial: --iterations N or --epochs N');
  // A search is judged on the dev set: without --dev, hold out a fifth.
  if (!options.has('dev')) {
    options.set('dev', '0.2');
    io.stderr('search: no --dev given, so 20 % of the examples are the dev set the trials are compared on\n');
  }
  const base: RunRequest = buildRequest(args, io);
  let dimensions = parseVary(vary);
  const zoomPath = options.get('zoom');
  if (zoomPath) {
    let text: string;
    try {
      text = io.readText(zoomPath);
    } catch (error) {
      throw new UsageError(`--zoom ${zoomPath}: cannot read the file (${(error as Error).message.split('\n')[0]})`);
    }
    try {
      dimensions = zoomIn(dimensions, readTrials(text, dimensions, zoomPath));
    } catch (error) {
      if (error instanceof UsageError) throw error;
      throw new UsageError(`--zoom ${zoomPath}: ${(error as Error).message}`);
    }
    io.stderr(`search: zoomed in around the best trials of ${zoomPath}: ${dimensions.map(describeRange).join(', ')}\n`);
  }
  const config: SearchConfig = {
    dimensions,
    trials: intOption(options, 'trials', 1, MAX_SEARCH_TRIALS) ?? 20,
    budget: base.config.iterations !== undefined ? { iterations: base.config.iterations } : { epochs: base.config.epochs ?? 1 },
    seed: intOption(options, 'search-seed', 0, 2 ** 31) ?? 1,
  };
  const plan = planSearch(base, config, (trial) => `trial-${trial}`);
  if (!plan.ok) throw new UsageError(plan.error);

  const cores = Math.max(1, availableParallelism());
  const wanted = intOption(options, 'parallel', 1, 64) ?? Math.min(cores, config.trials);
  const lanes = io.trialRunner && wanted > 1 ? Math.min(wanted, config.trials) : 1;
  const threadsPerLane = Math.max(1, Math.floor(cores / lanes));
  // Chosen (and said) once, native → wasm → reference as for train; parallel workers load the same one.
  const { backend, info } = chooseBackend(options.get('backend'), io, lanes > 1 ? threadsPerLane : intOption(options, 'threads', 1, 256));
  const pool = lanes > 1 ? io.trialRunner!(lanes, info.name) : null;
  let run: (request: RunRequest) => Promise<TrialOutcome>;
  if (pool) {
    const threads = threadsPerLane;
    io.stderr(`search: ${config.trials} trials, ${pool.lanes} at a time in worker threads (${threads} thread${threads === 1 ? '' : 's'} each)\n`);
    run = (request) => pool.run({ ...request, threads: request.threads ?? threads });
  } else {
    io.stderr(`search: ${config.trials} trials, one after another in this process${wanted > 1 ? ' (parallel trials need the built CLI)' : ''}\n`);
    run = (request) => trainTrial(request, backend, () => io.now(), info);
  }
  try {
    const results = await runSearch(plan.trials, run, {
      concurrency: pool?.lanes ?? 1,
      onUpdate: (_all, changed) => {
        if (changed.status === 'finished' || changed.status === 'failed') io.stdout(`${trialLine(changed, dimensions)}\n`);
      },
    }).done;
    const [best] = ranked(results);
    if (best) {
      const values = dimensions.map((d) => `${flagOf(d)}=${+best.values[dimensionKey(d)].toPrecision(4)}`).join(' ');
      io.stderr(`best: trial ${best.trial} (score ${+trialScore(best.metrics).toPrecision(4)}): ${values}\n`);
    }
    return results.some((t) => t.status === 'finished') ? 0 : 1;
  } finally {
    pool?.close();
  }
}
