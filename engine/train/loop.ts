/**
 * The training loop: mini-batches (reshuffled each epoch, last partial batch kept),
 * forward, cost (+ L2), backward, optimizer step; throttled events; cooperative
 * checkpoints; divergence detection; early stopping. Returns the trained network so
 * the CLI can export it; `runTraining` (run.ts) is the host-facing wrapper.
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
import { taskMetrics } from '../tasks/metrics';
import type { RunHooks } from './hooks';
import { prepareRun, RunInputError, type Prepared, type PrepareOptions } from './prepare';
import { createBatchLoader } from './resident-batch';
import { boundaryGrid, canDrawBoundary, evaluationReport, layerHealth, weightHistograms } from './live';

/** At most ~20 progress events per second. */
const PROGRESS_INTERVAL_MS = 50;
/** Let the host deliver messages about this often. */
const CHECKPOINT_INTERVAL_MS = 30;
/** Live panel events: layer health ≈5/s, decision boundary ≈4/s, evaluation ≈2/s (each also at most ~10 % of the time). */
const HEALTH_INTERVAL_MS = 200;
const BOUNDARY_INTERVAL_MS = 250;
const EVALUATION_INTERVAL_MS = 500;
/** Weight histograms ≈2/s (the first is the initialisation, sent before the first step). */
const WEIGHTS_INTERVAL_MS = 500;
const LIVE_BUDGET = 10;
/**
 * Epoch points a run aims for over its length, whatever its speed (see onMark). Counted in work,
 * not time, so the same run always sends the same points: the examples evaluated for them stay
 * under an eighth of the example-passes trained (a training step ≈ 3 forward passes).
 */
const EPOCH_MARKS = 50;
const MARK_BUDGET = 8;
const PASSES_PER_STEP = 3;

export interface TrainOptions extends PrepareOptions {
  /**
   * Stop was seen: the weights as they are, with the metrics known so far, before the final
   * evaluation (which a host may cut short) — so stopping never loses the work.
   */
  onStopped?(prepared: Prepared, known: FinalMetrics): void;
}

export type TrainOutcome =
  | { status: 'finished'; reason: 'completed' | 'stopped' | 'early-stopped'; metrics: FinalMetrics; prepared: Prepared }
  /** cause 'input': the request cannot run (bad spec or data); 'diverged': the cost became NaN/Inf. */
  | { status: 'failed'; cause: 'input' | 'diverged'; message: string; advice?: string };

