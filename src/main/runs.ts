/**
 * Training runs as main manages them: one trainer process per run, messages
 * relayed unchanged, and a crash turned into a `run-failed` event so the UI never
 * waits on a dead process. At most `maxConcurrent` trainers run at once (one per
 * core by default); later runs wait in a queue and start as others finish.
 */
import type { FromTrainer, RunRequest } from '../../engine/protocol/messages';
import type { SpawnTrainer, TrainerChild } from './trainer-child';

interface ActiveRun {
  child: TrainerChild;
  /** Set once the trainer has said the run is over, so its exit is expected. */
  settled: boolean;
}

export class RunManager {
  private readonly runs = new Map<string, ActiveRun>();
  private readonly queue: RunRequest[] = [];

  constructor(
    private readonly spawn: SpawnTrainer,
    private readonly relay: (event: FromTrainer) => void,
    private readonly maxConcurrent = 1,
    /** Cores to share among simultaneous runs (native threads per run); defaults to the cap. */
    private readonly cores = maxConcurrent,
  ) {}

  get activeRunIds(): string[] {
    return [...this.runs.keys()];
  }

  get queuedRunIds(): string[] {
    return this.queue.map((request) => request.runId);
  }

  start(request: RunRequest): void {
    if (this.runs.has(request.runId) || this.queue.some((r) => r.runId === request.runId)) {
      throw new Error(`run ${request.runId} is already running`);
    }
    if (this.runs.size >= this.maxConcurrent) this.queue.push(request);
    else this.launch(request);
  }

  private startQueued(): void {
    while (this.runs.size < this.maxConcurrent && this.queue.length > 0) this.launch(this.queue.shift()!);
  }

  private launch(request: RunRequest): void {
    const child = this.spawn();
    const run: ActiveRun = { child, settled: false };
    this.runs.set(request.runId, run);

    child.onMessage((message) => {
      const event = message as FromTrainer;
      if (event.type === 'hello') return; // the process is up; the run's own events follow
      if ((event.type === 'run-finished' || event.type === 'run-failed') && event.runId === request.runId) {
        run.settled = true;
        this.relay(event);
        this.runs.delete(request.runId);
        child.kill(); // one process per run: done is done
        this.startQueued();
        return;
      }
      this.relay(event);
    });

    child.onExit((code) => {
      if (run.settled) return;
      this.runs.delete(request.runId);
      this.relay({
        type: 'run-failed',
        runId: request.runId,
        message:
          code === null
            ? 'The trainer process was killed before the run finished.'
            : `The trainer process exited unexpectedly (code ${code}) before the run finished.`,
        advice: 'Your project is untouched. Start the run again; if it keeps failing, try the reference backend.',
      });
      this.startQueued();
    });

    child.postMessage({ type: 'start-run', request: { ...request, threads: request.threads ?? this.threadsForNewRun() } });
  }

  /**
   * Native threads for a run starting now: its share of the cores among the runs then
   * active (itself included). A run keeps its pool until it ends (pools are not resized),
   * so a run started alone has every core and one started beside it gets half: at worst
   * 1.5× the cores for a while, instead of every run spawning a full pool.
   */
  private threadsForNewRun(): number {
    return Math.max(1, Math.floor(this.cores / Math.max(1, this.runs.size)));
  }

  send(runId: string, type: 'stop-run' | 'pause-run' | 'resume-run'): boolean {
    const queued = this.queue.findIndex((request) => request.runId === runId);
    if (queued >= 0 && type === 'stop-run') {
      // A run stopped before it began: it finishes at once, having done nothing.
      this.queue.splice(queued, 1);
      this.relay({ type: 'run-finished', runId, reason: 'stopped', metrics: { iterations: 0, epochs: 0, trainCost: NaN, trainAccuracy: NaN } });
      return true;
    }
    const run = this.runs.get(runId);
    if (!run) return false;
    run.child.postMessage({ type, runId });
    return true;
  }

  /** Ends every trainer (on quit), so no orphan processes outlive the app. */
  killAll(): void {
    this.queue.length = 0;
    for (const run of this.runs.values()) {
      run.settled = true;
      run.child.kill();
    }
    this.runs.clear();
  }
}
