/**
 * What a compiled backend (native addon, wasm module) gives the generated kernel wrappers
 * (glue.gen.ts, from the kernel table). P is how a buffer is passed to compiled code: the
 * typed array itself (Node-API borrows its data) or its address in the module's memory.
 */
import type { KernelName } from './table';

export interface CompiledHost<P> {
  /** Prefix of error messages ("native", "wasm"). */
  readonly label: string;
  /** Scalar slots read by compiled code (kernel_table.gen.h: slot i = the kernel's i-th scalar). */
  readonly slots: Float64Array;
  /** The compiled kernels, taking the buffers in table order; lossSum / lossGradient / sumSquares return Σ. */
  readonly call: Record<KernelName, (...buffers: P[]) => number | undefined>;
  /** What compiled code gets for an absent buffer (a null pointer). */
  readonly none: P;
  /** Before every call: apply this backend's settings (threads, ISA) if another backend changed them. */
  use(): void;
  /** A buffer checked (kind, at least n values) and made passable; written: the kernel writes it. */
  f32(kernel: string, name: string, a: unknown, n: number, written: boolean): P;
  i32(kernel: string, name: string, a: unknown, n: number, written: boolean): P;
  /** After every call, when the host needs it (wasm: copy staged buffers back into the caller's arrays). */
  done?(): void;
}
