/**
 * Every iteration's cost since the last progress event, bounded: past 2·limit
 * points it keeps every other point and doubles its stride, so the series stays
 * evenly decimated and memory stays fixed however fast iterations are. Points live
 * in preallocated typed arrays, so pushing (once per step) allocates nothing.
 */
import type { CostPoint } from '../protocol/messages';

export class CostSeries {
  private readonly iterations: Float64Array;
  private readonly costs: Float64Array;
  private count = 0;
  private stride = 1;
  private skipped = 0;

  constructor(private readonly limit = 2000) {
    this.iterations = new Float64Array(2 * limit);
    this.costs = new Float64Array(2 * limit);
  }

  push(iteration: number, cost: number): void {
    if (this.skipped++ % this.stride !== 0) return;
    this.iterations[this.count] = iteration;
    this.costs[this.count] = cost;
    this.count++;
    if (this.count === this.iterations.length) {
      for (let i = 0; i < this.limit; i++) {
        this.iterations[i] = this.iterations[2 * i];
        this.costs[i] = this.costs[2 * i];
      }
      this.count = this.limit;
      this.stride *= 2;
    }
  }

  /** push(first + i, costs[i]) for i < count. */
  pushAll(first: number, costs: Float64Array, count: number): void {
    for (let i = 0; i < count; i++) this.push(first + i, costs[i]);
  }

  get length(): number {
    return this.count;
  }

  /** Takes the points collected so far (ending with the latest, if given) and starts afresh. */
  drain(latest?: CostPoint): CostPoint[] {
    let out: CostPoint[] = Array.from({ length: this.count }, (_, i) => ({ iteration: this.iterations[i], cost: this.costs[i] }));
    if (latest && (out.length === 0 || out[out.length - 1].iteration !== latest.iteration)) out.push(latest);
    if (out.length > this.limit) {
      const step = out.length / this.limit;
      const all = out;
      out = Array.from({ length: this.limit }, (_, i) => all[Math.min(all.length - 1, Math.round((i + 1) * step) - 1)]);
    }
    this.count = 0;
    this.stride = 1;
    this.skipped = 0;
    return out;
  }
}
