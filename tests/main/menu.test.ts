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
    const ids = items(template)
      .map((i) => i.id)
      .filter(Boolean);
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

  it('opens lessons from Help ▸ Lessons (not while a run goes on), first in the Help menu', () => {
    const template = buildMenuTemplate('linux', INITIAL_MENU_STATE, () => undefined);
    const help = template.find((m) => m.label === 'Help')!.submenu as MenuItemConstructorOptions[];
    expect(help[0]).toMatchObject({ id: 'help.lessons', label: 'Lessons…', enabled: true });
    expect(
      find(
        buildMenuTemplate('linux', { ...INITIAL_MENU_STATE, running: true }, () => undefined),
        'help.lessons',
      ).enabled,
    ).toBe(false);
  });

  it('validates the state the renderer reports', () => {
    expect(parseMenuState({ ...INITIAL_MENU_STATE, dirty: true })).toMatchObject({ dirty: true });
    expect(parseMenuState({ ...INITIAL_MENU_STATE, dirty: 'yes' })).toBeNull();
    expect(parseMenuState(null)).toBeNull();
    expect(parseMenuState({ ...INITIAL_MENU_STATE, evil: () => 1 })).not.toHaveProperty('evil');
  });
});

describe('keyboard accelerators', () => {
  it('leave editing keys to the page, so Ctrl/Cmd+Z, C, V, A and Delete still edit text in fields', () => {
    const template = buildMenuTemplate('linux', INITIAL_MENU_STATE, () => undefined);
    for (const id of ['edit.undo', 'edit.redo', 'edit.copy', 'edit.paste', 'edit.selectAll', 'edit.delete', 'edit.duplicate'] as const) {
      expect(find(template, id).registerAccelerator).toBe(false);
      expect(find(template, id).accelerator).toBeTruthy();
    }
    expect(find(template, 'file.save').registerAccelerator).toBe(true);
    expect(find(template, 'run.train').accelerator).toBe('CmdOrCtrl+Enter');
  });

  it('read as people expect on each platform', async () => {
    const { formatAccelerator } = await import('../../src/shared/menu-commands');
    expect(formatAccelerator('Shift+CmdOrCtrl+S', true)).toBe('⇧⌘S');
    expect(formatAccelerator('Shift+CmdOrCtrl+S', false)).toBe('Shift+Ctrl+S');
    expect(formatAccelerator('CmdOrCtrl+-', false)).toBe('Ctrl+-');
    expect(formatAccelerator('Alt+CmdOrCtrl+3', true)).toBe('⌥⌘3');
  });
});

describe('File menu', () => {
  const fileMenu = (template: MenuItemConstructorOptions[]) => template.find((m) => m.label === 'File')!.submenu as MenuItemConstructorOptions[];

  it('has New, Open, Open Recent, Save, Save As, Export and Import Model, Save as Lesson, Close, and Quit off macOS', () => {
    const labels = (platform: NodeJS.Platform) =>
      fileMenu(buildMenuTemplate(platform, INITIAL_MENU_STATE, () => undefined)).map((i) => i.label ?? i.role ?? i.type);
    expect(labels('linux')).toEqual([
      'New',
      'Open…',
      'Open Recent',
      'separator',
      'Save (no changes)',
      'Save As…',
      'separator',
      'Export Model (JSON)…',
      'Import Model…',
      'Save as Lesson…',
      'separator',
      'close',
      'quit',
    ]);
    expect(labels('darwin')).not.toContain('quit');
    expect(labels('darwin')).toContain('close');
  });

  it('lists recent files by name and folder, opens them through main, and can clear the list', () => {
    const opened: string[] = [];
    let cleared = 0;
    const recent = { paths: ['/home/ana/planar.dendrite.json', '/tmp/lenet.dendrite.json'], open: (p: string) => opened.push(p), clear: () => cleared++ };
    const submenu = fileMenu(buildMenuTemplate('linux', INITIAL_MENU_STATE, () => undefined, recent)).find((i) => i.label === 'Open Recent')!
      .submenu as MenuItemConstructorOptions[];
    expect(submenu.map((i) => i.label ?? i.type)).toEqual([
      '&1 planar.dendrite.json — /home/ana',
      '&2 lenet.dendrite.json — /tmp',
      'separator',
      'Clear Recent',
    ]);
    (submenu[1]!.click as () => void)();
    (submenu[3]!.click as () => void)();
    expect(opened).toEqual(['/tmp/lenet.dendrite.json']);
    expect(cleared).toBe(1);
    const running = buildMenuTemplate('linux', { ...INITIAL_MENU_STATE, running: true }, () => undefined, recent);
    expect((fileMenu(running).find((i) => i.label === 'Open Recent')!.submenu as MenuItemConstructorOptions[])[0]!.enabled).toBe(false);
    const empty = fileMenu(buildMenuTemplate('linux', INITIAL_MENU_STATE, () => undefined)).find((i) => i.label === 'Open Recent')!;
    expect(empty.submenu).toEqual([{ label: 'No recent projects', enabled: false }]);
  });

  it('enables Export Model only when there is a model, and Check Gradients when the network can train', () => {
    expect(
      find(
        buildMenuTemplate('linux', INITIAL_MENU_STATE, () => undefined),
        'file.exportModel',
      ).enabled,
    ).toBe(false);
    const ready = buildMenuTemplate('linux', { ...INITIAL_MENU_STATE, canExport: true, canTrain: true }, () => undefined);
    expect(find(ready, 'file.exportModel').enabled).toBe(true);
    expect(find(ready, 'run.gradcheck').enabled).toBe(true);
  });
});

describe('a file named on the command line', () => {
  it('is the last .json argument, made absolute; flags and the app folder are skipped', async () => {
    const { fileArgument } = await import('../../src/main/file-arguments');
    expect(fileArgument(['/opt/Dendrite/dendrite', 'net.dendrite.json'], '/home/ana')).toBe('/home/ana/net.dendrite.json');
    expect(fileArgument(['electron', '.', '--inspect', '/tmp/a.model.json'], '/x')).toBe('/tmp/a.model.json');
    expect(fileArgument(['electron', '.', '--config=x.json'], '/x')).toBeNull();
    expect(fileArgument(['/opt/Dendrite/dendrite.json'], '/x')).toBeNull();
  });
});
