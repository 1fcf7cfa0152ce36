/** --data: a generator name (`flower`, `moons:500`), a .csv file, or an IDX pair `images,labels`, as a DataSource. */
import { parseTable, readCsv, type CsvTask } from '../data/readers/csv';
import { FASHION_MNIST_CLASSES, readIdxPair } from '../data/readers/idx';
import { buildTaskDataset, labelColumns } from '../data/tasks/csv';
import { GENERATORS, type DataSource, type GeneratorName } from '../data/source';
import { intOption, UsageError } from './args';
import { quote } from '../text';
import type { CliIo } from './io';

export const DEFAULT_GENERATOR_M = 400;

/** `--shape 28x28x1` reshapes CSV feature rows into images (n_H × n_W × n_C). */
function parseShape(shape: string | undefined, features: number): number[] | null {
  if (shape === undefined) return null;
  const dims = shape.split(/[x×,]/).map(Number);
  if (dims.length !== 3 || !dims.every((d) => Number.isInteger(d) && d >= 1))
    throw new UsageError(`--shape: expected n_HxN_Wxn_C, e.g. 28x28x1, got "${shape}"`);
  if (dims[0] * dims[1] * dims[2] !== features)
    throw new UsageError(`--shape ${shape}: ${dims.join('·')} = ${dims[0] * dims[1] * dims[2]} values, but each CSV row has ${features} features`);
  return dims;
}

/**
 * --labels a,b,c: a CSV's label columns for multi-task data (k yes/no labels per example; empty
 * cells are missing labels). Notes about left-out rows and missing labels go to stderr.
 */
export function resolveTaskData(arg: string, labels: string, io: CliIo): DataSource {
  if (!/\.(csv|tsv)$/i.test(arg)) throw new UsageError(`--labels reads several label columns of a .csv or .tsv file, not ${arg}`);
  let text: string;
  try {
    text = io.readText(arg);
  } catch (error) {
    throw new UsageError(`--data ${arg}: cannot read the file (${(error as Error).message.split('\n')[0]})`);
  }
  try {
    const table = parseTable(text, arg);
    const { dataset, warnings } = buildTaskDataset(table, labelColumns(table, labels.split(',')));
    for (const warning of warnings) io.stderr(`${arg}: ${warning}\n`);
    return { kind: 'inline', x: dataset.x, y: dataset.y, exampleShape: dataset.exampleShape, numClasses: 2, taskNames: dataset.taskNames };
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** --task for CSV labels: auto (text or ≤ 20 whole values: classes), classification or regression. */
export const CSV_TASKS: readonly CsvTask[] = ['auto', 'classification', 'regression'];

/** The --task option, checked. */
export function csvTaskOption(options: Map<string, string>): CsvTask {
  const task = options.get('task') ?? 'auto';
  if (!(CSV_TASKS as readonly string[]).includes(task)) throw new UsageError(`--task: expected ${CSV_TASKS.join(', ')}, got ${quote(task)}`);
  return task as CsvTask;
}

export function resolveData(arg: string, io: CliIo, seed: number, shape?: string, task: CsvTask = 'auto'): DataSource {
  const [name, count] = arg.split(':');
  if ((GENERATORS as readonly string[]).includes(name)) {
    const m = count === undefined ? DEFAULT_GENERATOR_M : Number(count);
    if (!Number.isInteger(m) || m < 2 || m > 1_000_000) throw new UsageError(`--data ${arg}: expected ${name}:m with m an integer from 2 to 1000000`);
    return { kind: 'generator', name: name as GeneratorName, m, seed };
  }
  if (/\.(csv|tsv)$/i.test(arg)) {
    let text: string;
    try {
      text = io.readText(arg);
    } catch (error) {
      throw new UsageError(`--data ${arg}: cannot read the file (${(error as Error).message.split('\n')[0]})`);
    }
    try {
      const { dataset: data, warnings } = readCsv(text, arg, { onBadRow: 'stop', task });
      for (const warning of warnings) io.stderr(`dendrite: warning: ${arg}: ${warning}\n`);
      const exampleShape = parseShape(shape, data.exampleShape[0]) ?? data.exampleShape;
      return { kind: 'inline', x: data.x, y: data.y, exampleShape, numClasses: data.numClasses, classNames: data.classNames };
    } catch (error) {
      if (error instanceof UsageError) throw error;
      throw new UsageError((error as Error).message);
    }
  }
  const idxPair = /^(.+(?:idx\d?|ubyte)(?:\.gz)?),(.+(?:idx\d?|ubyte)(?:\.gz)?)$/i.exec(arg);
  if (idxPair) {
    const [, imagesPath, labelsPath] = idxPair;
    const read = (path: string) => {
      try {
        return { name: path, bytes: io.readBytes(path) };
      } catch (error) {
        throw new UsageError(`--data ${path}: cannot read the file (${(error as Error).message.split('\n')[0]})`);
      }
    };
    try {
      const { dataset } = readIdxPair(read(imagesPath!), read(labelsPath!), {
        classNames: /fashion/i.test(imagesPath!) ? FASHION_MNIST_CLASSES : undefined,
      });
      return { kind: 'inline', x: dataset.x, y: dataset.y, exampleShape: dataset.exampleShape, numClasses: dataset.numClasses, classNames: dataset.classNames };
    } catch (error) {
      if (error instanceof UsageError) throw error;
      throw new UsageError((error as Error).message);
    }
  }
  if (/idx\d?(-ubyte)?(\.gz)?$/i.test(arg)) {
    throw new UsageError(`--data ${arg}: IDX data needs the images and the labels, as images-file,labels-file`);
  }
  throw new UsageError(`--data ${arg}: expected a generator (${GENERATORS.join(', ')}, optionally name:m), a .csv or .tsv file, or an IDX pair images,labels`);
}

/** The data a command's options name: --data, with --data-seed, --shape, --task, and --labels for multi-task CSV. */
export function dataFromOptions(options: Map<string, string>, io: CliIo): DataSource {
  const dataArg = options.get('data');
  if (!dataArg) throw new UsageError('--data is required');
  const labels = options.get('labels');
  if (labels !== undefined) return resolveTaskData(dataArg, labels, io);
  return resolveData(dataArg, io, intOption(options, 'data-seed', 0, 2 ** 31) ?? 1, options.get('shape'), csvTaskOption(options));
}
