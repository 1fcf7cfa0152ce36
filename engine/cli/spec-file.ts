/** Reads and validates a spec or model file argument, turning every problem into a one-line UsageError. */
import { parseModelSpec } from '../compile';
import type { ModelSpec } from '../spec/types';
import { UsageError } from './args';
import type { CliIo } from './io';

export function readJsonFile(path: string, io: CliIo, what: string): unknown {
  let text: string;
  try {
    text = io.readText(path);
  } catch (error) {
    throw new UsageError(`${what} ${path}: cannot read the file (${(error as Error).message.split('\n')[0]})`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${what} ${path}: not valid JSON (${(error as Error).message.split('\n')[0]})`);
  }
}

export function readSpec(path: string | undefined, io: CliIo): ModelSpec {
  if (!path) throw new UsageError('--spec is required');
  const parsed = parseModelSpec(readJsonFile(path, io, 'spec'));
  if (!parsed.ok) throw new UsageError(`spec ${path}: ${parsed.error}`);
  return parsed.spec;
}