export async function trainModel(
  request: RunRequest,
  backend: Backend,
  hooks: RunHooks,
  backendInfo?: BackendInfo,
  options: TrainOptions = {},
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
  let reason: 'completed' | 'stopped' | 'early-stopped' = 'completed';
  const drawBoundary = canDrawBoundary(train);
  let lastHealth = -Infinity;
  let lastWeights = -Infinity;
  let nextBoundary = -Infinity;
  let boundaryCount = 0;
  let nextEvaluation = -Infinity;
  /** Runs a live view when due, and pushes the next one back by at least LIVE_BUDGET × its cost. */
  const timed = (interval: number, work: () => void): number => {
    const t0 = hooks.now();
    work();
    const t1 = hooks.now();
    return t1 + Math.max(interval, (t1 - t0) * LIVE_BUDGET);
  };

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
    });
    lastProgress = hooks.now();
  };

  let batchResident = false;
  const batches = createBatchLoader(net, train);
  training: while (iteration < totalIterations) {
    // Full-batch GD sees the examples in order; mini-batches are reshuffled each epoch.
    if (batchSize < train.m) shuffleInPlace(order, shuffleRng);
    learningRate = learningRateAt(config.learningRate, config.decay, epoch);
    let start = 0;
    for (; start < train.m && iteration < totalIterations; start += batchSize) {
      const m = Math.min(batchSize, train.m - start);
      // Full-batch GD sees the same X and Y every iteration: copy (and transpose) them once, not per
      // step — for W2's 12288 × 209 inputs the copy cost more than the step. Evaluations reuse the
      // network's buffers, so they mark the batch stale.
      if (!batchResident) {
        batches.load(order, start, m, m === train.m && !augmenter);
        augmenter?.apply(net.input.A, m);
      }
      // An augmented batch is redrawn every step, so it never stays resident.
      batchResident = m === train.m && !augmenter;
      net.forward(m, 'train');
      // Backward's first kernel computes dZ[L] and Σ 𝓛 in one pass, so the cost is read after
      // it (the same value as before backward; nothing is updated until the optimizer step).
      net.backward(m);
      let J = net.cost(m);
      if (l2 > 0) J += (l2 / (2 * m)) * net.weightSquares();
      if (!Number.isFinite(J)) {
        if (series.length > 0) emitProgress();
        return {
          status: 'failed',
          cause: 'diverged',
          message: `The cost became ${Number.isNaN(J) ? 'NaN' : 'infinite'} at iteration ${iteration + 1}: gradient descent diverged, so training stopped.`,
          advice: `${lowerAlpha}, or normalise the inputs.`,
        };
      }
      const diverged = divergence.observe(J);
      if (diverged) {
        if (series.length > 0) emitProgress();
        return {
          status: 'failed',
          cause: 'diverged',
          message: `Gradient descent is diverging or oscillating at iteration ${iteration + 1}: ${diverged}, so training stopped.`,
          advice: `${lowerAlpha}. Bias and variance say nothing about a run that diverged.`,
        };
      }
      if (iteration === 0) hooks.emit({ type: 'shapes', runId, layers: shapeReport(prepared, m) });
      if (hooks.now() - lastHealth >= HEALTH_INTERVAL_MS) {
        hooks.emit({ type: 'health', runId, iteration: iteration + 1, layers: layerHealth(net, m) });
        lastHealth = hooks.now();
      }
      if (hooks.now() - lastWeights >= WEIGHTS_INTERVAL_MS) {
        hooks.emit({ type: 'weights', runId, iteration, layers: weightHistograms(net) });
        lastWeights = hooks.now();
      }
      optimizer.step(learningRate, l2 / m);
      iteration++;
      lastCost = J;
      series.push(iteration, J);

      if (drawBoundary && hooks.now() >= nextBoundary) {
        batchResident = false;
        nextBoundary = timed(BOUNDARY_INTERVAL_MS, () =>
          hooks.emit({ type: 'boundary', runId, iteration, epoch, grid: boundaryGrid(net, train, boundaryCount++ === 0) }),
        );
      }
      const now = hooks.now();
      if (now - lastProgress >= PROGRESS_INTERVAL_MS) emitProgress();
      if (now - lastCheckpoint >= CHECKPOINT_INTERVAL_MS) {
        const answer = await hooks.checkpoint();
        lastCheckpoint = hooks.now();
        if (answer === 'stop') {
          reason = 'stopped';
          break training;
        }
      }
    }
    if (start < train.m) break; // the iteration budget ended mid-epoch
    epoch++;

    const last = iteration >= totalIterations;
    const epochEnded = hooks.now();
    // Besides the time-based pacing, EPOCH_MARKS evenly spaced epochs get their point, so a short
    // full-batch run (hundreds of one-step epochs in well under a second) draws the shape of its train and
    // dev curves rather than a straight line from the first epoch to the last.
    const onMark =
      epoch % epochStride === 0 && (evaluatedExamples + examplesPerEvaluation) * MARK_BUDGET <= epoch * train.m * PASSES_PER_STEP;
    const wantEvent = last || epoch === 1 || epochEnded >= nextEpochEvent || onMark;
    if (wantEvent || earlyStopping) {
      // In a full-batch run the batch in the network's buffers is the training set in order: the
      // train pass evaluates it where it is and leaves it there; dev and train-dev passes replace it.
      const trainEval = wantEvent ? evaluate(net, train, trainOrder, l2, batchResident, hooks.pulse) : null;
      if (!wantEvent || dev || trainDev) batchResident = false;
      const devEval = dev && devOrder ? evaluate(net, dev, devOrder, l2, false, hooks.pulse) : null;
      if (trainEval) {
        const metrics: EpochMetrics = { epoch, iteration, trainCost: trainEval.cost, trainError: trainEval.error, learningRate };
        if (devEval) {
          metrics.devCost = devEval.cost;
          metrics.devError = devEval.error;
        }
        if (trainDev && trainDevOrder) {
          const trainDevEval = evaluate(net, trainDev, trainDevOrder, l2, false, hooks.pulse);
          metrics.trainDevCost = trainDevEval.cost;
          metrics.trainDevError = trainDevEval.error;
        }
        hooks.emit({ type: 'epoch', runId, metrics });
        lastEpoch = metrics;
        const evaluated = hooks.now();
        // Only marks count against the marks' budget, so which epochs are marks never depends on timing.
        if (onMark) evaluatedExamples += examplesPerEvaluation;
        nextEpochEvent = evaluated + Math.max(PROGRESS_INTERVAL_MS, (evaluated - epochEnded) * LIVE_BUDGET);
        if (hooks.now() >= nextEvaluation) {
          nextEvaluation = timed(EVALUATION_INTERVAL_MS, () => {
            batchResident = false;
            const report = evaluationReport(net, dev ?? train, dev ? 'dev' : 'train', false);
            if (report) hooks.emit({ type: 'evaluation', runId, iteration, final: false, report });
          });
        }
      }
      if (earlyStopping && devEval && earlyStopping.observe(devEval.cost, epoch)) {
        reason = 'early-stopped';
        break;
      }
    }
  }
  if (series.length > 0 || reason !== 'completed') emitProgress();
  if (earlyStopping) earlyStopping.restoreBest();
  hooks.emit({ type: 'weights', runId, iteration, layers: weightHistograms(net) });

  if (reason === 'stopped') options.onStopped?.(prepared, knownMetrics(iteration, epoch, lastCost, lastEpoch));
  const metrics = finalMetrics(prepared, iteration, epoch, l2, hooks.pulse);
  if (earlyStopping && earlyStopping.bestEpoch >= 0) metrics.bestEpoch = earlyStopping.bestEpoch;
  return { status: 'finished', reason, metrics, prepared };
}

export function finalMetrics(prepared: Prepared, iterations: number, epochs: number, l2: number, pulse?: () => void): FinalMetrics {
  const { net, train, dev, test } = prepared;
  const trainEval = evaluate(net, train, identityOrder(train.m), l2, false, pulse);
  const metrics: FinalMetrics = { iterations, epochs, trainCost: trainEval.cost, trainAccuracy: 1 - trainEval.error };
  if (dev) metrics.devAccuracy = 1 - evaluate(net, dev, identityOrder(dev.m), l2, false, pulse).error;
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
