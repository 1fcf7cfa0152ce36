/**
 * The web build served by `vite preview` for the browser benchmarks (frame-time, web-startup):
 * started on a port of the caller's, waited for, and stopped with its whole process group; and the
 * browser they drive.
 */
import { spawn } from 'node:child_process';
import { chromium, type Browser } from 'playwright-core';

export interface Preview {
  url: string;
  stop(): void;
}

export function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && process.argv[at + 1] ? process.argv[at + 1] : fallback;
}

export async function startPreview(port: number, timeoutMs = 60_000): Promise<Preview> {
  const server = spawn('npx', ['vite', 'preview', '--config', 'vite.web.config.ts', '--port', String(port), '--strictPort'], {
    stdio: 'ignore',
    detached: true,
  });
  const stop = () => {
    if (server.pid) process.kill(-server.pid);
  };
  const url = `http://127.0.0.1:${port}`;
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    try {
      if ((await fetch(url)).ok) return { url, stop };
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  stop();
  throw new Error(`vite preview did not start on ${url}`);
}

/** Debian's Chromium, headless, without the background traffic that would skew a measurement. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
