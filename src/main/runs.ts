/**
 * Training runs as main manages them: one trainer utilityProcess per run, through the
 * run lifecycle every host shares (src/shared/run-lifecycle.ts: queue, heartbeat, stop with
 * grace then kill, crash reporting). At most `maxConcurrent` trainers run at once (one per
 * core in the app), and each gets its share of the cores as native threads.
 */
import type { FromTrainer } from '../../engine/protocol';
import { RunLifecycle, type LifecycleOptions } from '../shared/run-lifecycle';
import type { SpawnTrainer } from './trainer-child';

export class RunManager extends RunLifecycle {
  constructor(
    spawn: SpawnTrainer,
    relay: (event: FromTrainer) => void,
    maxConcurrent = 1,
    /** Cores to share among simultaneous runs (native threads per run); defaults to the cap. */
    cores = maxConcurrent,
    options: Omit<LifecycleOptions, 'maxConcurrent' | 'cores'> = {},
  ) {
    super(spawn, relay, { ...options, maxConcurrent, cores });
  }
}
