/**
 * Menu commands: ids shared by main (which builds the native menu) and the renderer
 * (which carries them out), and the editor state main needs to enable them.
 */
export const MENU_COMMANDS = [
  'file.new',
  'file.open',
  'file.save',
  'file.saveAs',
  'file.exportModel',
  'file.importModel',
  'file.saveAsLesson',
  'model.exportOnnx',
  'model.exportPytorch',
  'model.exportNumpy',
  'model.transfer',
  'edit.undo',
  'edit.redo',
  'edit.copy',
  'edit.paste',
  'edit.duplicate',
  'edit.selectAll',
  'edit.delete',
  'view.zoomIn',
  'view.zoomOut',
  'view.fitView',
  'view.autoLayout',
  'view.themeLight',
  'view.themeDark',
  'view.themeSystem',
  'view.panelBuild',
  'view.panelRun',
  'view.panelEvaluate',
  'view.panelHealth',
  'view.panelRuns',
  'view.quizMode',
  'run.train',
  'run.pause',
  'run.resume',
  'run.stop',
  'run.gradcheck',
  'run.search',
  'help.shortcuts',
  'help.lessons',
] as const;

export type MenuCommand = (typeof MENU_COMMANDS)[number];

/**
 * Keyboard accelerators in Electron's notation (`CmdOrCtrl` is Cmd on macOS, Ctrl
 * elsewhere). Shared so the native menu and the in-app shortcuts list cannot disagree.
 */
export const ACCELERATORS: Partial<Record<MenuCommand, string>> = {
  'file.new': 'CmdOrCtrl+N',
  'file.open': 'CmdOrCtrl+O',
  'file.save': 'CmdOrCtrl+S',
  'file.saveAs': 'Shift+CmdOrCtrl+S',
  'file.exportModel': 'Shift+CmdOrCtrl+E',
  'file.importModel': 'Shift+CmdOrCtrl+I',
  'edit.undo': 'CmdOrCtrl+Z',
  'edit.redo': 'Shift+CmdOrCtrl+Z',
  'edit.copy': 'CmdOrCtrl+C',
  'edit.paste': 'CmdOrCtrl+V',
  'edit.duplicate': 'CmdOrCtrl+D',
  'edit.selectAll': 'CmdOrCtrl+A',
  'edit.delete': 'Delete',
  'view.zoomIn': 'CmdOrCtrl+=',
  'view.zoomOut': 'CmdOrCtrl+-',
  'view.fitView': 'CmdOrCtrl+0',
  'view.autoLayout': 'CmdOrCtrl+L',
  'view.panelBuild': 'Alt+CmdOrCtrl+1',
  'view.panelRun': 'Alt+CmdOrCtrl+2',
  'view.panelEvaluate': 'Alt+CmdOrCtrl+3',
  'view.panelHealth': 'Alt+CmdOrCtrl+4',
  'view.panelRuns': 'Alt+CmdOrCtrl+5',
  'run.train': 'CmdOrCtrl+Enter',
  'run.pause': 'CmdOrCtrl+P',
  'run.resume': 'CmdOrCtrl+P',
  'run.stop': 'CmdOrCtrl+.',
  'run.gradcheck': 'Shift+CmdOrCtrl+G',
  'help.shortcuts': 'CmdOrCtrl+/',
};

/**
 * Keys the page handles itself (src/renderer/src/canvas/use-shortcuts.ts and React Flow),
 * because they mean something else in a text field: Ctrl+Z there undoes typing, not the
 * canvas. The menu shows these keys but does not register them, so they reach the page.
 */
export const PAGE_HANDLED_COMMANDS: ReadonlySet<MenuCommand> = new Set([
  'edit.undo',
  'edit.redo',
  'edit.copy',
  'edit.paste',
  'edit.duplicate',
  'edit.selectAll',
  'edit.delete',
]);

/** An accelerator as people read it on this platform: "⇧⌘S" on macOS, "Shift+Ctrl+S" elsewhere. */
export function formatAccelerator(accelerator: string, mac: boolean): string {
  const parts = accelerator.split('+').map((part) => {
    if (part === 'CmdOrCtrl') return mac ? '⌘' : 'Ctrl';
    if (part === 'Shift') return mac ? '⇧' : 'Shift';
    if (part === 'Alt') return mac ? '⌥' : 'Alt';
    return part === '' ? '+' : part;
  });
  // "CmdOrCtrl+=" and "CmdOrCtrl+-" split cleanly; "CmdOrCtrl++" would not, and is not used.
  return mac ? parts.join('') : parts.join('+');
}

/** What the renderer tells main so menu items can be enabled and labelled. */
export interface MenuState {
  canUndo: boolean;
  canRedo: boolean;
  hasSelection: boolean;
  canTrain: boolean;
  running: boolean;
  paused: boolean;
  dirty: boolean;
  /** A trained or imported model is there to export. */
  canExport: boolean;
}

export const INITIAL_MENU_STATE: MenuState = {
  canUndo: false,
  canRedo: false,
  hasSelection: false,
  canTrain: false,
  running: false,
  paused: false,
  dirty: false,
  canExport: false,
};

export function isMenuCommand(value: unknown): value is MenuCommand {
  return typeof value === 'string' && (MENU_COMMANDS as readonly string[]).includes(value);
}

export function parseMenuState(value: unknown): MenuState | null {
  if (typeof value !== 'object' || value === null) return null;
  const state = value as Record<string, unknown>;
  const keys = Object.keys(INITIAL_MENU_STATE) as (keyof MenuState)[];
  if (!keys.every((key) => typeof state[key] === 'boolean')) return null;
  return Object.fromEntries(keys.map((key) => [key, state[key]])) as unknown as MenuState;
}
