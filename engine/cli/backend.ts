/** Picks the backend for --backend and says which one runs (on stderr), with the reason for any fallback. */
import type { Backend } from '../kernels/kernels';
import { createReferenceBackend } from '../kernels/reference';
import type { BackendInfo } from '../protocol/messages';
import { UsageError } from './args';
import type { CliIo } from './io';

export function chooseBackend(choice: string | undefined, io: CliIo, threads?: number): { backend: Backend; info: BackendInfo } {
  if (choice !== undefined && choice !== 'reference' && choice !== 'native') {
    throw new UsageError(`--backend: expected reference or native, got "${choice}"`);
  }
  if (choice === 'reference') {
    io.stderr('backend: reference\n');
    return { backend: createReferenceBackend('float32'), info: { name: 'reference' } };
  }
  let loaded: { backend: Backend } | { error: string };
  try {
    loaded = io.loadNative(threads === undefined ? undefined : { threads });
  } catch (error) {
    loaded = { error: (error as Error).message.split('\n')[0] };
  }
  if ('backend' in loaded) {
    io.stderr(`backend: native (${loaded.backend.threads} thread${loaded.backend.threads === 1 ? '' : 's'})\n`);
    return { backend: loaded.backend, info: { name: 'native', threads: loaded.backend.threads } };
  }
  io.stderr(`backend: reference (native unavailable: ${loaded.error})\n`);
  return { backend: createReferenceBackend('float32'), info: { name: 'reference', fallbackReason: loaded.error } };
}
