/** dendrite gradcheck: float64 two-sided differences on a few examples; one JSON line. Exit 1 when the check says "wrong". */
import { loadSource } from '../data/load';
import { subset } from '../data/dataset';
import { createReferenceBackend } from '../kernels/reference';
import { compileSpec, describeDiagnostics } from '../compile';
import { gradientCheck } from '../train/gradcheck';
import { shapeOfData } from '../data/tasks/dataset';
import { intOption, numberOption, UsageError, type ParsedArgs } from './args';
import { dataFromOptions } from './data';
import type { CliIo } from './io';
import { readSpec } from './spec-file';

export const GRADCHECK_OPTIONS = ['spec', 'data', 'examples', 'max-checks', 'seed', 'l2', 'epsilon', 'backend', 'data-seed', 'shape', 'task', 'labels'];

export async function gradcheckCommand(args: ParsedArgs, io: CliIo): Promise<number> {
  const { options } = args;
  const spec = readSpec(options.get('spec'), io);
  const dataArg = options.get('data');
  if (!dataArg) throw new UsageError('--data is required');
  const backendChoice = options.get('backend');
  if (backendChoice !== undefined && backendChoice !== 'reference') {
    throw new UsageError('--backend: gradient checking always runs on the reference backend in float64');
  }
  let data;
  try {
    data = loadSource(dataFromOptions(options, io));
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`--data ${dataArg}: ${(error as Error).message}`);
  }
  const compiled = compileSpec(spec, shapeOfData(data));
  if (!compiled.spec) throw new UsageError(`spec does not fit the data: ${describeDiagnostics(compiled.diagnostics)}`);
  const examples = Math.min(data.m, intOption(options, 'examples', 1, 10_000) ?? 8);
  const sample = subset(
    data,
    Int32Array.from({ length: examples }, (_, i) => Math.floor((i * data.m) / examples)),
  );
  io.stderr('backend: reference (float64, gradient check)\n');
  const result = gradientCheck(compiled.spec, sample, {
    backend: createReferenceBackend('float64'),
    seed: intOption(options, 'seed', 0, 2 ** 31) ?? 2,
    l2: numberOption(options, 'l2', 0, 1e6) ?? 0,
    epsilon: numberOption(options, 'epsilon', 1e-12, 1e-2) ?? 1e-7,
    maxChecks: intOption(options, 'max-checks', 1, 100_000_000) ?? 5000,
    // Keeps ReLUs off their kink at exactly 0 (e.g. a spiral's centre point with zero biases).
    biasJitter: 0.1,
  });
  io.stdout(`${JSON.stringify(result)}\n`);
  return result.band === 'wrong' ? 1 : 0;
}
