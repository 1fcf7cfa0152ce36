/** dendrite train: one run from a spec file; progress on a TTY, one JSON line of metrics on stdout. */
import { modelFromRun } from '../export/from-run';
import { exportModelJson } from '../export/export';
import { optimizerFromName } from '../optim';
import type { RunRequest } from '../protocol/messages';
import type { TrainConfig } from '../protocol/train-config';
import { trainModel } from '../train/loop';
import type { Normalisation } from '../data/source';
import { intOption, numberOption, UsageError, type ParsedArgs } from './args';
import { chooseBackend } from './backend';
import { parseDecay } from './decay-option';
import { dataFromOptions } from './data';
import type { CliIo } from './io';
import { progressPrinter } from './progress';
import { readJsonFile, readSpec } from './spec-file';
import { modelFileSchema, type ModelFile } from '../export/format';
import { formatZodError } from '../spec/zod-format';
import { compileSpec, parseModelSpec } from '../compile';
import type { DataSource } from '../data/source';
import type { TransferRequest } from '../transfer/apply';
import { parseClassList, selectClasses } from '../data/classes';
import { chosenPairs, matchLayers } from '../transfer/match';
import type { ModelSpec } from '../spec/types';
import { quote } from '../text';

export const TRAIN_OPTIONS = [
  'spec',
  'data',
  'epochs',
  'iterations',
  'batch',
  'lr',
  'optimizer',
  'seed',
  'backend',
  'export',
  'l2',
  'dev',
  'test',
  'normalise',
  'patience',
  'data-seed',
  'shape',
  'task',
  'threads',
  'from',
  'classes',
  'limit',
  'transfer',
  'transfer-layers',
  'labels',
  'decay',
];

export function buildRequest(args: ParsedArgs, io: CliIo): RunRequest {
  const { options } = args;
  // --from model.json continues from that model's weights (its spec, unless --spec names one).
  const from = readStartingModel(options.get('from'), io);
  const spec = from && !options.has('spec') ? specOf(from, options.get('from')!) : readSpec(options.get('spec'), io);
  const seed = intOption(options, 'seed', 0, 2 ** 31) ?? 2;
  const data = withClasses(dataFromOptions(options, io), options.get('classes'));
  const optimizerName = options.get('optimizer') ?? 'gd';
  const optimizer = optimizerFromName(optimizerName);
  if (!optimizer) throw new UsageError(`--optimizer: expected gd, momentum, rmsprop or adam, got ${quote(optimizerName)}`);
  const batchRaw = options.get('batch');
  const batchSize = batchRaw === undefined || batchRaw === 'full' ? 'full' : intOption(options, 'batch', 1, 1_000_000)!;
  const epochs = intOption(options, 'epochs', 1, 1_000_000);
  // --iterations 0 with --from evaluates the model without training.
  const iterations = intOption(options, 'iterations', from ? 0 : 1, 100_000_000) ?? (epochs === undefined ? 10_000 : undefined);
  const defaultRate = optimizer.kind === 'adam' || optimizer.kind === 'rmsprop' ? 0.01 : 1.2;
  const config: TrainConfig = {
    batchSize,
    learningRate: numberOption(options, 'lr', 0, 1000) ?? defaultRate,
    optimizer,
    seed,
    ...(iterations !== undefined ? { iterations } : { epochs }),
  };
  const l2 = numberOption(options, 'l2', 0, 1e6);
  if (l2) config.l2 = l2;
  const patience = intOption(options, 'patience', 1, 1_000_000);
  if (patience) config.earlyStopping = { patience };
  const decay = options.get('decay');
  if (decay !== undefined) config.decay = parseDecay(decay);
  const dev = numberOption(options, 'dev', 0, 0.99) ?? 0;
  const test = numberOption(options, 'test', 0, 0.99) ?? 0;
  if (dev + test >= 1) throw new UsageError('--dev + --test must leave some examples for training');
  const normalisation = (options.get('normalise') ?? 'none') as Normalisation;
  if (!['none', 'standardise', 'minmax'].includes(normalisation))
    throw new UsageError(`--normalise: expected none, standardise or minmax, got "${normalisation}"`);
  const request: RunRequest = { runId: 'cli', spec, data, config, normalisation };
  if (dev + test > 0) request.split = { train: 1 - dev - test, dev, seed };
  if (from) request.initialModel = from;
  const limit = intOption(options, 'limit', 1, 100_000_000);
  if (limit !== undefined) request.trainLimit = limit;
  const transferPath = options.get('transfer');
  if (transferPath !== undefined) {
    if (from) throw new UsageError('--transfer and --from both give starting weights: use one');
    request.transfer = transferRequest(transferPath, options.get('transfer-layers'), request, io);
  } else if (options.has('transfer-layers')) throw new UsageError('--transfer-layers needs --transfer model.json');
  const threads = intOption(options, 'threads', 1, 256);
  if (threads !== undefined) request.threads = threads;
  return request;
}

