/** Early stopping on dev cost: remember the best epoch, give up after `patience` epochs without improvement. */
import type { Network } from '../model/network';
import { createSnapshot } from './snapshot';

export interface EarlyStopping {
  /** Returns true when training should stop. */
  observe(devCost: number, epoch: number): boolean;
  /** Puts the best weights back. */
  restoreBest(): void;
  readonly bestEpoch: number;
}

export function createEarlyStopping(net: Network, patience: number): EarlyStopping {
  const snapshot = createSnapshot(net);
  let best = Infinity;
  let bestEpoch = -1;
  let waited = 0;
  return {
    get bestEpoch() {
      return bestEpoch;
    },
    observe(devCost, epoch) {
      if (devCost < best) {
        best = devCost;
        bestEpoch = epoch;
        waited = 0;
        snapshot.save();
        return false;
      }
      waited++;
      return waited >= patience;
    },
    restoreBest() {
      if (bestEpoch >= 0) snapshot.restore();
    },
  };
}
