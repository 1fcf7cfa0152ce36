/**
 * The one run lifecycle, shared by the desktop's run manager (main: one utilityProcess per
 * run) and the web host (one Web Worker per run): queue, start, relay, stop with grace then
 * kill, and crash reporting. Hosts differ only in how a trainer is spawned and in the timers.
 *
 * - **Queue.** At most `maxConcurrent` trainers run; later runs wait and start as others end.
 *   Stopping a queued run finishes it at once, having done nothing.
 * - **Heartbeat.** A trainer says something (a `heartbeat` at least, from the training loop's
 *   yield points, about once a second) while it is alive. One silent for longer than it has
 *   ever been — `heartbeatTimeoutMs`, or four times its longest silence so far (a full-batch
 *   CNN step on the reference backend can take half a minute), or `firstStepTimeoutMs` before
 *   its first step — is stopped with SIGSTOP or stuck: it is ended and the run fails saying so.
 * - **Stop.** Stop is sent; the trainer sees it after its current step and reports its weights
 *   at once (a `model` event, before its final evaluation). Until then it may be silent for
 *   `stopGraceMs` or twice its longest silence; after that, `stopGraceMs` and no more than
 *   `stopDeadlineMs` in all — then it is killed, and the run still finishes as `stopped` with
 *   those weights (usable for export, evaluation and continuing) and the metrics they came with.
 *   A trainer killed before it reported them fails the run, saying so.
 * - **Crashes.** A trainer that exits before its run is over fails the run with the reason;
 *   nothing ever waits on a dead trainer.
 */
import type { EpochMetrics, FinalMetrics, FromTrainer, RunRequest } from '../../engine/protocol';
import type { ModelFile } from '../../engine/export';

/** A trainer as a host sees it: Electron's utilityProcess, a forked Node process, a Web Worker. */
export interface TrainerChild {
  postMessage(message: unknown): void;
  onMessage(listener: (message: unknown) => void): void;
  /** Called once when the trainer ends, for whatever reason (exit code; null when killed or crashed). */
  onExit(listener: (code: number | null, reason?: string) => void): void;
  /** Ends the trainer at once, even one that cannot run (SIGKILL, Worker.terminate). */
  kill(): void;
}

export type SpawnTrainer = () => TrainerChild;

export interface LifecycleTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
}

export interface LifecycleOptions {
  maxConcurrent: number;
  /** Cores shared among simultaneous runs (native threads per run); omit to leave `threads` unset. */
  cores?: number;
  /** Silence allowed after Stop (at least; before the weights come, twice the longest silence if more). */
  stopGraceMs?: number;
  /** Time allowed after the weights came on Stop, however much the trainer talks (its final evaluation is cut short). */
  stopDeadlineMs?: number;
  /** Silence allowed while running (at least; four times the longest silence so far if more). */
  heartbeatTimeoutMs?: number;
  /** Silence allowed before the first step is done (preparing the data, the first step). */
  firstStepTimeoutMs?: number;
  timers?: LifecycleTimers;
}

export const STOP_GRACE_MS = 3000;
export const STOP_DEADLINE_MS = 10_000;
export const HEARTBEAT_TIMEOUT_MS = 30_000;
export const FIRST_STEP_TIMEOUT_MS = 10 * 60_000;
/** A trainer's longest silence so far, times these, is still taken for a busy one. */
const RUNNING_SILENCE_FACTOR = 4;
const STOPPING_SILENCE_FACTOR = 2;

interface ActiveRun {
  request: RunRequest;
  child: TrainerChild;
  /** Set once the run is over (finished, failed, ended), so the trainer's exit is expected. */
  settled: boolean;
  /** When Stop was sent, and when the weights came after it (timers.now()), or null. */
  stoppedAt: number | null;
  weightsAt: number | null;
  /** When the trainer last said anything; its longest silence; whether a step has been done. */
  heardAt: number;
  longestSilence: number;
  stepped: boolean;
  timer: unknown;
  /** The last weights the trainer reported, and what is known of the run for a forced finish. */
  model: ModelFile | null;
  iteration: number;
  epoch: number;
  lastCost: number;
  lastEpoch: EpochMetrics | null;
}

