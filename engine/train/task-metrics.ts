/**
 * Per-task metrics of a multi-task network (k sigmoid units for k yes/no labels): each task's
 * cost (mean binary cross-entropy over the examples that have its label), accuracy, precision
 * and recall, from test-mode passes over a dataset. Missing labels (NaN) count nowhere.
 */
import { identityOrder } from '../data/batcher';
import type { Dataset } from '../data/dataset';
import type { Network } from '../model/network';
import type { TaskMetrics } from '../protocol/messages';
import { gatherBatch } from './resident-batch';
import { taskNamesOf } from '../data/tasks/dataset';

export function taskMetrics(net: Network, data: Dataset): TaskMetrics[] {
  const k = net.output.units;
  const names = taskNamesOf(data);
  const counts = Array.from({ length: k }, () => ({ loss: 0, tp: 0, fp: 0, fn: 0, tn: 0 }));
  const order = identityOrder(data.m);
  const { Z, A } = net.output;
  for (let start = 0; start < data.m; start += net.capacity) {
    const m = Math.min(net.capacity, data.m - start);
    gatherBatch(net, data, order, start, m);
    net.forward(m, 'test');
    for (let j = 0; j < k; j++) {
      const c = counts[j];
      for (let i = 0; i < m; i++) {
        const y = net.Y[j * m + i];
        if (y !== y) continue; // missing label
        const z = Z[j * m + i];
        c.loss += Math.max(z, 0) - z * y + Math.log1p(Math.exp(-Math.abs(z)));
        const yes = A[j * m + i] > 0.5;
        if (yes && y === 1) c.tp++;
        else if (yes) c.fp++;
        else if (y === 1) c.fn++;
        else c.tn++;
      }
    }
  }
  return counts.map((c, j) => {
    const labelled = c.tp + c.fp + c.fn + c.tn;
    const ratio = (a: number, b: number) => (b > 0 ? a / b : null);
    return {
      name: names[j] ?? `task ${j + 1}`,
      labelled,
      loss: ratio(c.loss, labelled),
      accuracy: ratio(c.tp + c.tn, labelled),
      precision: ratio(c.tp, c.tp + c.fp),
      recall: ratio(c.tp, c.tp + c.fn),
    };
  });
}
