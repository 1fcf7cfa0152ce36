/** dendrite predict: one JSON line per example with ŷ and the predicted class. */
import { importModel } from '../export/import';
import { predict } from '../export/predict';
import { loadSource } from '../data/load';
import { UsageError, type ParsedArgs } from './args';
import { chooseBackend } from './backend';
import { dataFromOptions } from './data';
import type { CliIo } from './io';
import { readJsonFile } from './spec-file';

export const PREDICT_OPTIONS = ['model', 'data', 'backend', 'data-seed', 'shape', 'task', 'labels'];

export async function predictCommand(args: ParsedArgs, io: CliIo): Promise<number> {
  const { options } = args;
  const modelPath = options.get('model');
  if (!modelPath) throw new UsageError('--model is required');
  const dataArg = options.get('data');
  if (!dataArg) throw new UsageError('--data is required');
  const json = readJsonFile(modelPath, io, 'model');
  const { backend } = chooseBackend(options.get('backend'), io);
  const imported = importModel(json, { backend });
  if (!imported.ok) throw new UsageError(`model ${modelPath}: ${imported.error}`);
  for (const warning of imported.warnings) io.stderr(`dendrite: warning: model ${modelPath}: ${warning}\n`);
  const data = loadSource(dataFromOptions(options, io));
  const expected = imported.model.net.input.exampleShape;
  if (data.exampleShape.join(',') !== expected.join(',')) {
    throw new UsageError(`--data ${dataArg}: examples are [${data.exampleShape.join(', ')}] but the model expects [${expected.join(', ')}]`);
  }
  const lines = predict(imported.model, data.x).map((p) => JSON.stringify(p));
  io.stdout(lines.length > 0 ? `${lines.join('\n')}\n` : '');
  return 0;
}
