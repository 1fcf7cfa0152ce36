/** Why the last wire was refused (drawn with the mouse or made with the keyboard), shown over the canvas for a moment. */
import { create } from 'zustand';

const SHOWN_MS = 2500;
let timer: ReturnType<typeof setTimeout> | null = null;

export const useRefusal = create<{ reason: string | null }>()(() => ({ reason: null }));

export function refuse(reason: string | null, fadeAfter = false): void {
  if (timer) clearTimeout(timer);
  timer = null;
  useRefusal.setState({ reason });
  if (reason && fadeAfter) fadeRefusal();
}

export function fadeRefusal(): void {
  if (timer) clearTimeout(timer);
  timer = setTimeout(() => useRefusal.setState({ reason: null }), SHOWN_MS);
}
