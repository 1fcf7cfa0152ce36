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
  'run.train',
  'run.pause',
  'run.resume',
  'run.stop',
  'run.gradcheck',
  'help.shortcuts',
] as const;

export type MenuCommand = (typeof MENU_COMMANDS)[number];

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
