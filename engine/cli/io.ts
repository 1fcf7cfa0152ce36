/** What the CLI needs from its host; the Node adapter is node-io.ts, tests inject their own. */
import type { Backend } from '../kernels/kernels';
import type { BackendName, RunRequest } from '../protocol/messages';
import type { TrialOutcome } from '../search/run';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Whether stderr is a terminal (progress bar only then). */
  isTTY: boolean;
  readText(path: string): string;
  readBytes(path: string): Uint8Array;
  writeText(path: string, text: string): void;
  /** Writes a whole file atomically (dendrite export); hosts without it can export text formats only. */
  writeBytes?(path: string, bytes: Uint8Array): void;
  /** threads: native threads for the run (default: every core). */
  loadNative(opts?: { threads?: number }): { backend: Backend } | { error: string };
  /** The wasm backend, tried when native is unavailable (absent: not offered). */
  loadWasm?(opts?: { threads?: number }): { backend: Backend } | { error: string };
  now(): number;
  /**
   * Parallel search trials (the built CLI: worker threads); absent, trials run one after another
   * in this process.
   */
  trialRunner?(lanes: number, backend: BackendName): TrialRunner;
}

/** Runs search trials `lanes` at a time, each as a normal run. */
export interface TrialRunner {
  readonly lanes: number;
  run(request: RunRequest): Promise<TrialOutcome>;
  close(): void;
}
