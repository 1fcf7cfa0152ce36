/**
 * Bias / variance diagnosis (course 3): avoidable bias = training error − human-level
 * error (the proxy for Bayes error); variance = dev error − training error. Errors
 * are fractions (0.01 = 1 %). A gap counts as high above one percentage point; when
 * both are high but one is at least three times the other, focus on that one.
 *
 * With a train-dev set (same distribution as training, not trained on) the course
 * splits the dev − train gap: variance = train-dev − train, data mismatch = dev −
 * train-dev. A high mismatch is reported on its own ('data-mismatch') or alongside
 * the bias/variance verdict (`dataMismatchHigh`), with its advice.
 */
export interface DiagnosisInput {
  humanError: number;
  trainError: number;
  devError: number;
  /** Error on the train-dev set, when that split exists. */
  trainDevError?: number;
}

export type Verdict = 'high-bias' | 'high-variance' | 'both' | 'data-mismatch' | 'good';

export interface Diagnosis {
  avoidableBias: number;
  /** train-dev − train with a train-dev set, else dev − train. */
  variance: number;
  /** dev − train-dev, only with a train-dev set. */
  dataMismatch?: number;
  dataMismatchHigh: boolean;
  verdict: Verdict;
  advice: string[];
}

const HIGH_GAP = 0.01;
const DOMINANCE = 3;

const BIAS_ADVICE = [
  'Train a bigger network (more hidden units or layers).',
  'Train longer, or use a better optimisation algorithm (momentum, RMSprop, Adam).',
  'Try a different neural network architecture, or search the hyperparameters.',
];
const VARIANCE_ADVICE = [
  'Get more training data (or augment the data you have).',
  'Use regularisation: L2, dropout.',
  'Try a different neural network architecture, or search the hyperparameters.',
];

const MISMATCH_ADVICE = [
  'Carry out manual error analysis to understand how the dev/test data differ from the training data.',
  'Make the training data more similar to dev/test (artificial data synthesis), or collect more training data like the dev/test data.',
];

export function diagnose(input: DiagnosisInput): Diagnosis {
  const { devError, trainDevError } = input;
  if (trainDevError === undefined || !Number.isFinite(trainDevError)) return { ...diagnoseBiasVariance(input), dataMismatchHigh: false };
  const round = (x: number) => Math.round(x * 1e12) / 1e12;
  const dataMismatch = round(devError - trainDevError);
  // Bias and variance against the train-dev error (same distribution as training).
  const core = diagnoseBiasVariance({ ...input, devError: trainDevError }, 'train-dev');
  const largest = Math.max(core.avoidableBias, core.variance);
  // The same dominance rule as between bias and variance: a gap a third of the largest is not a focus.
  const mismatchHigh = dataMismatch > HIGH_GAP && dataMismatch * DOMINANCE > largest;
  const pct = (x: number) => `${+(x * 100).toFixed(2)} %`;
  const mismatchLine = `Data mismatch: dev error is ${pct(dataMismatch)} above train-dev error (${pct(devError)} vs ${pct(trainDevError)}), so the dev data differ from the training data.`;
  if (mismatchHigh && (core.verdict === 'good' || dataMismatch >= DOMINANCE * largest)) {
    return {
      avoidableBias: core.avoidableBias,
      variance: core.variance,
      dataMismatch,
      dataMismatchHigh: true,
      verdict: 'data-mismatch',
      advice: [mismatchLine, ...MISMATCH_ADVICE],
    };
  }
  return {
    ...core,
    dataMismatch,
    dataMismatchHigh: mismatchHigh,
    advice: mismatchHigh ? [...core.advice, mismatchLine, ...MISMATCH_ADVICE] : core.advice,
  };
}

function diagnoseBiasVariance({ humanError, trainError, devError }: DiagnosisInput, heldOut = 'dev'): Omit<Diagnosis, 'dataMismatchHigh'> {
  // Rounded to 1e−12 so 0.11 − 0.01 reads as 0.1, not 0.09999999999999999.
  const round = (x: number) => Math.round(x * 1e12) / 1e12;
  const avoidableBias = round(trainError - humanError);
  const variance = round(devError - trainError);
  let highBias = avoidableBias > HIGH_GAP;
  let highVariance = variance > HIGH_GAP;
  if (highBias && highVariance) {
    if (avoidableBias >= DOMINANCE * variance) highVariance = false;
    else if (variance >= DOMINANCE * avoidableBias) highBias = false;
  }
  const pct = (x: number) => `${+(x * 100).toFixed(2)} %`;
  if (highBias && highVariance) {
    return {
      avoidableBias,
      variance,
      verdict: 'both',
      advice: [
        `High bias and high variance: the network underfits the training set (avoidable bias ${pct(avoidableBias)}) and does not generalise to the ${heldOut} set (variance ${pct(variance)}).`,
        'Reduce bias first, then variance:',
        ...BIAS_ADVICE.slice(0, 2),
        ...VARIANCE_ADVICE.slice(0, 2),
      ],
    };
  }
  if (highBias) {
    return {
      avoidableBias,
      variance,
      verdict: 'high-bias',
      advice: [`High bias: training error is ${pct(avoidableBias)} above human-level; focus on reducing bias.`, ...BIAS_ADVICE],
    };
  }
  if (highVariance) {
    return {
      avoidableBias,
      variance,
      verdict: 'high-variance',
      advice: [`High variance: ${heldOut} error is ${pct(variance)} above training error; focus on reducing variance.`, ...VARIANCE_ADVICE],
    };
  }
  return {
    avoidableBias,
    variance,
    verdict: 'good',
    advice: ['Low bias and low variance: the network is close to human-level performance. Confirm on the test set.'],
  };
}
