/** The one line every host shows about its backend (CLI stderr, the status bar). */
import type { BackendInfo } from '../protocol/messages';

/**
 * "backend: native (2 threads)", "backend: wasm (native unavailable: …; 2 threads)", "backend: reference";
 * with `threadsInUse` below the backend's threads (the run's thread governor chose fewer):
 * "backend: native (2 threads, using 1 while another program is busy)".
 */
export function backendLine(info: BackendInfo, threadsInUse?: number): string {
  const governed = threadsInUse !== undefined && info.threads !== undefined && threadsInUse < info.threads;
  const threads = info.threads
    ? `${info.threads} thread${info.threads === 1 ? '' : 's'}${governed ? `, using ${threadsInUse} while another program is busy` : ''}`
    : '';
  const notes = [info.fallbackReason, threads].filter(Boolean);
  return `backend: ${info.name}${notes.length > 0 ? ` (${notes.join('; ')})` : ''}`;
}
