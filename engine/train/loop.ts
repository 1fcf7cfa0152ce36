/**
 * The training loop: mini-batches (reshuffled each epoch, last partial batch kept),
 * forward, cost (+ L2), backward, optimizer step; throttled events; cooperative
 * checkpoints; divergence detection; early stopping. Returns the trained network so
 * the CLI can export it; `runTraining` (run.ts) is the host-facing wrapper.
 *
 * Full-batch runs on a backend with step programs record their first step and replay the rest
 * natively, many steps per call, between the loop's checks (step-program.ts). Where the
 * training forward pass is the evaluation of the weights it starts from, an epoch's train cost
 * and error are read from the next step instead of a pass of their own. Live views run between
 * steps within a measured share of the time (live-schedule.ts).
 */
import { identityOrder } from '../data/batcher';
import { augmentationProblem, createAugmenter } from '../data/augment';
import type { Backend } from '../kernels/kernels';
import type { BackendInfo, EpochMetrics, FinalMetrics, LayerShapeReport, RunRequest } from '../protocol/messages';
import { createOptimizer } from '../optim';
import { learningRateAt } from '../schedules';
import { createRng, deriveSeed, shuffleInPlace } from '../tensor/rng';
import { RNG_STREAM } from '../model/network';
import { CostSeries } from './cost-series';
import { createEarlyStopping } from './early-stopping';
import { createDivergenceWatch } from './divergence';
import { evaluate } from './evaluate';
import { taskMetrics } from './task-metrics';
import type { RunHooks } from './hooks';
import { prepareRun, RunInputError, type Prepared, type PrepareOptions } from './prepare';
import { createBatchLoader } from './resident-batch';
import { boundaryGrid, canDrawBoundary, evaluationReport, layerHealth, weightHistograms } from './live';
import { createLiveSchedule } from './live-schedule';
import { canReplaySteps, forwardIsEvaluation, stepReader, type StepValues } from './step-program';
import type { StepProgram } from '../kernels/kernels';
import type { Evaluation } from './evaluate';
import { ThreadGovernor, type GovernorOptions, type GovernorStats } from './thread-governor';

/** At most ~20 progress events per second. */
const PROGRESS_INTERVAL_MS = 50;
/** Let the host deliver messages about this often. */
const CHECKPOINT_INTERVAL_MS = 30;
/** Time-paced epoch evaluations: at least 50 ms apart, and at most ~10 % of the time. */
const EPOCH_EVALUATION_BUDGET = 10;
/**
 * Epoch points a run aims for over its length, whatever its speed (see isMark). Counted in work,
 * not time, so the same run always sends the same points: the examples evaluated for them stay
 * under an eighth of the example-passes trained (a training step ≈ 3 forward passes).
 */
const EPOCH_MARKS = 50;
const MARK_BUDGET = 8;
const PASSES_PER_STEP = 3;
/** Replayed steps per call: about this much work between the loop's checks and events. */
const CHUNK_MS = 4;
const MAX_CHUNK = 1 << 16;

export interface TrainOptions extends PrepareOptions {
  /**
   * Stop was seen: the weights as they are, with the metrics known so far, before the final
   * evaluation (which a host may cut short) — so stopping never loses the work.
   */
  onStopped?(prepared: Prepared, known: FinalMetrics): void;
  /**
   * The thread governor of a backend with several threads (thread-governor.ts): its options, or
   * false to run every step on all of them (default: governed).
   */
  threadGovernor?: Partial<GovernorOptions> | false;
}

export type TrainOutcome =
  | { status: 'finished'; reason: 'completed' | 'stopped' | 'early-stopped'; metrics: FinalMetrics; prepared: Prepared; timing: RunTiming }
  /** cause 'input': the request cannot run (bad spec or data); 'diverged': the cost became NaN/Inf. */
  | { status: 'failed'; cause: 'input' | 'diverged'; message: string; advice?: string };

/** Where a finished run's time went (benchmarks read it). */
export interface RunTiming {
  /** From the start of the loop to the end of the last step. */
  trainingMs: number;
  /** In live views (health, weights, boundary, evaluation report) within that. */
  liveViewMs: number;
  /** Steps replayed by a step program (the rest stepped in JavaScript). */
  replayedSteps: number;
  /** What the thread governor did (a backend with several threads). */
  threads?: GovernorStats;
}

