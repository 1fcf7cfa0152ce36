/**
 * Run ▸ Check Gradients: the menu asks, the gradient-check panel (which owns the check
 * and its result) answers once and clears the request, whether it was mounted already
 * or mounts because the menu switched to its tab.
 */
import { createStore } from 'zustand/vanilla';

export const gradCheckRequests = createStore<{ pending: boolean }>()(() => ({ pending: false }));

export function requestGradCheck(): void {
  gradCheckRequests.setState({ pending: true });
}

/** True once per request: the caller then runs the check. */
export function takeGradCheckRequest(): boolean {
  if (!gradCheckRequests.getState().pending) return false;
  gradCheckRequests.setState({ pending: false });
  return true;
}
