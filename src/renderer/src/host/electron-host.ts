import type { DendriteApi, IpcResult } from '../../../shared/ipc';
import type { Host } from './host';

function check(result: IpcResult): void {
  if (!result.ok) throw new Error(result.error);
}

export function createElectronHost(api: DendriteApi): Host {
  let announced = false;
  return {
    kind: 'electron',
    startRun: async (request) => check(await api.startRun(request)),
    stopRun: async (runId) => check(await api.stopRun(runId)),
    pauseRun: async (runId) => check(await api.pauseRun(runId)),
    resumeRun: async (runId) => check(await api.resumeRun(runId)),
    onTrainerEvent(listener) {
      const unsubscribe = api.onTrainerEvent(listener);
      // Main queues events until someone listens; say so once the first listener is in place.
      if (!announced) {
        announced = true;
        api.ready();
      }
      return unsubscribe;
    },
  };
}
