/** The one line every host shows about its backend (CLI stderr, the status bar). */
import type { BackendInfo } from '../protocol/messages';

/** "backend: native (2 threads)", "backend: wasm (native unavailable: …; 2 threads)", "backend: reference". */
export function backendLine(info: BackendInfo): string {
  const notes = [info.fallbackReason, info.threads ? `${info.threads} thread${info.threads === 1 ? '' : 's'}` : ''].filter(Boolean);
  return `backend: ${info.name}${notes.length > 0 ? ` (${notes.join('; ')})` : ''}`;
}
