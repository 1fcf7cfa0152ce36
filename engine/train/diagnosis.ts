/**
 * Bias / variance diagnosis (course 3): avoidable bias = training error − human-level
 * error (the proxy for Bayes error); variance = dev error − training error. Errors
 * are fractions (0.01 = 1 %). A gap counts as high above one percentage point; when
 * both are high but one is at least three times the other, focus on that one.
 */
export interface DiagnosisInput {
  humanError: number;
  trainError: number;
  devError: number;
}

export type Verdict = 'high-bias' | 'high-variance' | 'both' | 'good';

export interface Diagnosis {
  avoidableBias: number;
  variance: number;
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

export function diagnose({ humanError, trainError, devError }: DiagnosisInput): Diagnosis {
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
        `High bias and high variance: the network underfits the training set (avoidable bias ${pct(avoidableBias)}) and does not generalise to the dev set (variance ${pct(variance)}).`,
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
      advice: [`High variance: dev error is ${pct(variance)} above training error; focus on reducing variance.`, ...VARIANCE_ADVICE],
    };
  }
  return {
    avoidableBias,
    variance,
    verdict: 'good',
    advice: ['Low bias and low variance: the network is close to human-level performance. Confirm on the test set.'],
  };
}
