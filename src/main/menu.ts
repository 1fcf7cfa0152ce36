/**
 * The application menu as data: a template of command ids, and a table saying
 * each command's label and when it is enabled. Accelerators live beside the command
 * ids (src/shared/menu-commands.ts) so the in-app shortcuts list shows the same keys;
 * Electron's `CmdOrCtrl` gives Cmd on macOS and Ctrl elsewhere.
 */
import type { MenuItemConstructorOptions } from 'electron';
import { basename, dirname } from 'node:path';
import { ACCELERATORS, PAGE_HANDLED_COMMANDS, type MenuCommand, type MenuState } from '../shared/menu-commands';

interface CommandSpec {
  label: string | ((state: MenuState) => string);
  enabled?: (state: MenuState) => boolean;
}

export const COMMAND_TABLE: Record<MenuCommand, CommandSpec> = {
  'file.new': { label: 'New', enabled: (s) => !s.running },
  'file.open': { label: 'Open…', enabled: (s) => !s.running },
  'file.save': { label: (s) => (s.dirty ? 'Save' : 'Save (no changes)') },
  'file.saveAs': { label: 'Save As…' },
  'file.exportModel': { label: 'Export Model (JSON)…', enabled: (s) => s.canExport },
  'file.importModel': { label: 'Import Model…', enabled: (s) => !s.running },
  'file.saveAsLesson': { label: 'Save as Lesson…' },
  'model.exportOnnx': { label: 'Export ONNX…', enabled: (s) => s.canExport },
  'model.exportPytorch': { label: 'Export PyTorch…', enabled: (s) => s.canExport },
  'model.exportNumpy': { label: 'Export NumPy (course style)…', enabled: (s) => s.canExport },
  'model.transfer': { label: 'Transfer Weights…', enabled: (s) => !s.running },
  'edit.undo': { label: 'Undo', enabled: (s) => s.canUndo },
  'edit.redo': { label: 'Redo', enabled: (s) => s.canRedo },
  'edit.copy': { label: 'Copy', enabled: (s) => s.hasSelection },
  'edit.paste': { label: 'Paste' },
  'edit.duplicate': { label: 'Duplicate', enabled: (s) => s.hasSelection },
  'edit.selectAll': { label: 'Select All' },
  'edit.delete': { label: 'Delete', enabled: (s) => s.hasSelection },
  'view.zoomIn': { label: 'Zoom In' },
  'view.zoomOut': { label: 'Zoom Out' },
  'view.fitView': { label: 'Fit Network to Window' },
  'view.autoLayout': { label: 'Auto-layout' },
  'view.themeSystem': { label: 'Follow the System' },
  'view.themeLight': { label: 'Light' },
  'view.themeDark': { label: 'Dark' },
  'view.panelBuild': { label: 'Inspector' },
  'view.panelRun': { label: 'Run' },
  'view.panelEvaluate': { label: 'Evaluate' },
  'view.panelHealth': { label: 'Layer Health' },
  'view.panelRuns': { label: 'Runs' },
  'view.quizMode': { label: 'Quiz Mode (Predict the Shapes)' },
  'run.train': { label: 'Train', enabled: (s) => s.canTrain && !s.running },
  'run.pause': { label: 'Pause', enabled: (s) => s.running && !s.paused },
  'run.resume': { label: 'Resume', enabled: (s) => s.running && s.paused },
  'run.stop': { label: 'Stop', enabled: (s) => s.running },
  'run.gradcheck': { label: 'Check Gradients', enabled: (s) => s.canTrain },
  'run.search': { label: 'Search…', enabled: (s) => s.canTrain },
  'help.shortcuts': { label: 'Keyboard Shortcuts' },
  'help.lessons': { label: 'Lessons…', enabled: (s) => !s.running },
};

type Entry = MenuCommand | 'separator' | 'recent' | { role: NonNullable<MenuItemConstructorOptions['role']> } | { label: string; submenu: Entry[] };

/** File ▸ Open Recent: main carries these out itself (it owns the paths). */
export interface RecentMenu {
  paths: readonly string[];
  open(path: string): void;
  clear(): void;
}

