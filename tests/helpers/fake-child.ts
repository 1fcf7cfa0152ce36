import type { TrainerChild } from '../../src/main/trainer-child';

/** A trainer child whose messages and exit the test drives by hand. */
export class FakeChild implements TrainerChild {
  sent: unknown[] = [];
  killed = false;
  private messageListeners: ((m: unknown) => void)[] = [];
  private exitListeners: ((code: number | null) => void)[] = [];
  postMessage(message: unknown) {
    this.sent.push(message);
  }
  onMessage(listener: (m: unknown) => void) {
    this.messageListeners.push(listener);
  }
  onExit(listener: (code: number | null) => void) {
    this.exitListeners.push(listener);
  }
  kill() {
    this.killed = true;
  }
  say(message: unknown) {
    this.messageListeners.forEach((l) => l(message));
  }
  exit(code: number | null) {
    this.exitListeners.forEach((l) => l(code));
  }
}
