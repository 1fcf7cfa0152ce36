/** The bottom line: which host and backend are training, and how fast. */
import { backendLine } from '../../../engine/train';
import { useRun, useServices } from './stores';
import { ThemeSwitch } from './theme';
import { useShortcutsDialog } from './ShortcutsDialog';

export function StatusBar() {
  const { host } = useServices();
  const backend = useRun((s) => s.backend);
  const threadsInUse = useRun((s) => s.threadsInUse);
  const elapsedMs = useRun((s) => s.elapsedMs);
  const iteration = useRun((s) => s.iteration);
  const rate = elapsedMs > 0 ? Math.round((iteration / elapsedMs) * 1000) : null;
  return (
    <footer className="statusbar" data-testid="statusbar">
      <span>{host.kind === 'electron' ? 'Desktop' : 'Web'} host</span>
      {backend && <span data-testid="backend">{backendLine(backend, threadsInUse)}</span>}
      {rate !== null && <span>{rate.toLocaleString('en')} iterations/s</span>}
      <span className="statusbar__spacer" />
      <button type="button" className="link" onClick={() => useShortcutsDialog.getState().show()}>
        Keyboard shortcuts
      </button>
      <ThemeSwitch />
    </footer>
  );
}
