/** Training settings: everything the course lets a student turn, in its vocabulary. */

export type OptimizerConfig =
  | { kind: 'gd' }
  | { kind: 'momentum'; beta: number }
  | { kind: 'rmsprop'; beta2: number; epsilon: number }
  | { kind: 'adam'; beta1: number; beta2: number; epsilon: number };

export type OptimizerKind = OptimizerConfig['kind'];

/** Learning-rate decay, evaluated per epoch (epoch counts from 0). */
export type DecayConfig =
  | { kind: 'none' }
  /** α = α₀ / (1 + decayRate · epoch) */
  | { kind: 'inverse'; decayRate: number }
  /** α = base^epoch · α₀ (the course's 0.95^epoch) */
  | { kind: 'exponential'; base: number }
  /** α = k / √epoch · α₀ (epoch counted from 1 here so the first epoch is finite) */
  | { kind: 'sqrt'; k: number }
  /** α = α₀ · factor^⌊epoch / interval⌋ (discrete staircase) */
  | { kind: 'staircase'; factor: number; interval: number };

export interface TrainConfig {
  /** Stop after this many epochs (passes over the training set) … */
  epochs?: number;
  /**
   * … or after this many gradient steps, whichever is given (iterations wins if both).
   * 0 evaluates the starting weights (RunRequest.initialModel) without training.
   */
  iterations?: number;
  /** Mini-batch size; 'full' = batch gradient descent, 1 = stochastic GD. */
  batchSize: number | 'full';
  learningRate: number;
  optimizer: OptimizerConfig;
  decay?: DecayConfig;
  /** λ of L2 regularisation: cost += λ/(2m) Σ‖W[l]‖²_F. */
  l2?: number;
  /** Seeds initialisation, shuffling and dropout masks: same seed ⇒ identical run. */
  seed: number;
  /** Stop when dev cost has not improved for `patience` epochs; restores the best weights. */
  earlyStopping?: { patience: number };
}

export const DEFAULT_TRAIN_CONFIG: TrainConfig = {
  iterations: 10000,
  batchSize: 'full',
  learningRate: 1.2,
  optimizer: { kind: 'gd' },
  seed: 2,
};
