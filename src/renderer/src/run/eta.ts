/** How long a run has left, in words. Pure. */

/** Time left at the rate so far; null until there is a rate to go on. */
export function estimateRemainingMs(iteration: number, totalIterations: number, elapsedMs: number): number | null {
  if (iteration < 1 || elapsedMs <= 0 || totalIterations <= iteration) return null;
  return ((totalIterations - iteration) * elapsedMs) / iteration;
}

export function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${Math.max(1, seconds)} s`;
  const minutes = Math.round(seconds / 60);
  return minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