const NO_RECENT: RecentMenu = { paths: [], open: () => undefined, clear: () => undefined };

function template(platform: NodeJS.Platform): { label: string; entries: Entry[]; role?: MenuItemConstructorOptions['role'] }[] {
  const mac = platform === 'darwin';
  return [
    ...(mac ? [{ label: 'Dendrite', entries: [{ role: 'about' as const }, 'separator' as const, { role: 'hide' as const }, { role: 'quit' as const }] }] : []),
    {
      label: 'File',
      entries: [
        'file.new',
        'file.open',
        'recent',
        'separator',
        'file.save',
        'file.saveAs',
        'separator',
        'file.exportModel',
        'file.importModel',
        'file.saveAsLesson',
        'separator',
        // Close asks about unsaved changes (the window's close handler) like quitting does.
        { role: 'close' },
        ...(mac ? [] : [{ role: 'quit' as const }]),
      ],
    },
    {
      label: 'Edit',
      entries: ['edit.undo', 'edit.redo', 'separator', 'edit.copy', 'edit.paste', 'edit.duplicate', 'edit.delete', 'edit.selectAll'],
    },
    {
      label: 'View',
      entries: [
        'view.zoomIn',
        'view.zoomOut',
        'view.fitView',
        'view.autoLayout',
        'separator',
        { label: 'Panels', submenu: ['view.panelBuild', 'view.panelRun', 'view.panelEvaluate', 'view.panelHealth', 'view.panelRuns'] },
        { label: 'Theme', submenu: ['view.themeSystem', 'view.themeLight', 'view.themeDark'] },
        'view.quizMode',
        'separator',
        { role: 'togglefullscreen' },
      ],
    },
    { label: 'Run', entries: ['run.train', 'run.pause', 'run.resume', 'run.stop', 'separator', 'run.gradcheck', 'run.search'] },
    // The trained network in the formats people take it on to (engine/export/formats.ts).
    { label: 'Model', entries: ['model.exportOnnx', 'model.exportPytorch', 'model.exportNumpy', 'separator', 'model.transfer'] },
    { label: 'Help', role: 'help', entries: ['help.lessons', 'help.shortcuts', ...(mac ? [] : [{ role: 'about' as const }])] },
  ];
}

export function buildMenuTemplate(
  platform: NodeJS.Platform,
  state: MenuState,
  dispatch: (command: MenuCommand) => void,
  recent: RecentMenu = NO_RECENT,
): MenuItemConstructorOptions[] {
  const item = (entry: Entry): MenuItemConstructorOptions => {
    if (entry === 'separator') return { type: 'separator' };
    if (entry === 'recent') return recentSubmenu(recent, state);
    if (typeof entry === 'object' && 'role' in entry) return { role: entry.role };
    if (typeof entry === 'object') return { label: entry.label, submenu: entry.submenu.map(item) };
    const spec = COMMAND_TABLE[entry];
    return {
      id: entry,
      label: typeof spec.label === 'function' ? spec.label(state) : spec.label,
      accelerator: ACCELERATORS[entry],
      // Electron registers accelerators ahead of the page (Windows, Linux); editing keys must reach text fields.
      registerAccelerator: !PAGE_HANDLED_COMMANDS.has(entry),
      enabled: spec.enabled ? spec.enabled(state) : true,
      click: () => dispatch(entry),
    };
  };
  return template(platform).map((menu) => ({ label: menu.label, role: menu.role, submenu: menu.entries.map(item) }));
}

function recentSubmenu(recent: RecentMenu, state: MenuState): MenuItemConstructorOptions {
  const items: MenuItemConstructorOptions[] = recent.paths.map((path, i) => ({
    // The file name first (what people recognise), then where it lives.
    label: `${i < 9 ? `&${i + 1} ` : ''}${basename(path)} — ${dirname(path)}`,
    enabled: !state.running,
    click: () => recent.open(path),
  }));
  return {
    label: 'Open Recent',
    submenu: items.length
      ? [...items, { type: 'separator' }, { label: 'Clear Recent', click: () => recent.clear() }]
      : [{ label: 'No recent projects', enabled: false }],
  };
}