export async function trainModel(
  request: RunRequest,
  backend: Backend,
  hooks: RunHooks,
  backendInfo?: BackendInfo,
  options: TrainOptions = {},
): Promise<TrainOutcome> {
  const governed = backend.setActiveThreads && backend.threads > 1 && options.threadGovernor !== false;
  const governor = governed ? new ThreadGovernor(backend.threads, options.threadGovernor || {}) : null;
  try {
    return await train(request, backend, hooks, backendInfo, options, governor);
  } finally {
    // The backend outlives the run (the trainer keeps one per thread count): all threads again.
    if (governor) backend.setActiveThreads!(backend.threads);
  }
}

async function train(
  request: RunRequest,
  backend: Backend,
  hooks: RunHooks,
  backendInfo: BackendInfo | undefined,
  options: TrainOptions,
  governor: ThreadGovernor | null,
): Promise<TrainOutcome> {
  const { runId, config } = request;
  let prepared: Prepared;
  try {
    prepared = prepareRun(request, backend, options);
  } catch (error) {
    if (error instanceof RunInputError) return { status: 'failed', cause: 'input', message: error.message };
    throw error;
  }
  const { net, train, trainDev, dev, test, batchSize } = prepared;
  const augmentationError = augmentationProblem(request.augmentation, train.exampleShape);
  if (augmentationError) return { status: 'failed', cause: 'input', message: augmentationError };
  // Train batches only: evaluations load their own batches and never pass through it.
  const augmenter = createAugmenter(request.augmentation, train.exampleShape, config.seed);
  const l2 = config.l2 ?? 0;
  const iterationsPerEpoch = Math.ceil(train.m / batchSize);
  const totalIterations = config.iterations ?? (config.epochs ?? 1) * iterationsPerEpoch;
  const optimizer = createOptimizer(net, config.optimizer);
  const shuffleRng = createRng(deriveSeed(config.seed, RNG_STREAM.shuffle));
  const order = identityOrder(train.m);
  const trainOrder = identityOrder(train.m);
  const devOrder = dev ? identityOrder(dev.m) : null;
  const trainDevOrder = trainDev ? identityOrder(trainDev.m) : null;
  const earlyStopping = config.earlyStopping && dev ? createEarlyStopping(net, config.earlyStopping.patience) : null;
  const series = new CostSeries();
  const divergence = createDivergenceWatch(train.numClasses);
  const lowerAlpha = `Lower the learning rate (α = ${config.learningRate} now; try ${+(config.learningRate / 10).toPrecision(3)})`;
  const k = backend.kernels;
  const classify = train.numClasses >= 2;
  const fullBatch = batchSize >= train.m;
  // A full-batch step's forward pass is the evaluation of the weights it starts from.
  const trainFromForward = forwardIsEvaluation(net, fullBatch, !!augmenter, classify);
  const countErrors = trainFromForward && classify;
  const regularised = l2 > 0 ? net.params.filter((p) => p.regularise).length : 0;
  let recordNext = canReplaySteps(net, k, fullBatch, !!augmenter) && !earlyStopping;

  hooks.emit({
    type: 'run-started',
    runId,
    backend: backendInfo ?? { name: backend.name, threads: backend.threads },
    trainSize: train.m,
    devSize: dev?.m ?? 0,
    ...(trainDev ? { trainDevSize: trainDev.m } : {}),
    testSize: test?.m ?? 0,
    iterationsPerEpoch,
    totalIterations,
  });

  const startedAt = hooks.now();
  const live = createLiveSchedule(hooks.now);
  // The initial weights, before any step (the "before" of the histograms).
  live.run('weights', () => hooks.emit({ type: 'weights', runId, iteration: 0, layers: weightHistograms(net) }));
  let lastProgress = startedAt;
  let lastCheckpoint = startedAt;
  /** When the next epoch event may evaluate (≥ 50 ms apart, and at most ~10 % of the time: W2's pass is 10 ms). */
  let nextEpochEvent = -Infinity;
  const epochStride = Math.max(1, Math.floor(Math.ceil(totalIterations / iterationsPerEpoch) / EPOCH_MARKS));
  /** Examples evaluated for epoch points so far (see EPOCH_MARKS). */
  let evaluatedExamples = 0;
  const examplesPerEvaluation = train.m + (dev?.m ?? 0) + (trainDev?.m ?? 0);
  let iteration = 0;
  let epoch = 0;
  let learningRate = config.learningRate;
  let lastCost = NaN;
  let lastEpoch: EpochMetrics | null = null;
  /** An epoch event waiting for its train cost and error from the next step's forward pass. */
  let pending: EpochMetrics | null = null;
  /** The evaluations of the last epoch event that evaluated (finalMetrics reuses them at the same iteration). */
  let evaluated: { iteration: number; train: Evaluation; dev: Evaluation | null } | null = null;
  let epochsSinceReport = 0;
  let reason: 'completed' | 'stopped' | 'early-stopped' = 'completed';
  const drawBoundary = canDrawBoundary(train);
  let boundaryCount = 0;
  let lastM = 0;
  let trainingEnded = startedAt;
  const values: StepValues = { base: NaN, weightSquares: 0, wrong: 0 };

  const emitProgress = () => {
    hooks.emit({
      type: 'progress',
      runId,
      iteration,
      epoch,
      totalIterations,
      learningRate,
      costs: series.drain({ iteration, cost: lastCost }),
      elapsedMs: hooks.now() - startedAt,
      ...(governor && governor.chosenThreads < backend.threads ? { threadsInUse: governor.chosenThreads } : {}),
    });
    lastProgress = hooks.now();
  };

  const emitEpoch = (metrics: EpochMetrics) => {
    hooks.emit({ type: 'epoch', runId, metrics });
    lastEpoch = metrics;
    epochsSinceReport++;
  };

  /** Why a step's cost J ends the run: not finite (`diverged` null), or diverging. Before the update, as the step never happened. */
  const failed = (J: number, diverged: string | null): TrainOutcome => {
    if (series.length > 0) emitProgress();
    if (diverged === null)
      return {
        status: 'failed',
        cause: 'diverged',
        message: `The cost became ${Number.isNaN(J) ? 'NaN' : 'infinite'} at iteration ${iteration + 1}: gradient descent diverged, so training stopped.`,
        advice: `${lowerAlpha}, or normalise the inputs.`,
      };
    return {
      status: 'failed',
      cause: 'diverged',
      message: `Gradient descent is diverging or oscillating at iteration ${iteration + 1}: ${diverged}, so training stopped.`,
      advice: `${lowerAlpha}. Bias and variance say nothing about a run that diverged.`,
    };
  };

  /** The cost of a step before its update: a failure ends the run. */
  const check = (J: number): TrainOutcome | null => {
    if (!Number.isFinite(J)) return failed(J, null);
    const diverged = divergence.observe(J);
    return diverged ? failed(J, diverged) : null;
  };

  /** A step done: its cost, and a pending epoch's train metrics from its forward pass (evaluate()'s arithmetic). */
  const book = (J: number, m: number) => {
    iteration++;
    lastCost = J;
    series.push(iteration, J);
    lastM = m;
    if (pending) {
      pending.trainCost = (values.base * m) / m + (l2 > 0 ? (l2 / (2 * m)) * values.weightSquares : 0);
      pending.trainError = classify ? values.wrong / m : NaN;
      emitEpoch(pending);
      pending = null;
    }
  };

  const isMark = (e: number): boolean => e % epochStride === 0 && (evaluatedExamples + examplesPerEvaluation) * MARK_BUDGET <= e * train.m * PASSES_PER_STEP;

  /**
   * The end of an epoch: its event when one is due (the first and last epochs, the marks, and —
   * where `timePaced` — when the time-paced evaluations are due), and early stopping. The train
   * metrics of a due event come from the next step's forward pass where that is the same
   * evaluation; otherwise they are evaluated here.
   */
  const endEpoch = (timePaced: boolean): boolean => {
    epoch++;
    const last = iteration >= totalIterations;
    // Besides the time-based pacing, EPOCH_MARKS evenly spaced epochs get their point, so a short
    // full-batch run (hundreds of one-step epochs in well under a second) draws the shape of its train and
    // dev curves rather than a straight line from the first epoch to the last.
    const onMark = isMark(epoch);
    const epochEnded = timePaced || last || onMark || epoch === 1 || earlyStopping ? hooks.now() : 0;
    const wantEvent = last || epoch === 1 || (timePaced && epochEnded >= nextEpochEvent) || onMark;
    if (!wantEvent && !earlyStopping) return false;
    const deferred = wantEvent && trainFromForward && !last;
    // In a full-batch run the batch in the network's buffers is the training set in order: the
    // train pass evaluates it where it is and leaves it there; dev and train-dev passes replace it.
    const trainEval = wantEvent && !deferred ? evaluate(net, train, trainOrder, l2, batchResident, hooks.pulse) : null;
    if (!wantEvent || dev || trainDev) batchResident = false;
    const devEval = dev && devOrder ? evaluate(net, dev, devOrder, l2, false, hooks.pulse) : null;
    if (wantEvent) {
      const metrics: EpochMetrics = { epoch, iteration, trainCost: trainEval?.cost ?? NaN, trainError: trainEval?.error ?? NaN, learningRate };
      if (devEval) {
        metrics.devCost = devEval.cost;
        metrics.devError = devEval.error;
      }
      if (trainDev && trainDevOrder) {
        const trainDevEval = evaluate(net, trainDev, trainDevOrder, l2, false, hooks.pulse);
        metrics.trainDevCost = trainDevEval.cost;
        metrics.trainDevError = trainDevEval.error;
      }
      if (trainEval) {
        emitEpoch(metrics);
        evaluated = { iteration, train: trainEval, dev: devEval };
      } else pending = metrics;
      const done = hooks.now();
      // Only marks count against the marks' budget, so which epochs are marks never depends on timing.
      if (onMark) evaluatedExamples += examplesPerEvaluation;
      nextEpochEvent = done + Math.max(PROGRESS_INTERVAL_MS, (done - epochEnded) * EPOCH_EVALUATION_BUDGET);
    }
    return !!(earlyStopping && devEval && earlyStopping.observe(devEval.cost, epoch));
  };

  /** Between steps: the live views that are due, progress, and the host's checkpoint. True: stop. */
  const betweenSteps = async (): Promise<boolean> => {
    trainingEnded = hooks.now();
    if (live.due('health')) live.run('health', () => hooks.emit({ type: 'health', runId, iteration, layers: layerHealth(net, lastM) }));
    if (live.due('weights')) live.run('weights', () => hooks.emit({ type: 'weights', runId, iteration, layers: weightHistograms(net) }));
    if (drawBoundary && live.due('boundary')) {
      batchResident = false;
      live.run('boundary', () => hooks.emit({ type: 'boundary', runId, iteration, epoch, grid: boundaryGrid(net, train, boundaryCount++ === 0) }));
    }
    if (epochsSinceReport > 0 && live.due('evaluation')) {
      epochsSinceReport = 0;
      batchResident = false;
      live.run('evaluation', () => {
        const report = evaluationReport(net, dev ?? train, dev ? 'dev' : 'train', false);
        if (report) hooks.emit({ type: 'evaluation', runId, iteration, final: false, report });
      });
    }
    const now = hooks.now();
    if (now - lastProgress >= PROGRESS_INTERVAL_MS) emitProgress();
    if (now - lastCheckpoint >= CHECKPOINT_INTERVAL_MS) {
      const answer = await hooks.checkpoint();
      lastCheckpoint = hooks.now();
      if (answer === 'stop') return true;
    }
    return false;
  };

  // --- replayed full-batch steps (step-program.ts) ---------------------------------------------
  let program: StepProgram | null = null;
  let readStep: ReturnType<typeof stepReader> = null;
  let replayedSteps = 0;
  let stepMs = 0;
  let rates = new Float64Array(0);
  let results = new Float64Array(0);
  let costs = new Float64Array(0);
  /** The next epoch that is a mark (its event evaluates a dev set at exactly its weights). */
  const nextMark = (): number => {
    const from = Math.max(epoch + 1, Math.ceil(((evaluatedExamples + examplesPerEvaluation) * MARK_BUDGET) / (train.m * PASSES_PER_STEP)));
    let e = Math.ceil(from / epochStride) * epochStride;
    while (!isMark(e)) e += epochStride;
    // (`from` is a float quotient: step back over a mark its rounding may have skipped.)
    while (e - epochStride > epoch && isMark(e - epochStride)) e -= epochStride;
    return e;
  };
  /** Replays steps, as many as fit in CHUNK_MS, and books them (bookReplayed). */
  const replay = async (): Promise<TrainOutcome | 'stop' | null> => {
    const m = train.m;
    if (!batchResident) batches.load(order, 0, m, true);
    batchResident = true;
    let steps = stepMs > 0 ? Math.floor(CHUNK_MS / stepMs) : 16;
    steps = Math.max(1, Math.min(steps, MAX_CHUNK, totalIterations - iteration));
    // An epoch event evaluates at that epoch's weights — a dev set always, the training set unless
    // the next step's forward pass measures it — so a chunk ends at the next mark. (Time-paced
    // events fall on a chunk's last step.)
    if (dev || trainDev || !trainFromForward) steps = Math.max(1, Math.min(steps, nextMark() - epoch));
    if (rates.length < steps) rates = new Float64Array(steps);
    const width = program!.returns.length;
    if (results.length < steps * width) results = new Float64Array(steps * width);
    for (let j = 0; j < steps; j++) rates[j] = learningRateAt(config.learningRate, config.decay, epoch + j);
    governThreads();
    const t0 = hooks.now();
    const done = program!.run(steps, rates, optimizer.t + 1, results);
    const ran = hooks.now() - t0;
    stepMs = Math.max(1e-4, ran / Math.max(1, done));
    if (done > 0) governor?.record(ran, done);
    optimizer.advance(done);
    replayedSteps += done;
    // Each step's cost, and the first that ends the run (not finite, or diverging).
    const n = Math.min(steps, done + 1);
    if (costs.length < n) costs = new Float64Array(steps);
    readStep!.costs(results, n, m, l2, costs);
    const ok = divergence.observeAll(costs, n);
    bookReplayed(ok, steps, m);
    if (ok < n) {
      learningRate = rates[ok];
      return failed(costs[ok], divergence.why);
    }
    return (await betweenSteps()) ? 'stop' : null;
  };
  /**
   * Books replayed steps 0…count − 1 of a chunk of `steps` as stepping them one by one would
   * (book, then endEpoch). A full-batch epoch is one step, and most epochs' ends do nothing but
   * count, so the steps between those that do (the first epoch, marks, the chunk's last step,
   * the step that measures a pending epoch) only add their cost to the series.
   */
  const bookReplayed = (count: number, steps: number, m: number) => {
    let mark = nextMark();
    for (let j = 0; j < count;) {
      const plain = Math.min(count, steps - 1, j + (epoch === 0 || pending ? 0 : mark - 1 - epoch));
      if (plain > j) {
        series.pushAll(iteration + 1, j === 0 ? costs : costs.subarray(j), plain - j);
        iteration += plain - j;
        epoch += plain - j;
        lastCost = costs[plain - 1];
        lastM = m;
        learningRate = rates[plain - 1];
        j = plain;
        continue;
      }
      readStep!.values(results, j, m, values);
      learningRate = rates[j];
      book(costs[j], m);
      endEpoch(j === steps - 1);
      if (epoch >= mark) mark = nextMark();
      j++;
    }
  };

  /** Threads the backend runs on now (the governor's choice for the next step). */
  let activeThreads = backend.threads;
  const governThreads = (): void => {
    if (governor && governor.threads !== activeThreads) {
      activeThreads = governor.threads;
      backend.setActiveThreads!(activeThreads);
    }
  };

  let batchResident = false;
  const batches = createBatchLoader(net, train);
  training: while (iteration < totalIterations) {
    // Full-batch GD sees the examples in order; mini-batches are reshuffled each epoch.
    if (batchSize < train.m) shuffleInPlace(order, shuffleRng);
    learningRate = learningRateAt(config.learningRate, config.decay, epoch);
    if (program) {
      const outcome = await replay();
      if (outcome === 'stop') {
        reason = 'stopped';
        break;
      }
      if (outcome) return outcome;
      continue;
    }
    let start = 0;
    for (; start < train.m && iteration < totalIterations; start += batchSize) {
      const m = Math.min(batchSize, train.m - start);
      governThreads();
      const stepStarted = governor ? hooks.now() : 0;
      // Full-batch GD sees the same X and Y every iteration: copy (and transpose) them once, not per
      // step — for W2's 12288 × 209 inputs the copy cost more than the step. Evaluations reuse the
      // network's buffers, so they mark the batch stale.
      if (!batchResident) {
        batches.load(order, start, m, m === train.m && !augmenter);
        augmenter?.apply(net.input.A, m);
      }
      // An augmented batch is redrawn every step, so it never stays resident.
      batchResident = m === train.m && !augmenter;
      // The first full-batch step is recorded (from here to its optimizer step) to be replayed.
      const recording = recordNext ? k.recordProgram!() : null;
      recordNext = false;
      let failure: TrainOutcome | null = null;
      let J: number;
      try {
        net.forward(m, 'train');
        // Backward's first kernel computes dZ[L] and Σ 𝓛 in one pass, so the cost is read after
        // it (the same value as before backward; nothing is updated until the optimizer step).
        net.backward(m);
        values.base = net.cost(m);
        J = values.base;
        if (l2 > 0) {
          values.weightSquares = net.weightSquares();
          J += (l2 / (2 * m)) * values.weightSquares;
        }
        if (countErrors) values.wrong = k.classErrors(net.output.A, net.Y, net.output.units, m);
        failure = check(J);
        if (!failure) {
          if (iteration === 0) hooks.emit({ type: 'shapes', runId, layers: shapeReport(prepared, m) });
          optimizer.step(learningRate, l2 / m);
        }
      } finally {
        const recorded = recording?.finish() ?? null;
        if (recorded && !failure) {
          readStep = stepReader(recorded, regularised, countErrors);
          if (readStep) program = recorded;
        }
      }
      if (failure) return failure;
      book(J, m);
      if (await betweenSteps()) {
        reason = 'stopped';
        break training;
      }
      // (betweenSteps read the clock first: trainingEnded is this step's end.)
      governor?.record(trainingEnded - stepStarted);
    }
    if (start < train.m) break; // the iteration budget ended mid-epoch
    if (endEpoch(true)) {
      reason = 'early-stopped';
      break;
    }
  }
  const timing: RunTiming = {
    trainingMs: trainingEnded - startedAt,
    liveViewMs: live.spentMs,
    replayedSteps,
    ...(governor ? { threads: { ...governor.stats } } : {}),
  };
  if (series.length > 0 || reason !== 'completed') emitProgress();
  // (Assigned in closures: TypeScript does not see it.)
  const unmeasured = pending as EpochMetrics | null;
  if (unmeasured) {
    // Stopped before the step that would have measured it: evaluate.
    const trainEval = evaluate(net, train, trainOrder, l2, batchResident, hooks.pulse);
    unmeasured.trainCost = trainEval.cost;
    unmeasured.trainError = trainEval.error;
    emitEpoch(unmeasured);
  }
  if (earlyStopping) earlyStopping.restoreBest();
  hooks.emit({ type: 'weights', runId, iteration, layers: weightHistograms(net) });

  if (reason === 'stopped') options.onStopped?.(prepared, knownMetrics(iteration, epoch, lastCost, lastEpoch));
  // The last epoch's evaluations are of the final weights unless early stopping restored others.
  const last = evaluated as { iteration: number; train: Evaluation; dev: Evaluation | null } | null;
  const known = !earlyStopping && last?.iteration === iteration ? last : undefined;
  const metrics = finalMetrics(prepared, iteration, epoch, l2, hooks.pulse, known);
  if (earlyStopping && earlyStopping.bestEpoch >= 0) metrics.bestEpoch = earlyStopping.bestEpoch;
  return { status: 'finished', reason, metrics, prepared, timing };
}

