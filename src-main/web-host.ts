// The web test host: serves the built renderer on loopback and carries the api.ts calls (HTTP POST)
// and lab events (Server-Sent Events) to the real lab service — real workers, real SQLite. The
// Playwright tests drive the UI through it in Chromium; `npm run web` starts it for development.
//   node src-main/web-host.ts [--port N] [--db FILE] [--workers N]
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { extname, join, normalize, relative, isAbsolute } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { BadArgumentError, createLabHandlers } from './ipc/handlers.ts';
import { isLabMethod } from './ipc/channels.ts';
import { LabService } from './lab/lab-service.ts';
import { defaultDbPath, userDataDir } from './paths.ts';

const ROOT = join(import.meta.dirname, '..');
const BRIDGE = join(import.meta.dirname, 'web/lab-bridge.js');
const MAX_BODY = 1_000_000;
/** An import carries a whole export file (up to IMPORT_LIMITS.fileBytes), JSON-escaped. */
const MAX_IMPORT_BODY = 320 * 1024 * 1024;

const TYPES: Record<string, string> = {
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

// The Electron window's policy, except that the page may talk to its own origin (the API).
const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export interface WebHostOptions {
  port?: number;
  dbPath: string;
  workers?: number;
  rendererDir?: string;
}

export interface WebHost {
  url: string;
  lab: LabService;
  close(): Promise<void>;
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const rendererDir = options.rendererDir ?? join(ROOT, 'out/renderer');
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new Error(`no built renderer in ${rendererDir}: run \`npm run build\` first`);
  }
  const lab = new LabService({ dbPath: options.dbPath, workers: options.workers });
  const handlers = createLabHandlers(lab, () => ({
    name: 'DL Lab',
    version: '0.1.0',
    versions: { node: process.versions.node },
    dataDir: userDataDir(),
  }));
  const streams = new Set<ServerResponse>();
  lab.onEvent((event) => {
    const data = `data: ${JSON.stringify(event)}\n\n`;
    for (const stream of streams) stream.write(data);
  });

  const server = createServer((request, response) => {
    void handle(request, response).catch((error: Error) => {
      if (!response.headersSent) send(response, 500, { error: error.message });
      else response.end();
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    // Loopback only, and only pages of this host: a page elsewhere cannot drive the lab.
    const host = request.headers.host ?? '';
    if (!/^(127\.0\.0\.1|localhost|\[::1\]):\d+$/.test(host)) return send(response, 403, { error: 'forbidden host' });
    const origin = request.headers.origin;
    if (origin && origin !== `http://${host}`) return send(response, 403, { error: 'forbidden origin' });
    const url = new URL(request.url ?? '/', `http://${host}`);
    if (url.pathname === '/api/events') return openEventStream(response);
    if (url.pathname.startsWith('/api/')) return callApi(url.pathname.slice(5), request, response);
    if (url.pathname === '/lab-bridge.js') return sendFile(response, BRIDGE);
    return serveRenderer(url.pathname, response);
  }

  function openEventStream(response: ServerResponse): void {
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    response.write(': connected\n\n');
    streams.add(response);
    response.on('close', () => streams.delete(response));
  }

  async function callApi(method: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.method !== 'POST') return send(response, 405, { error: 'POST only' });
    if (!isLabMethod(method)) return send(response, 404, { error: `unknown method ${JSON.stringify(method)}` });
    let args: unknown;
    try {
      args = JSON.parse(await readBody(request, method === 'importJob' ? MAX_IMPORT_BODY : MAX_BODY));
    } catch {
      return send(response, 400, { error: `${method}: the body must be a JSON array of arguments` });
    }
    if (!Array.isArray(args)) return send(response, 400, { error: `${method}: the body must be a JSON array of arguments` });
    try {
      send(response, 200, { value: await handlers[method](...args) });
    } catch (error) {
      send(response, error instanceof BadArgumentError ? 400 : 500, { error: (error as Error).message });
    }
  }

  async function serveRenderer(pathname: string, response: ServerResponse): Promise<void> {
    const file = normalize(join(rendererDir, decodeURIComponent(pathname === '/' ? '/index.html' : pathname)));
    const inside = relative(rendererDir, file);
    if (inside.startsWith('..') || isAbsolute(inside) || !existsSync(file)) return send(response, 404, { error: 'not found' });
    if (inside === 'index.html') {
      // The bridge defines window.lab before the app's module script runs.
      const html = (await readFile(file, 'utf8')).replace('<head>', '<head>\n    <script src="/lab-bridge.js"></script>');
      response.writeHead(200, { 'content-type': TYPES['.html'], 'content-security-policy': CSP, 'cache-control': 'no-store' });
      response.end(html);
      return;
    }
    return sendFile(response, file);
  }

  async function sendFile(response: ServerResponse, file: string): Promise<void> {
    const body = await readFile(file);
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'content-security-policy': CSP });
    response.end(body);
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    lab,
    async close() {
      for (const stream of streams) stream.end();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await lab.close();
    },
  };
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  response.end(JSON.stringify(body));
}

function readBody(request: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new Error('request too large'));
        request.destroy();
      } else chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

if (import.meta.main ?? process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { port: { type: 'string' }, db: { type: 'string' }, workers: { type: 'string' } } });
  const host = await startWebHost({
    port: values.port ? Number(values.port) : 5180,
    dbPath: values.db ?? defaultDbPath(),
    workers: values.workers ? Number(values.workers) : undefined,
  });
  console.log(`DL Lab web host: ${host.url}  (database ${host.lab.dbPath}; Ctrl-C stops)`);
  const stop = () => void host.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
