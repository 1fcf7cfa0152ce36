/** Picks the backend for --backend (native → wasm → reference) and says which one runs (on stderr), with the reason for any fallback. */
import type { Backend } from '../kernels/kernels';
import { chooseBackend as choose, isBackendName } from '../kernels/choose';
import { backendLine } from '../kernels/backend-line';
import type { BackendInfo } from '../protocol/messages';
import { UsageError } from './args';
import type { CliIo } from './io';

export function chooseBackend(choice: string | undefined, io: CliIo, threads?: number): { backend: Backend; info: BackendInfo } {
  if (choice !== undefined && !isBackendName(choice)) throw new UsageError(`--backend: expected native, wasm or reference, got "${choice}"`);
  const chosen = choose(
    choice,
    {
      native: (t) => io.loadNative(t === undefined ? undefined : { threads: t }),
      wasm: io.loadWasm && ((t) => io.loadWasm!(t === undefined ? undefined : { threads: t })),
    },
    threads,
  );
  io.stderr(`${backendLine(chosen.info)}\n`);
  return chosen;
}