const seconds = (ms: number) => `${+(ms / 1000).toFixed(1)} s`;

export class RunLifecycle {
  private readonly runs = new Map<string, ActiveRun>();
  private readonly queue: RunRequest[] = [];
  private readonly stopGraceMs: number;
  private readonly stopDeadlineMs: number;
  private readonly heartbeatTimeoutMs: number;
  private readonly firstStepTimeoutMs: number;
  private readonly timers: LifecycleTimers;

  constructor(
    private readonly spawn: SpawnTrainer,
    private readonly relay: (event: FromTrainer) => void,
    private readonly options: LifecycleOptions,
  ) {
    this.stopGraceMs = options.stopGraceMs ?? STOP_GRACE_MS;
    this.stopDeadlineMs = options.stopDeadlineMs ?? STOP_DEADLINE_MS;
    this.firstStepTimeoutMs = options.firstStepTimeoutMs ?? FIRST_STEP_TIMEOUT_MS;
    this.heartbeatTimeoutMs = options.heartbeatTimeoutMs ?? HEARTBEAT_TIMEOUT_MS;
    this.timers = options.timers ?? {
      setTimeout: (f, ms) => setTimeout(f, ms),
      clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
      now: () => Date.now(),
    };
  }

  get activeRunIds(): string[] {
    return [...this.runs.keys()];
  }

  get queuedRunIds(): string[] {
    return this.queue.map((request) => request.runId);
  }

  has(runId: string): boolean {
    return this.runs.has(runId) || this.queue.some((r) => r.runId === runId);
  }

  start(request: RunRequest): void {
    if (this.has(request.runId)) throw new Error(`run ${request.runId} is already running`);
    if (this.runs.size >= this.options.maxConcurrent) this.queue.push(request);
    else this.launch(request);
  }

