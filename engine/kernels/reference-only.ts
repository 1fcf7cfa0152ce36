/**
 * Kernels that have no compiled version yet. The compiled backends (native, wasm) run these
 * reference loops on their own float32 buffers, so a new kernel works everywhere on the day it
 * is added to the reference backend; giving it a row in the kernel table (table.ts) later makes
 * it fast. Each entry here is a kernel to port, not a second implementation.
 */
import type { Kernels } from './kernels';
import { copyBlock } from './reference/copy';
import { taskLossGradient, taskLossSum } from './reference/task-loss';

export const REFERENCE_ONLY_KERNELS = { copyBlock, taskLossSum, taskLossGradient } satisfies Partial<Kernels>;

/** What the kernel table's compiled kernels cover: every kernel but the ones above. */
export type CompiledKernels = Omit<Kernels, keyof typeof REFERENCE_ONLY_KERNELS>;
