/** The editor's keyboard shortcuts: Ctrl on Windows/Linux, Cmd on macOS; W wires the two selected layers. */
import { useEffect } from 'react';
import { copySelection, duplicateSelection, pasteClipboard } from './clipboard';
import type { GraphStore } from '../graph/graph-store';
import { useShortcutsDialog } from '../ShortcutsDialog';
import { refuse } from './refusal';
import { WIRE_KEY, wireBetweenSelected } from './keyboard-wire';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

function typingInField(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  return !!element && (element.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(element.tagName));
}

export function useEditorShortcuts(graph: GraphStore): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const mod = isMac ? event.metaKey : event.ctrlKey;
      if (typingInField(event.target)) return;
      if (!mod && !event.altKey && !event.shiftKey && event.key.toLowerCase() === WIRE_KEY) {
        const wire = wireBetweenSelected(graph.getState().doc);
        if (wire.ok) {
          refuse(null);
          graph.getState().connect(wire);
        } else {
          refuse(wire.reason, true);
        }
        event.preventDefault();
        return;
      }
      if (!mod || event.altKey) return;
      const key = event.key.toLowerCase();
      if (key === '/') {
        // The desktop menu has this accelerator too; the browser has only this handler.
        event.preventDefault();
        useShortcutsDialog.getState().show();
        return;
      }
      const store = graph.getState();
      const run = (action: () => void) => {
        event.preventDefault();
        action();
      };
      if (key === 'z' && !event.shiftKey) run(store.undo);
      else if ((key === 'z' && event.shiftKey) || key === 'y') run(store.redo);
      else if (key === 'a') run(store.selectAll);
      else if (key === 'c') run(() => copySelection(graph));
      else if (key === 'v') run(() => pasteClipboard(graph));
      else if (key === 'd') run(() => duplicateSelection(graph));
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [graph]);
}
