/**
 * Events for the renderer queue here until it says it is listening, so nothing a
 * trainer says during page load is lost.
 */
import type { WebContents } from 'electron';

export class RendererChannel {
  private target: WebContents | null = null;
  private ready = false;
  private readonly queue: unknown[] = [];

  constructor(private readonly channel: string) {}

  attach(contents: WebContents): void {
    this.target = contents;
    this.ready = false;
  }

  markReady(contents: WebContents): void {
    if (contents !== this.target) return;
    this.ready = true;
    for (const message of this.queue.splice(0)) contents.send(this.channel, message);
  }

  send(message: unknown): void {
    const target = this.target;
    if (target && this.ready && !target.isDestroyed()) target.send(this.channel, message);
    else this.queue.push(message);
  }
}
