import type { DendriteApi } from '../../../shared/ipc';
import { createElectronHost } from './electron-host';
import { createWebHost } from './web-host';
import type { Host } from './host';

/** The preload defines `window.dendrite` in Electron; anywhere else we are the web host. */
export function pickHost(): Host {
  const api = (window as unknown as { dendrite?: DendriteApi }).dendrite;
  if (api) return createElectronHost(api);
  return createWebHost();
}
