/**
 * The web host: one Web Worker per run, running the same trainer as Electron's utility
 * process, through the same run lifecycle main uses (src/shared/run-lifecycle.ts): a queue,
 * a heartbeat, Stop with grace then terminate, and crashes reported as failed runs. Stopping
 * keeps the weights the trainer reported when it saw Stop, as on the desktop.
 */
import type { FromTrainer, RunRequest } from '../../../../engine/protocol';
import { exportAs, FORMAT_INFO } from '../../../../engine/export';
import { RunLifecycle } from '../../../shared/run-lifecycle';
import { workerTrainer, type WorkerLike } from '../../../shared/worker-trainer';
import type { Host } from './host';
import { downloadFile, pickTextFile } from './browser-files';

export function createWebHost(createWorker: () => Worker = defaultWorker): Host {
  const listeners = new Set<(event: FromTrainer) => void>();
  const emit = (event: FromTrainer) => listeners.forEach((listener) => listener(event));
  const runs = new RunLifecycle(workerTrainer(createWorker as () => WorkerLike), emit, {
    // The reference backend is single-threaded: one worker per core, later runs queue.
    maxConcurrent: Math.max(2, globalThis.navigator?.hardwareConcurrency ?? 2),
  });

  const send = (runId: string, type: 'stop-run' | 'pause-run' | 'resume-run') => {
    if (!runs.send(runId, type)) throw new Error(`no run ${runId}`);
  };

  return {
    kind: 'web',
    async startRun(request: RunRequest) {
      runs.start(request);
    },
    async stopRun(runId) {
      send(runId, 'stop-run');
    },
    async pauseRun(runId) {
      send(runId, 'pause-run');
    },
    async resumeRun(runId) {
      send(runId, 'resume-run');
    },
    onTrainerEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    ...browserFiles(),
    async openDroppedFile(file) {
      const text = await file.text();
      return { kind: fileKindOf(text), name: file.name, text };
    },
    onFileOpened: () => () => undefined,
    onMenuCommand: () => () => undefined,
    reportMenuState: () => undefined,
  };
}

const AUTOSAVE_KEY = 'dendrite.autosave';

/** A model says so in its `format`; anything else is treated as a project (and validated as one). */
function fileKindOf(text: string): 'project' | 'model' {
  try {
    return (JSON.parse(text) as { format?: unknown } | null)?.format === 'dendrite.model' ? 'model' : 'project';
  } catch {
    return 'project';
  }
}

/** Projects in a browser: uploads to open, downloads to save, localStorage for recovery. */
function browserFiles(): Pick<
  Host,
  'openProject' | 'saveProject' | 'writeAutosave' | 'readAutosave' | 'clearAutosave' | 'forgetProjectFile' | 'exportModel' | 'exportModelAs' | 'importModel'
> {
  const upload = () => pickTextFile('.json,application/json');
  const download = downloadFile;
  return {
    openProject: upload,
    importModel: upload,
    async exportModel(text, suggestedName) {
      const name = suggestedName.endsWith('.model.json') ? suggestedName : `${suggestedName}.model.json`;
      download(text, name);
      return { name };
    },
    async exportModelAs(text, format, suggestedName) {
      // The exporter runs here, in the page: the same code the desktop's main process runs.
      const result = exportAs(format, text, FORMAT_INFO[format].fileName(suggestedName));
      if (!result.ok) throw new Error(result.error);
      download(new Uint8Array(result.bytes), result.fileName, FORMAT_INFO[format].mimeType);
      return { name: result.fileName };
    },
    async saveProject(text, { suggestedName }) {
      // A browser cannot write back to the file it opened: every save is a download.
      const name = suggestedName.endsWith('.dendrite.json') ? suggestedName : `${suggestedName}.dendrite.json`;
      download(text, name);
      return { name };
    },
    async writeAutosave(text) {
      try {
        localStorage.setItem(AUTOSAVE_KEY, text);
      } catch (error) {
        // QuotaExceededError (or storage switched off): said in the app's words, and not swallowed.
        throw new Error(`the browser's storage for this site is full or unavailable (${error instanceof Error ? error.name : 'error'}).`, { cause: error });
      }
    },
    async readAutosave() {
      return localStorage.getItem(AUTOSAVE_KEY);
    },
    async clearAutosave() {
      localStorage.removeItem(AUTOSAVE_KEY);
    },
    async forgetProjectFile() {},
  };
}

function defaultWorker(): Worker {
  return new Worker(new URL('../../../trainer/web-worker.ts', import.meta.url), {
    type: 'module',
    name: 'dendrite-trainer',
  });
}
