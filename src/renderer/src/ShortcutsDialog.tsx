/**
 * Help ▸ Keyboard Shortcuts (also Ctrl/Cmd+/ and the status bar): the keys, read from
 * the same table as the desktop menu, in this platform's notation. Menu-only keys are
 * listed on the desktop, where the native menu provides them.
 */
import { create } from 'zustand';
import { ACCELERATORS, formatAccelerator, PAGE_HANDLED_COMMANDS, type MenuCommand } from '../../shared/menu-commands';
import { useServices } from './stores';
import { useModalDialog } from './controls/use-modal-dialog';

export const useShortcutsDialog = create<{ open: boolean; show(): void; hide(): void }>()((set) => ({
  open: false,
  show: () => set({ open: true }),
  hide: () => set({ open: false }),
}));

const GROUPS: { title: string; rows: [MenuCommand, string][] }[] = [
  {
    title: 'Editing the network',
    rows: [
      ['edit.undo', 'Undo'],
      ['edit.redo', 'Redo'],
      ['edit.copy', 'Copy the selected layers'],
      ['edit.paste', 'Paste'],
      ['edit.duplicate', 'Duplicate'],
      ['edit.selectAll', 'Select all'],
      ['edit.delete', 'Delete the selection (or Backspace)'],
    ],
  },
  {
    title: 'Files',
    rows: [
      ['file.new', 'New project'],
      ['file.open', 'Open…'],
      ['file.save', 'Save'],
      ['file.saveAs', 'Save As…'],
      ['file.exportModel', 'Export the trained model'],
      ['file.importModel', 'Import a model'],
    ],
  },
  {
    title: 'Training and view',
    rows: [
      ['run.train', 'Train'],
      ['run.pause', 'Pause / resume'],
      ['run.stop', 'Stop'],
      ['run.gradcheck', 'Check gradients'],
      ['view.zoomIn', 'Zoom in'],
      ['view.zoomOut', 'Zoom out'],
      ['view.fitView', 'Fit the network to the window'],
      ['view.autoLayout', 'Auto-layout'],
      ['view.panelBuild', 'Panels: Layer, Run, Evaluate, Health, Runs (1–5)'],
      ['help.shortcuts', 'This list'],
    ],
  },
];

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** Keys React Flow and the canvas handle themselves (no menu item). */
const CANVAS_KEYS: [string, string][] = [
  ['Tab', 'Move focus to the next layer'],
  ['Enter', 'Select the focused layer'],
  [isMac ? '⌘ Enter' : 'Ctrl+Enter', 'Add the focused layer to the selection'],
  ['Arrow keys', 'Move the selected layers'],
  ['W', 'Wire the two selected layers (left into right)'],
  ['Escape', 'Close a menu or this list'],
];

/** One group of keys: what each does, and the keys. */
function KeyTable({ title, rows }: { title: string; rows: [keys: string, label: string][] }) {
  return (
    <section>
      <h3>{title}</h3>
      <table>
        <tbody>
          {rows.map(([keys, label]) => (
            <tr key={label}>
              <td>{label}</td>
              <td>
                <kbd>{keys}</kbd>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function ShortcutsDialog() {
  const { host } = useServices();
  const { open, hide } = useShortcutsDialog();
  const dialog = useModalDialog(open);

  // In the browser there is no native menu: only the keys the page handles itself work there.
  const available = (command: MenuCommand) => host.kind === 'electron' || PAGE_HANDLED_COMMANDS.has(command) || command === 'help.shortcuts';

  return (
    <dialog ref={dialog} className="shortcuts" aria-label="Keyboard shortcuts" data-testid="shortcuts" onClose={hide}>
      <h2>Keyboard shortcuts</h2>
      {GROUPS.map((group) => {
        const rows = group.rows.filter(([command]) => available(command));
        if (rows.length === 0) return null;
        return (
          <KeyTable
            key={group.title}
            title={group.title}
            rows={rows.map(([command, label]) => [formatAccelerator(ACCELERATORS[command] ?? '', isMac), label])}
          />
        );
      })}
      <KeyTable title="On the canvas" rows={CANVAS_KEYS} />
      {host.kind === 'web' && <p className="muted small">The desktop app adds keys for files, training and panels through its menus.</p>}
      <form method="dialog">
        <button type="submit" autoFocus>
          Close
        </button>
      </form>
    </dialog>
  );
}