/**
 * The metrics of the trained weights. `known`: evaluations of these very weights already made
 * (the last epoch's), so the training set is not evaluated twice after training.
 */
export function finalMetrics(
  prepared: Prepared,
  iterations: number,
  epochs: number,
  l2: number,
  pulse?: () => void,
  known?: { train: Evaluation; dev: Evaluation | null },
): FinalMetrics {
  const { net, train, dev, test } = prepared;
  const trainEval = known?.train ?? evaluate(net, train, identityOrder(train.m), l2, false, pulse);
  const metrics: FinalMetrics = { iterations, epochs, trainCost: trainEval.cost, trainAccuracy: 1 - trainEval.error };
  if (dev) metrics.devAccuracy = 1 - (known?.dev ?? evaluate(net, dev, identityOrder(dev.m), l2, false, pulse)).error;
  if (test) metrics.testAccuracy = 1 - evaluate(net, test, identityOrder(test.m), l2, false, pulse).error;
  if (net.output.multiTask) metrics.tasks = { set: dev ? 'dev' : 'train', metrics: taskMetrics(net, dev ?? train) };
  return metrics;
}

/** Metrics without a pass over the data: the last epoch's, else the last mini-batch cost. */
function knownMetrics(iterations: number, epochs: number, lastCost: number, lastEpoch: EpochMetrics | null): FinalMetrics {
  if (!lastEpoch) return { iterations, epochs, trainCost: lastCost, trainAccuracy: NaN };
  const known: FinalMetrics = { iterations, epochs, trainCost: lastEpoch.trainCost, trainAccuracy: 1 - lastEpoch.trainError };
  if (lastEpoch.devError !== undefined && Number.isFinite(lastEpoch.devError)) known.devAccuracy = 1 - lastEpoch.devError;
  return known;
}

function shapeReport(prepared: Prepared, m: number): LayerShapeReport[] {
  return prepared.net.layers.map((layer) => ({ id: layer.id, kind: layer.spec.kind, shapes: layer.shapes(m) }));
}
