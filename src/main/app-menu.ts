/** Keeps the native menu in step with the editor's state, and sends clicks to the renderer. */
import { Menu, type WebContents } from 'electron';
import { IPC } from '../shared/ipc';
import { INITIAL_MENU_STATE, type MenuState } from '../shared/menu-commands';
import { buildMenuTemplate } from './menu';

export class AppMenu {
  private state: MenuState = INITIAL_MENU_STATE;

  constructor(private readonly target: () => WebContents | null) {}

  get current(): MenuState {
    return this.state;
  }

  update(state: MenuState): void {
    const changed = (Object.keys(state) as (keyof MenuState)[]).some((key) => state[key] !== this.state[key]);
    this.state = state;
    if (changed) this.install();
  }

  install(): void {
    const template = buildMenuTemplate(process.platform, this.state, (command) => {
      const contents = this.target();
      if (contents && !contents.isDestroyed()) contents.send(IPC.menuCommand, command);
    });
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  }
}
