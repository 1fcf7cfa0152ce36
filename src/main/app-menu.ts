/** Keeps the native menu in step with the editor's state, and sends clicks to the renderer. */
import { Menu, type WebContents } from 'electron';
import { IPC } from '../shared/ipc';
import { INITIAL_MENU_STATE, type MenuState } from '../shared/menu-commands';
import { buildMenuTemplate, type RecentMenu } from './menu';

export class AppMenu {
  private state: MenuState = INITIAL_MENU_STATE;
  private recent: RecentMenu = { paths: [], open: () => undefined, clear: () => undefined };

  constructor(private readonly target: () => WebContents | null) {}

  /** File ▸ Open Recent changed (a file was opened or saved, or the list cleared). */
  setRecent(recent: RecentMenu): void {
    this.recent = recent;
    this.install();
  }

  get current(): MenuState {
    return this.state;
  }

  update(state: MenuState): void {
    const changed = (Object.keys(state) as (keyof MenuState)[]).some((key) => state[key] !== this.state[key]);
    this.state = state;
    if (changed) this.install();
  }

  install(): void {
    const template = buildMenuTemplate(
      process.platform,
      this.state,
      (command) => {
        const contents = this.target();
        if (contents && !contents.isDestroyed()) contents.send(IPC.menuCommand, command);
      },
      this.recent,
    );
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  }
}
