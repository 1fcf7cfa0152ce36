/**
 * The app's pages come from its own scheme, `app://dendrite/…`, not from `file://` (Electron's
 * security checklist, item 18): a page on file:// may read any local file it can name, and
 * file:// gets extra privileges (a fuse turns them off, see electron-builder.yml). The handler
 * serves only files inside the built renderer folder, with their MIME type; anything else —
 * another host, `..`, an encoded separator, a missing file — is a 404.
 */
import { promises as fs } from 'node:fs';
import { extname, join, normalize, relative, sep, isAbsolute } from 'node:path';
import type { Protocol } from 'electron';

export const APP_SCHEME = 'app';
export const APP_HOST = 'dendrite';
export const APP_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** Registered before the app is ready: a standard, secure scheme pages can fetch from (workers, wasm). */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: false, stream: true } },
  ]);
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.gz': 'application/gzip',
  '.woff2': 'font/woff2',
};

/** The file an app URL names inside `root`, or null when it names nothing we serve. */
export function appFilePath(url: string, root: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
  let path: string;
  try {
    path = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (path.includes('\0') || path.includes('\\')) return null;
  const file = normalize(join(root, path === '/' ? 'index.html' : path));
  const inside = relative(root, file);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside) || inside.split(sep).includes('..')) return null;
  return file;
}

/** Answers one request of the app scheme from `root` (the built renderer). */
export async function appResponse(url: string, root: string): Promise<Response> {
  const file = appFilePath(url, root);
  const stat = file ? await fs.stat(file).catch(() => null) : null;
  if (!file || !stat?.isFile()) return new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain' } });
  const body = await fs.readFile(file);
  return new Response(body, { status: 200, headers: { 'content-type': MIME[extname(file).toLowerCase()] ?? 'application/octet-stream' } });
}

/** Serves the app scheme (after ready). */
export function serveApp(protocol: Pick<Protocol, 'handle'>, root: string): void {
  protocol.handle(APP_SCHEME, (request) => appResponse(request.url, root));
}
