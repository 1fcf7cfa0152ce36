/** The one line every host shows about its backend (CLI stderr, the status bar). */
import type { BackendInfo } from '../protocol/messages';

/**
 * "backend: native (2 threads)", "backend: wasm (native unavailable: …; 2 threads)", "backend: reference";
 * with `threadsInUse` below the backend's threads — the run's thread governor measured fewer to
 * be faster: a network too small to split, or another program holding a core —
 * "backend: native (2 threads, 1 in use: faster for this run)".
 */
export function backendLine(info: BackendInfo, threadsInUse?: number): string {
  const governed = threadsInUse !== undefined && info.threads !== undefined && threadsInUse < info.threads;
  const threads = info.threads
    ? `${info.threads} thread${info.threads === 1 ? '' : 's'}${governed ? `, ${threadsInUse} in use: faster for this run` : ''}`
    : '';
  const notes = [info.fallbackReason, threads].filter(Boolean);
  return `backend: ${info.name}${notes.length > 0 ? ` (${notes.join('; ')})` : ''}`;
}
