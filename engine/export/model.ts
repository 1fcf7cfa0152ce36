/** A trained model in memory: the planned network plus what prediction needs around it. */
import type { NormalisationParams } from '../data/normalise';
import type { Network } from '../model/network';
import type { FinalMetrics } from '../protocol/messages';
import type { TrainConfig } from '../protocol/train-config';
import type { Provenance } from './format';

export interface TrainedModel {
  net: Network;
  normalisation: NormalisationParams;
  numClasses: number;
  classNames?: string[];
  metrics?: FinalMetrics;
  provenance: Provenance;
  /** How the weights were trained (exports train the same way). */
  training?: TrainConfig;
}
