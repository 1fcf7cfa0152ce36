/**
 * Runs made during a lesson. The host is wrapped once at start-up: while a lesson is open every
 * run uses the reference kernels on one thread — the run `dendrite verify` can reproduce bit for
 * bit on any machine — and each request is kept (by run id) so a checked goal can record exactly
 * what was trained.
 */
import type { RunRequest } from '../../../../engine/protocol';
import type { Host } from '../host/host';

/** Requests kept for the goal checks; older ones are forgotten. */
const KEEP = 20;
const requests = new Map<string, { request: RunRequest; startedAt: number }>();
let lessonOpen = false;

export function setLessonRuns(open: boolean): void {
  lessonOpen = open;
}

/** The request a run was started with, and when (performance.now()), if it started in this session. */
export function requestOfRun(runId: string): { request: RunRequest; startedAt: number } | null {
  return requests.get(runId) ?? null;
}

export function withLessonRuns(host: Host): Host {
  return {
    ...host,
    startRun(request) {
      const sent: RunRequest = lessonOpen ? { ...request, backend: 'reference', threads: 1 } : request;
      requests.set(sent.runId, { request: sent, startedAt: performance.now() });
      while (requests.size > KEEP) requests.delete(requests.keys().next().value!);
      return host.startRun(sent);
    },
  };
}
