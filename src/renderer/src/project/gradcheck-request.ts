/**
 * Run ▸ Check Gradients: the menu asks, the gradient-check panel (which owns the check
 * and its result) answers. A counter, so asking twice checks twice.
 */
import { createStore } from 'zustand/vanilla';

export const gradCheckRequests = createStore<{ count: number }>()(() => ({ count: 0 }));

export function requestGradCheck(): void {
  gradCheckRequests.setState((s) => ({ count: s.count + 1 }));
}
