/**
 * Files that arrive from outside the app's own dialogs: a project or model dropped on
 * the window (both hosts), and files the desktop opened itself (File ▸ Open Recent,
 * the command line, the OS). Projects replace the canvas after the unsaved-changes
 * question; models are imported onto it with their weights.
 */
import { useEffect, useRef, useState } from 'react';
import { useServices } from '../stores';
import type { OpenedFileOfKind } from '../host/host';
import { useModelFiles } from './use-model-files';
import { useProject } from './use-project';

/** Our own files put `format` first; a model is recognisable from its first bytes. */
const MODEL_HEAD = /"format"\s*:\s*"dendrite\.model"/;

export function IncomingFiles() {
  const { host, project: store } = useServices();
  const project = useProject();
  const { applyModelFile } = useModelFiles();
  const [dragging, setDragging] = useState(false);
  // The listeners below are installed once; they read the latest actions through this ref.
  const actions = useRef({ project, applyModelFile });
  actions.current = { project, applyModelFile };

  useEffect(() => {
    return host.onFileOpened((file: OpenedFileOfKind) => {
      const { project, applyModelFile } = actions.current;
      if (file.kind === 'model') void applyModelFile(file);
      else project.openFile(file);
    });
  }, [host]);

  useEffect(() => {
    let depth = 0;
    const hasFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;
    const enter = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      depth += 1;
      setDragging(true);
    };
    const leave = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const over = (event: DragEvent) => {
      // Without this the browser would navigate to the dropped file.
      if (hasFiles(event)) event.preventDefault();
    };
    const drop = (event: DragEvent) => {
      depth = 0;
      setDragging(false);
      if (!hasFiles(event)) return;
      event.preventDefault();
      const file = event.dataTransfer?.files[0];
      if (!file || isHandledElsewhere(event)) return;
      void openDropped(file);
    };
    const openDropped = async (file: File) => {
      const { project, applyModelFile } = actions.current;
      if (!/\.json$/i.test(file.name)) {
        store.setState({ message: { kind: 'error', text: `${file.name} is not a Dendrite file: drop a project (.dendrite.json) or a model (.model.json).` } });
        return;
      }
      try {
        const isModel = MODEL_HEAD.test(await file.slice(0, 4096).text());
        if (!isModel && !project.confirmDiscard()) return;
        const opened = await host.openDroppedFile(file);
        if (opened.kind === 'model') await applyModelFile(opened);
        else project.openFile(opened);
      } catch (error) {
        store.setState({ message: { kind: 'error', text: error instanceof Error ? error.message : String(error) } });
      }
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragleave', leave);
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
    };
  }, [host, store]);

  if (!dragging) return null;
  return (
    <div className="drop-overlay" data-testid="drop-overlay" aria-hidden="true">
      <p>Drop a project or a model to open it</p>
    </div>
  );
}

/** A drop zone inside the app (marked with data-drop-zone, e.g. a dataset import) takes its own files. */
function isHandledElsewhere(event: DragEvent): boolean {
  return event.target instanceof Element && event.target.closest('[data-drop-zone]') !== null;
}
