/**
 * The web host: one Web Worker per run, running the same trainer as Electron's
 * utility process. A worker that dies or ignores Stop is ended and reported,
 * exactly as main reports a crashed utility process.
 */
import type { FromTrainer, RunRequest } from '../../../../engine/protocol/messages';
import { exportAs, FORMAT_INFO } from '../../../../engine/export/formats';
import type { Host } from './host';

/** How long a trainer may take to acknowledge Stop before it is ended. */
const STOP_GRACE_MS = 2000;

export function createWebHost(createWorker: () => Worker = defaultWorker): Host {
  const listeners = new Set<(event: FromTrainer) => void>();
  const workers = new Map<string, Worker>();
  const emit = (event: FromTrainer) => listeners.forEach((listener) => listener(event));

  const end = (runId: string) => {
    workers.get(runId)?.terminate();
    workers.delete(runId);
  };

  const post = (runId: string, type: 'stop-run' | 'pause-run' | 'resume-run') => {
    const worker = workers.get(runId);
    if (!worker) throw new Error(`no run ${runId}`);
    worker.postMessage({ type, runId });
  };

  return {
    kind: 'web',
    async startRun(request: RunRequest) {
      if (workers.has(request.runId)) throw new Error(`run ${request.runId} is already running`);
      const worker = createWorker();
      workers.set(request.runId, worker);
      worker.onmessage = (message: MessageEvent<FromTrainer>) => {
        const event = message.data;
        if (event.type === 'hello') return;
        emit(event);
        if ((event.type === 'run-finished' || event.type === 'run-failed') && event.runId === request.runId) {
          end(request.runId);
        }
      };
      worker.onerror = (error) => {
        error.preventDefault();
        end(request.runId);
        emit({
          type: 'run-failed',
          runId: request.runId,
          message: `The trainer stopped unexpectedly: ${error.message || 'unknown error'}`,
          advice: 'Your project is untouched. Start the run again.',
        });
      };
      worker.postMessage({ type: 'start-run', request });
    },
    async stopRun(runId) {
      post(runId, 'stop-run');
      setTimeout(() => {
        if (!workers.has(runId)) return;
        end(runId);
        emit({ type: 'run-failed', runId, message: 'The trainer did not answer Stop in time and was ended.' });
      }, STOP_GRACE_MS);
    },
    async pauseRun(runId) {
      post(runId, 'pause-run');
    },
    async resumeRun(runId) {
      post(runId, 'resume-run');
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
  const upload = (): Promise<{ name: string; text: string } | null> =>
    new Promise((resolve, reject) => {
      const input = document.createElement('input');
      input.type = 'file';
      input.accept = '.json,application/json';
      input.addEventListener('cancel', () => resolve(null));
      input.addEventListener('change', () => {
        const file = input.files?.[0];
        if (!file) return resolve(null);
        file.text().then((text) => resolve({ name: file.name, text }), reject);
      });
      input.click();
    });
  const download = (data: string | Uint8Array<ArrayBuffer>, name: string, type = 'application/json') => {
    const url = URL.createObjectURL(new Blob([data], { type }));
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };
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
      localStorage.setItem(AUTOSAVE_KEY, text);
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
