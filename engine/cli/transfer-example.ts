/**
 * dendrite transfer-example: the worked transfer-learning example (engine/transfer/example.ts)
 * on an IDX digit pair (the bundled MNIST subset): train on digits 0–4, then on a small subset of
 * 5–9 transferred and from scratch. One JSON line per run on stdout, then one with the means.
 */
import type { ModelFile } from '../export/format';
import type { FromTrainer, RunRequest } from '../protocol/messages';
import { runTraining } from '../train/run';
import { summariseExample, transferExample, type ExampleStep } from '../transfer/example';
import { intOption, UsageError, type ParsedArgs } from './args';
import { chooseBackend } from './backend';
import { resolveData } from './data';
import type { CliIo } from './io';

export const TRANSFER_EXAMPLE_OPTIONS = ['data', 'subset', 'draws', 'backend', 'threads', 'export-base'];

export async function transferExampleCommand(args: ParsedArgs, io: CliIo): Promise<number> {
  const { options } = args;
  const dataArg = options.get('data');
  if (!dataArg)
    throw new UsageError(
      '--data is required: the digits as an IDX pair, e.g. resources/datasets/mnist-10k-images-idx3-ubyte.gz,resources/datasets/mnist-10k-labels-idx1-ubyte.gz',
    );
  const digits = resolveData(dataArg, io, 1);
  if (digits.kind !== 'inline' || digits.numClasses !== 10) throw new UsageError(`--data ${dataArg}: expected the ten MNIST digits (10 classes)`);
  const { backend, info } = chooseBackend(options.get('backend'), io, intOption(options, 'threads', 1, 256));
  const label = (step: ExampleStep) => (step.step === 'base' ? 'base' : `${step.step}-${step.draw + 1}`);
  const example = transferExample(digits, label, { subset: intOption(options, 'subset', 5, 100_000), draws: intOption(options, 'draws', 1, 20) });

  const run = async (request: RunRequest, fields: Record<string, unknown>) => {
    let model: ModelFile | null = null;
    let failure: string | null = null;
    let metrics: Extract<FromTrainer, { type: 'run-finished' }>['metrics'] | null = null;
    await runTraining(
      request,
      backend,
      {
        emit: (event) => {
          if (event.type === 'model') model = event.model;
          if (event.type === 'run-finished') metrics = event.metrics;
          if (event.type === 'run-failed') failure = event.message;
        },
        checkpoint: async () => 'continue',
        now: () => io.now(),
      },
      info,
    );
    if (failure || !metrics || !model) throw new UsageError(`${request.runId}: ${failure ?? 'the run ended without a model'}`);
    const { trainAccuracy, devAccuracy, iterations, epochs } = metrics;
    io.stdout(`${JSON.stringify({ run: request.runId, ...fields, iterations, epochs, trainAccuracy, devAccuracy })}\n`);
    return { model: model as ModelFile, devAccuracy: devAccuracy ?? NaN };
  };

  const base = await run(example.base, { digits: '0-4' });
  const exportPath = options.get('export-base');
  if (exportPath) io.writeText(exportPath, JSON.stringify(base.model));
  const draws = [];
  for (const [i, pair] of example.pairs(base.model).entries()) {
    const transfer = await run(pair.transfer, { digits: '5-9', draw: i + 1, trainExamples: pair.transfer.trainLimit });
    const scratch = await run(pair.scratch, { digits: '5-9', draw: i + 1, trainExamples: pair.scratch.trainLimit });
    draws.push({ transfer: transfer.devAccuracy, scratch: scratch.devAccuracy });
  }
  const summary = summariseExample(draws);
  io.stdout(
    `${JSON.stringify({ summary: 'mean dev accuracy on digits 5-9', transfer: summary.transfer, scratch: summary.scratch, draws: summary.draws.length })}\n`,
  );
  return 0;
}
