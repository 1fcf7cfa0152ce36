/**
 * How many of a backend's threads a training run uses, step by step: never slower than one.
 *
 * On an idle machine n threads beat one (W3 ≈ 1.5×). When another process holds a core, a
 * worker thread is descheduled in the middle of its share of a kernel and the caller waits a
 * whole timeslice for it: n threads then ran W3 at 0.6× of one. No model of the machine
 * predicts that (hyperthreads, a pinned neighbour, a laptop's power limits), so the governor
 * measures it: it times a window of identical training steps at one thread, then one at n,
 * keeps n only while it is clearly faster (by `margin`), and compares again from time to
 * time — more rarely while the answer stays the same (a comparison's window on the losing
 * count is the price of checking) and at once when the steps at n threads slow down (`alarm`:
 * a neighbour started). A window at n threads that is already far slower than one thread's
 * (`abort`) ends early, so checking costs little while a neighbour stays.
 *
 * It starts on one thread (its warm-up window, while V8 compiles the loop): under contention
 * that is the right count, and on an idle machine it costs one window at the slower rate.
 *
 * The governor reads no clock: the loop tells it how long each step took (record), so tests
 * drive it with step times of their own.
 */

export interface GovernorOptions {
  /** Steps in a measuring window, at least (identical mini-batch steps: their mean is comparable). */
  windowSteps: number;
  /** …and at least this many milliseconds of step time. */
  windowMs: number;
  /** Windows first run at one thread without being compared (V8 compiles, scratch memory grows). */
  warmupWindows: number;
  /** Windows on the chosen count before comparing again; doubles while the choice holds, up to maxHold. */
  minHold: number;
  maxHold: number;
  /** n threads are kept only when their mean step is at least this many times faster than one thread's. */
  margin: number;
  /** Holding n threads, a window this many times slower than their last compared window compares again at once. */
  alarm: number;
  /** A window at n threads ends as a loss once (after 3 steps) its mean step is this many times one thread's. */
  abort: number;
}

export const GOVERNOR_DEFAULTS: Readonly<GovernorOptions> = {
  windowSteps: 8,
  windowMs: 4,
  warmupWindows: 1,
  minHold: 16,
  maxHold: 128,
  margin: 1.05,
  alarm: 1.3,
  abort: 1.5,
};

type Phase = 'warmup' | 'probe-1' | 'probe-n' | 'hold';

export interface GovernorStats {
  /** Steps recorded at one thread (governed down, or comparing). */
  stepsAtOne: number;
  /** Steps recorded in all. */
  steps: number;
  /** Comparisons made, and how many of them chose one thread. */
  comparisons: number;
  choseOne: number;
}

export class ThreadGovernor {
  private readonly opts: GovernorOptions;
  private phase: Phase;
  private chosen: number;
  private hold: number;
  private windowsLeft: number;
  /** The window being measured: its time, steps, and its largest record (dropped: a GC pause, a compile). */
  private ms = 0;
  private count = 0;
  private records = 0;
  private largestMs = 0;
  private largestSteps = 0;
  /** Mean step time of the last compared windows at n threads and at one. */
  private meanN = NaN;
  private meanOne = NaN;
  readonly stats: GovernorStats = { stepsAtOne: 0, steps: 0, comparisons: 0, choseOne: 0 };

  constructor(
    readonly maxThreads: number,
    options: Partial<GovernorOptions> = {},
  ) {
    this.opts = { ...GOVERNOR_DEFAULTS, ...options };
    this.chosen = maxThreads;
    this.hold = this.opts.minHold;
    this.phase = maxThreads > 1 ? 'warmup' : 'hold';
    this.windowsLeft = maxThreads > 1 ? this.opts.warmupWindows : Infinity;
    if (this.windowsLeft === 0) this.phase = 'probe-1';
  }

  /** The count its last comparison chose (before the first: all): what the run is using, probes aside. */
  get chosenThreads(): number {
    return this.chosen;
  }

  /** Threads for the next step. */
  get threads(): number {
    if (this.phase === 'probe-n') return this.maxThreads;
    if (this.phase === 'hold') return this.chosen;
    return 1;
  }

  /** The last `steps` steps (run at `threads`) took `ms` milliseconds in all. */
  record(ms: number, steps = 1): void {
    if (!(ms >= 0) || steps < 1) return;
    this.stats.steps += steps;
    if (this.threads === 1) this.stats.stepsAtOne += steps;
    if (this.maxThreads <= 1) return;
    this.ms += ms;
    this.count += steps;
    this.records++;
    if (ms > this.largestMs) {
      this.largestMs = ms;
      this.largestSteps = steps;
    }
    const mean = this.records >= 3 ? (this.ms - this.largestMs) / (this.count - this.largestSteps) : this.ms / this.count;
    const full = this.count >= this.opts.windowSteps && this.ms >= this.opts.windowMs;
    // n threads already lose by far: no need to lose a whole window to say so.
    const lost = this.phase === 'probe-n' && this.records >= 3 && mean >= this.meanOne * this.opts.abort;
    if (!full && !lost) return;
    this.ms = this.count = this.records = this.largestMs = this.largestSteps = 0;
    this.windowEnded(mean);
  }

  private windowEnded(mean: number): void {
    switch (this.phase) {
      case 'warmup':
        if (--this.windowsLeft <= 0) this.phase = 'probe-1';
        return;
      case 'probe-1':
        this.meanOne = mean;
        this.phase = 'probe-n';
        return;
      case 'probe-n':
        this.meanN = mean;
        this.decide();
        return;
      case 'hold':
        // A neighbour started: the steps at n threads slowed down; compare now.
        if (this.chosen > 1 && mean > this.meanN * this.opts.alarm) {
          this.phase = 'probe-1';
          return;
        }
        if (--this.windowsLeft <= 0) this.phase = 'probe-1';
    }
  }

  private decide(): void {
    const choice = this.meanN * this.opts.margin <= this.meanOne ? this.maxThreads : 1;
    this.stats.comparisons++;
    if (choice === 1) this.stats.choseOne++;
    // The same answer again: check less often (up to maxHold windows); a change: soon again. A
    // neighbour that made n threads lose twice is likely to stay, and a check of n threads while
    // it does costs more than one of one thread on an idle machine: back off faster from it.
    const growth = choice === 1 ? 4 : 2;
    this.hold = choice === this.chosen && this.stats.comparisons > 1 ? Math.min(this.opts.maxHold, this.hold * growth) : this.opts.minHold;
    this.chosen = choice;
    this.windowsLeft = this.hold;
    this.phase = 'hold';
  }
}
