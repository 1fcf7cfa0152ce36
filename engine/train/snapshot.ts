/** Copies of every parameter and running statistic, allocated once (early stopping keeps the best). */
import type { FloatArray } from '../kernels/kernels';
import type { Network } from '../model/network';

export interface Snapshot {
  save(): void;
  restore(): void;
}

export function createSnapshot(net: Network): Snapshot {
  const tensors = [...net.params.map((p) => p.value), ...net.state.map((s) => s.value)];
  const copies: FloatArray[] = tensors.map((t) => t.slice());
  return {
    save() {
      tensors.forEach((t, i) => copies[i].set(t));
    },
    restore() {
      tensors.forEach((t, i) => t.set(copies[i]));
    },
  };
}
