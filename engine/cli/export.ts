/**
 * dendrite export: a trained model file in another format — ONNX, a PyTorch script, or a
 * course-style NumPy script (engine/export/formats.ts). The file is built in full before anything
 * is written, so a model that cannot be exported leaves no file behind.
 */
import { EXPORT_FORMATS, exportAs, isExportFormat } from '../export/formats';
import { UsageError, type ParsedArgs } from './args';
import type { CliIo } from './io';
import { readJsonFile } from './spec-file';

export const EXPORT_OPTIONS = ['model', 'format', 'out'];

export async function exportCommand(args: ParsedArgs, io: CliIo): Promise<number> {
  const { options } = args;
  const modelPath = options.get('model');
  if (!modelPath) throw new UsageError('--model is required');
  const format = options.get('format');
  if (!format) throw new UsageError(`--format is required (${EXPORT_FORMATS.join(', ')})`);
  if (!isExportFormat(format)) throw new UsageError(`--format: expected ${EXPORT_FORMATS.join(', ')}, got "${format}"`);
  const out = options.get('out');
  if (!out) throw new UsageError('--out is required (the file to write)');

  const result = exportAs(format, readJsonFile(modelPath, io, 'model'), out);
  if (!result.ok) throw new UsageError(`model ${modelPath}: ${result.error}`);
  try {
    if (io.writeBytes) io.writeBytes(out, result.bytes);
    else if (format !== 'onnx') io.writeText(out, new TextDecoder().decode(result.bytes));
    else throw new Error('this host cannot write binary files');
  } catch (error) {
    throw new UsageError(`--out ${out}: cannot write the file (${(error as Error).message.split('\n')[0]})`);
  }
  io.stderr(`exported ${modelPath} as ${format}: ${out} (${result.bytes.length.toLocaleString('en')} bytes)\n`);
  return 0;
}
