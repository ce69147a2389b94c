// The built renderer's files (out/renderer) as the two hosts that serve them find them — Electron's
// app:// handler and the web host: a request path resolved inside the folder (never outside it)
// and the MIME type to send with it.
import { extname, isAbsolute, join, normalize, relative } from 'node:path';

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
};

/** The MIME type of a file, or of an extension on its own (`'.html'`: extname gives '' for a name that starts with its dot). */
export const mimeType = (file: string): string =>
  MIME_TYPES[(file.startsWith('.') ? file : extname(file)).toLowerCase()] ?? 'application/octet-stream';

/** The file a decoded request path names inside `dir` (`/` is index.html), or null if it would lie outside. */
export function rendererFile(dir: string, pathname: string): string | null {
  const file = normalize(join(dir, pathname === '/' ? '/index.html' : pathname));
  const inside = relative(dir, file);
  return inside === '' || inside.startsWith('..') || isAbsolute(inside) ? null : file;
}