export async function trainCommand(args: ParsedArgs, io: CliIo): Promise<number> {
  const request = buildRequest(args, io);
  const { backend, info } = chooseBackend(args.options.get('backend'), io, request.threads);
  const started = io.now();
  // The data was read for this run alone, so the splits may reuse its buffers (one copy, not two).
  const hooks = { emit: progressPrinter(io), checkpoint: async () => 'continue' as const, now: () => io.now() };
  const outcome = await trainModel(request, backend, hooks, info, { ownsData: true });
  if (outcome.status === 'failed') {
    if (outcome.cause === 'input') throw new UsageError(outcome.message);
    io.stderr(`error: ${outcome.message}${outcome.advice ? ` ${outcome.advice}` : ''}\n`);
    io.stdout(`${JSON.stringify({ status: 'failed', message: outcome.message, advice: outcome.advice })}\n`);
    return 1;
  }
  const exportPath = args.options.get('export');
  if (exportPath) {
    const model = modelFromRun(outcome.prepared, request, outcome.metrics, info.name);
    try {
      io.writeText(exportPath, exportModelJson(model));
    } catch (error) {
      throw new UsageError(`--export ${exportPath}: cannot write the file (${(error as Error).message.split('\n')[0]})`);
    }
  }
  io.stdout(`${JSON.stringify({ status: outcome.reason, backend: info.name, ...outcome.metrics, elapsedMs: Math.round(io.now() - started) })}\n`);
  return 0;
}

/** The model a run continues from: checked in outline here, in full (every tensor) when the run is planned. */
function readStartingModel(path: string | undefined, io: CliIo): ModelFile | null {
  return path === undefined ? null : readModelFile(path, io);
}

function readModelFile(path: string, io: CliIo): ModelFile {
  const parsed = modelFileSchema.safeParse(readJsonFile(path, io, 'model'));
  if (!parsed.success) throw new UsageError(`model ${path}: ${formatZodError(parsed.error)}`);
  return parsed.data as ModelFile;
}

function specOf(model: ModelFile, path: string): ModelSpec {
  const parsed = parseModelSpec(model.spec);
  if (!parsed.ok) throw new UsageError(`model ${path}: spec.${parsed.error}`);
  return parsed.spec;
}

/** --classes 0-4: only those classes' examples, relabelled 0…k−1 (the transfer example's digit halves). */
function withClasses(data: DataSource, classes: string | undefined): DataSource {
  if (classes === undefined) return data;
  if (data.kind !== 'inline') throw new UsageError('--classes selects classes of a CSV or IDX dataset, not of a generator');
  try {
    return selectClasses(data, parseClassList(classes));
  } catch (error) {
    throw new UsageError(`--classes ${classes}: ${(error as Error).message}`);
  }
}

/**
 * --transfer model.json: the layers that fit (matchLayers), or the pairs --transfer-layers names
 * (target=source,…). Says on stderr which layers start from the model and which start fresh.
 */
function transferRequest(path: string, pairs: string | undefined, request: RunRequest, io: CliIo): TransferRequest {
  const model = readModelFile(path, io);
  const compiled = compileSpec(request.spec);
  let layers: Record<string, string>;
  if (pairs !== undefined) {
    layers = {};
    for (const pair of pairs.split(',')) {
      const [target, source, extra] = pair.split('=').map((part) => part.trim());
      if (!target || !source || extra !== undefined)
        throw new UsageError(`--transfer-layers: expected target=source pairs separated by commas, got "${pairs}"`);
      layers[target] = source;
    }
  } else {
    layers = chosenPairs(matchLayers({ spec: specOf(model, path), parameters: model.parameters }, compiled.layers));
  }
  const chosen = Object.entries(layers);
  if (chosen.length === 0) throw new UsageError(`--transfer ${path}: no layer of the model fits a layer of this network (same kind and shapes)`);
  const fresh = compiled.layers.filter((l) => l.params > 0 && !(l.id in layers)).map((l) => l.id);
  io.stderr(
    `transfer from ${path}: ${chosen.map(([t, s]) => (t === s ? t : `${t} ← ${s}`)).join(', ')}${fresh.length ? `; fresh: ${fresh.join(', ')}` : ''}\n`,
  );
  return { model, layers, name: path.split(/[\\/]/).pop() };
}