  /** Stop, pause or resume; false when there is no such run. */
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
    if (type === 'stop-run' && run.stoppedAt === null) {
      run.stoppedAt = this.timers.now();
      this.watch(run);
    }
    return true;
  }

  /** Ends every trainer (on quit), so none outlives the app; nothing is reported. */
  killAll(): void {
    this.queue.length = 0;
    for (const run of this.runs.values()) {
      run.settled = true;
      this.timers.clearTimeout(run.timer);
      run.child.kill();
    }
    this.runs.clear();
  }

  private launch(request: RunRequest): void {
    const child = this.spawn();
    const run: ActiveRun = {
      request,
      child,
      settled: false,
      stoppedAt: null,
      weightsAt: null,
      heardAt: this.timers.now(),
      longestSilence: 0,
      stepped: false,
      timer: null,
      model: null,
      iteration: 0,
      epoch: 0,
      lastCost: NaN,
      lastEpoch: null,
    };
    const runId = request.runId;
    this.runs.set(runId, run);

    child.onMessage((message) => {
      if (run.settled) return;
      const event = message as FromTrainer;
      // Anything it says proves it alive; how long it was silent says how busy it can be.
      const now = this.timers.now();
      run.longestSilence = Math.max(run.longestSilence, now - run.heardAt);
      run.heardAt = now;
      if (event.type === 'progress' || event.type === 'heartbeat') run.stepped = true;
      if (event.type === 'model' && event.runId === runId && run.stoppedAt !== null && run.weightsAt === null) run.weightsAt = now;
      this.watch(run);
      switch (event.type) {
        case 'hello':
        case 'heartbeat':
          return; // for the lifecycle only
        case 'progress':
          run.iteration = event.iteration;
          run.epoch = event.epoch;
          run.lastCost = event.costs.at(-1)?.cost ?? run.lastCost;
          break;
        case 'epoch':
          run.lastEpoch = event.metrics;
          break;
        case 'model':
          if (event.runId === runId) run.model = event.model;
          break;
        case 'run-finished':
        case 'run-failed':
          if (event.runId === runId) return this.settle(run, event);
          break;
      }
      this.relay(event);
    });

    child.onExit((code, reason) => {
      if (run.settled) return;
      this.settle(run, {
        type: 'run-failed',
        runId,
        message:
          code === null
            ? `The trainer ${reason ? `crashed (${reason})` : 'was killed'} before the run finished.`
            : `The trainer exited unexpectedly (code ${code}) before the run finished.`,
        advice: 'Your project is untouched. Start the run again; if it keeps failing, try the reference backend.',
      });
    });

    this.watch(run);
    const threads = this.options.cores === undefined ? request.threads : (request.threads ?? this.threadsForNewRun());
    child.postMessage({ type: 'start-run', request: threads === undefined ? request : { ...request, threads } });
  }

  /**
   * Native threads for a run starting now: its share of the cores among the runs then active
   * (itself included). A run keeps its pool until it ends (pools are not resized), so a run
   * started alone has every core and one started beside it gets half: at worst 1.5× the cores
   * for a while, instead of every run spawning a full pool.
   */
  private threadsForNewRun(): number {
    return Math.max(1, Math.floor(this.options.cores! / Math.max(1, this.runs.size)));
  }

  /** (Re)arms the silence limit for the run's phase (see the rules at the top). */
  private watch(run: ActiveRun): void {
    this.timers.clearTimeout(run.timer);
    const limit = this.silenceLimit(run);
    run.timer = this.timers.setTimeout(() => this.silent(run, limit), limit);
  }

  private silenceLimit(run: ActiveRun): number {
    if (run.stoppedAt === null) {
      return run.stepped ? Math.max(this.heartbeatTimeoutMs, RUNNING_SILENCE_FACTOR * run.longestSilence) : this.firstStepTimeoutMs;
    }
    if (run.weightsAt === null) return Math.max(this.stopGraceMs, STOPPING_SILENCE_FACTOR * run.longestSilence);
    return Math.max(0, Math.min(this.stopGraceMs, run.weightsAt + this.stopDeadlineMs - this.timers.now()));
  }

  private silent(run: ActiveRun, ms: number): void {
    if (run.settled) return;
    const runId = run.request.runId;
    if (run.stoppedAt === null) {
      return this.settle(run, {
        type: 'run-failed',
        runId,
        message: `The trainer stopped responding (nothing heard for ${seconds(ms)}) and was ended.`,
        advice: 'Your project is untouched. Start the run again; if it keeps happening, use a smaller batch or network.',
      });
    }
    if (run.model) {
      // It reported its weights when it saw Stop: the run is stopped, with those weights.
      return this.settle(run, { type: 'run-finished', runId, reason: 'stopped', metrics: this.knownMetrics(run) });
    }
    this.settle(run, {
      type: 'run-failed',
      runId,
      message: `The trainer did not answer Stop (silent for ${seconds(ms)}) and was ended; it had not reported its weights.`,
      advice: 'Your project is untouched. Start the run again.',
    });
  }

  /** What is known of a run ended before its final evaluation: the model's metrics, else the last progress. */
  private knownMetrics(run: ActiveRun): FinalMetrics {
    const fromModel = run.model?.metrics;
    if (fromModel) {
      return {
        iterations: fromModel.iterations,
        epochs: fromModel.epochs,
        trainCost: fromModel.trainCost ?? NaN,
        trainAccuracy: fromModel.trainAccuracy ?? NaN,
        ...(typeof fromModel.devAccuracy === 'number' ? { devAccuracy: fromModel.devAccuracy } : {}),
      };
    }
    const epoch = run.lastEpoch;
    return { iterations: run.iteration, epochs: run.epoch, trainCost: epoch?.trainCost ?? run.lastCost, trainAccuracy: epoch ? 1 - epoch.trainError : NaN };
  }

  private settle(run: ActiveRun, event: FromTrainer): void {
    run.settled = true;
    this.timers.clearTimeout(run.timer);
    this.runs.delete(run.request.runId);
    this.relay(event);
    run.child.kill(); // one trainer per run: done is done
    this.startQueued();
  }

  private startQueued(): void {
    while (this.runs.size < this.options.maxConcurrent && this.queue.length > 0) this.launch(this.queue.shift()!);
  }
}
