import { describe, expect, it } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { buildMenuTemplate, COMMAND_TABLE } from '../../src/main/menu';
import { INITIAL_MENU_STATE, MENU_COMMANDS, parseMenuState, type MenuCommand } from '../../src/shared/menu-commands';

function items(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? items(item.submenu) : [])]);
}
const find = (template: MenuItemConstructorOptions[], id: MenuCommand) => items(template).find((i) => i.id === id)!;

describe('the menu, as data', () => {
  it('has an entry for every command, each in the table', () => {
    const template = buildMenuTemplate('linux', INITIAL_MENU_STATE, () => undefined);
    const ids = items(template).map((i) => i.id).filter(Boolean);
    expect(ids.sort()).toEqual([...MENU_COMMANDS].sort());
    for (const id of MENU_COMMANDS) expect(COMMAND_TABLE[id]).toBeDefined();
  });

  it('enables commands from the editor state', () => {
    const idle = buildMenuTemplate('linux', { ...INITIAL_MENU_STATE, canTrain: true }, () => undefined);
    expect(find(idle, 'run.train').enabled).toBe(true);
    expect(find(idle, 'run.stop').enabled).toBe(false);
    expect(find(idle, 'edit.undo').enabled).toBe(false);
    const running = buildMenuTemplate('linux', { ...INITIAL_MENU_STATE, canTrain: true, running: true, canUndo: true }, () => undefined);
    expect(find(running, 'run.train').enabled).toBe(false);
    expect(find(running, 'run.stop').enabled).toBe(true);
    expect(find(running, 'run.pause').enabled).toBe(true);
    expect(find(running, 'file.open').enabled).toBe(false);
    expect(find(running, 'edit.undo').enabled).toBe(true);
  });

  it('uses CmdOrCtrl accelerators (Cmd on macOS, Ctrl elsewhere) and a macOS app menu', () => {
    const mac = buildMenuTemplate('darwin', INITIAL_MENU_STATE, () => undefined);
    expect(mac[0]!.label).toBe('Dendrite');
    expect(find(mac, 'edit.undo').accelerator).toBe('CmdOrCtrl+Z');
    expect(find(mac, 'edit.redo').accelerator).toBe('Shift+CmdOrCtrl+Z');
    const linux = buildMenuTemplate('linux', INITIAL_MENU_STATE, () => undefined);
    expect(linux[0]!.label).toBe('File');
  });

  it('dispatches the command id on click', () => {
    const clicked: string[] = [];
    const template = buildMenuTemplate('linux', { ...INITIAL_MENU_STATE, dirty: true }, (c) => clicked.push(c));
    const save = find(template, 'file.save');
    expect(save.label).toBe('Save');
    (save.click as () => void)();
    expect(clicked).toEqual(['file.save']);
  });

  it('validates the state the renderer reports', () => {
    expect(parseMenuState({ ...INITIAL_MENU_STATE, dirty: true })).toMatchObject({ dirty: true });
    expect(parseMenuState({ ...INITIAL_MENU_STATE, dirty: 'yes' })).toBeNull();
    expect(parseMenuState(null)).toBeNull();
    expect(parseMenuState({ ...INITIAL_MENU_STATE, evil: () => 1 })).not.toHaveProperty('evil');
  });
});
