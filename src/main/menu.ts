/**
 * The application menu as data: a template of command ids, and a table saying
 * each command's label, accelerator and when it is enabled. Electron's
 * `CmdOrCtrl` gives Cmd on macOS and Ctrl elsewhere.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand, MenuState } from '../shared/menu-commands';

interface CommandSpec {
  label: string | ((state: MenuState) => string);
  accelerator?: string;
  enabled?: (state: MenuState) => boolean;
}

export const COMMAND_TABLE: Record<MenuCommand, CommandSpec> = {
  'file.new': { label: 'New', accelerator: 'CmdOrCtrl+N', enabled: (s) => !s.running },
  'file.open': { label: 'Open…', accelerator: 'CmdOrCtrl+O', enabled: (s) => !s.running },
  'file.save': { label: (s) => (s.dirty ? 'Save' : 'Save (no changes)'), accelerator: 'CmdOrCtrl+S' },
  'file.saveAs': { label: 'Save As…', accelerator: 'Shift+CmdOrCtrl+S' },
  'edit.undo': { label: 'Undo', accelerator: 'CmdOrCtrl+Z', enabled: (s) => s.canUndo },
  'edit.redo': { label: 'Redo', accelerator: 'Shift+CmdOrCtrl+Z', enabled: (s) => s.canRedo },
  'edit.copy': { label: 'Copy', accelerator: 'CmdOrCtrl+C', enabled: (s) => s.hasSelection },
  'edit.paste': { label: 'Paste', accelerator: 'CmdOrCtrl+V' },
  'edit.duplicate': { label: 'Duplicate', accelerator: 'CmdOrCtrl+D', enabled: (s) => s.hasSelection },
  'edit.selectAll': { label: 'Select All', accelerator: 'CmdOrCtrl+A' },
  'edit.delete': { label: 'Delete', accelerator: 'Delete', enabled: (s) => s.hasSelection },
  'view.zoomIn': { label: 'Zoom In', accelerator: 'CmdOrCtrl+=' },
  'view.zoomOut': { label: 'Zoom Out', accelerator: 'CmdOrCtrl+-' },
  'view.fitView': { label: 'Fit Network to Window', accelerator: 'CmdOrCtrl+0' },
  'view.autoLayout': { label: 'Auto-layout', accelerator: 'CmdOrCtrl+L' },
  'view.themeSystem': { label: 'Follow the System' },
  'view.themeLight': { label: 'Light' },
  'view.themeDark': { label: 'Dark' },
  'run.train': { label: 'Train', accelerator: 'CmdOrCtrl+Enter', enabled: (s) => s.canTrain && !s.running },
  'run.pause': { label: 'Pause', accelerator: 'CmdOrCtrl+P', enabled: (s) => s.running && !s.paused },
  'run.resume': { label: 'Resume', accelerator: 'CmdOrCtrl+P', enabled: (s) => s.running && s.paused },
  'run.stop': { label: 'Stop', accelerator: 'CmdOrCtrl+.', enabled: (s) => s.running },
  'help.shortcuts': { label: 'Keyboard Shortcuts' },
};

type Entry = MenuCommand | 'separator' | { role: NonNullable<MenuItemConstructorOptions['role']> } | { label: string; submenu: Entry[] };

function template(platform: NodeJS.Platform): { label: string; entries: Entry[]; role?: MenuItemConstructorOptions['role'] }[] {
  const mac = platform === 'darwin';
  return [
    ...(mac ? [{ label: 'Dendrite', entries: [{ role: 'about' as const }, 'separator' as const, { role: 'hide' as const }, { role: 'quit' as const }] }] : []),
    {
      label: 'File',
      entries: ['file.new', 'file.open', 'separator', 'file.save', 'file.saveAs', 'separator', mac ? { role: 'close' } : { role: 'quit' }],
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
        { label: 'Theme', submenu: ['view.themeSystem', 'view.themeLight', 'view.themeDark'] },
        'separator',
        { role: 'togglefullscreen' },
      ],
    },
    { label: 'Run', entries: ['run.train', 'run.pause', 'run.resume', 'run.stop'] },
    { label: 'Help', role: 'help', entries: ['help.shortcuts', ...(mac ? [] : [{ role: 'about' as const }])] },
  ];
}

export function buildMenuTemplate(
  platform: NodeJS.Platform,
  state: MenuState,
  dispatch: (command: MenuCommand) => void,
): MenuItemConstructorOptions[] {
  const item = (entry: Entry): MenuItemConstructorOptions => {
    if (entry === 'separator') return { type: 'separator' };
    if (typeof entry === 'object' && 'role' in entry) return { role: entry.role };
    if (typeof entry === 'object') return { label: entry.label, submenu: entry.submenu.map(item) };
    const spec = COMMAND_TABLE[entry];
    return {
      id: entry,
      label: typeof spec.label === 'function' ? spec.label(state) : spec.label,
      accelerator: spec.accelerator,
      enabled: spec.enabled ? spec.enabled(state) : true,
      click: () => dispatch(entry),
    };
  };
  return template(platform).map((menu) => ({ label: menu.label, role: menu.role, submenu: menu.entries.map(item) }));
}
