// The web host — its own Node process (or the Playwright test process): serves the built renderer
// on loopback and carries the api.ts calls (HTTP POST) and lab events (Server-Sent Events) to the
// real lab service — real workers, real SQLite. `npm run web` starts it where Electron cannot run;
// the browser tests drive the UI through it.
//   node src-main/web-host/main.ts [--port N] [--db FILE] [--workers N]
//
// Only the page it served may drive the lab: every launch makes a secret key, printed in the URL
// (`/?key=…`); the page carries it on every call. Other local processes, and pages of other origins,
// get 403.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { LAB_METHODS, isLabMethod } from '../../src-shared/channels.ts';
import { contentSecurityPolicy } from '../../src-shared/csp.ts';
import { BadArgumentError, createLabHandlers } from '../lab/api-handlers.ts';
import { IMPORT_LIMITS } from '../lab/job-import.ts';
import { LabService } from '../lab/lab-service.ts';
import { defaultDbPath, userDataDir } from '../lab/paths.ts';
import { mimeType, rendererFile } from '../renderer-files.ts';

const ROOT = join(import.meta.dirname, '../..');
const BRIDGE = join(import.meta.dirname, 'lab-bridge.js');
const MAX_BODY = 1_000_000;
/** An import carries a whole export file (up to IMPORT_LIMITS.fileBytes), JSON-escaped. */
const MAX_IMPORT_BODY = Math.ceil(IMPORT_LIMITS.fileBytes * 1.25);
/** Deeper JSON than this is no request of the lab's (params nest two levels). */
const MAX_JSON_DEPTH = 64;

const CSP = contentSecurityPolicy('web');

export interface WebHostOptions {
  port?: number;
  dbPath: string;
  workers?: number;
  rendererDir?: string;
  /** Open the database read-only. */
  readonly?: boolean;
  /** The launch's key; a new random one by default (a restart that keeps its page's key passes the old one). */
  key?: string;
}

export interface WebHost {
  /** The page's address, with this launch's key. */
  url: string;
  /** The key alone (tests call the API with it). */
  key: string;
  lab: LabService;
  close(): Promise<void>;
}

/** A request refused before it reached the lab; `status` is its HTTP status. */
class HttpError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const rendererDir = options.rendererDir ?? join(ROOT, 'out/renderer');
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new Error(`no built renderer in ${rendererDir}: run \`npm run build\` first`);
  }
  const key = options.key ?? randomBytes(24).toString('base64url');
  const lab = new LabService({ dbPath: options.dbPath, workers: options.workers, readonly: options.readonly });
  void lab.warmUp();
  const handlers = createLabHandlers(lab, () => ({
    name: 'DL Lab',
    version: process.env.npm_package_version ?? '0.1.0',
    versions: { node: process.versions.node },
    dataDir: userDataDir(),
  }));
  // The bridge's method list is the one list, put in front of the file as it is served.
  const bridge = `const DL_LAB_METHODS = ${JSON.stringify(LAB_METHODS)};\n${await readFile(BRIDGE, 'utf8')}`;
  const streams = new Set<ServerResponse>();
  lab.onEvent((event) => {
    const data = `data: ${JSON.stringify(event)}\n\n`;
    for (const stream of streams) stream.write(data);
  });

  const server = createServer((request, response) => {
    void handle(request, response).catch((error: unknown) => {
      if (error instanceof HttpError) return send(response, error.status, { error: error.message }, error.status === 413);
      // Never the error's own text: it may name SQL, files or internals.
      console.error('DL Lab web host: a request failed:', error);
      if (!response.headersSent) send(response, 500, { error: 'internal error' });
      else response.end();
    });
  });

  const keyMatches = (given: string | null | undefined): boolean => {
    if (typeof given !== 'string' || given.length !== key.length) return false;
    return timingSafeEqual(Buffer.from(given), Buffer.from(key));
  };

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    // Loopback only, and only pages of this host: a page elsewhere cannot drive the lab.
    const host = request.headers.host ?? '';
    if (!/^(127\.0\.0\.1|localhost|\[::1\]):\d+$/.test(host)) throw new HttpError(403, 'forbidden host');
    const origin = request.headers.origin;
    if (origin && origin !== `http://${host}`) throw new HttpError(403, 'forbidden origin');
    let url: URL;
    let pathname: string;
    try {
      url = new URL(request.url ?? '/', `http://${host}`);
      pathname = decodeURIComponent(url.pathname);
    } catch {
      throw new HttpError(400, 'malformed address');
    }
    if (pathname === '/api/events') {
      if (!keyMatches(url.searchParams.get('key'))) throw new HttpError(403, 'missing or wrong key');
      return openEventStream(response);
    }
    if (pathname.startsWith('/api/')) {
      if (!keyMatches(request.headers['x-dl-lab-key'] as string | undefined)) throw new HttpError(403, 'missing or wrong key');
      return callApi(pathname.slice(5), request, response);
    }
    if (pathname === '/lab-bridge.js') return sendText(response, bridge, mimeType('.js'));
    return serveRenderer(pathname, url, response);
  }

  function openEventStream(response: ServerResponse): void {
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    response.write(': connected\n\n');
    streams.add(response);
    response.on('close', () => streams.delete(response));
  }

  async function callApi(method: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.method !== 'POST') throw new HttpError(405, 'POST only');
    if (!isLabMethod(method)) throw new HttpError(404, `unknown method ${JSON.stringify(method.slice(0, 50))}`);
    const body = await readBody(request, method === 'importJob' ? MAX_IMPORT_BODY : MAX_BODY);
    const args = parseArguments(method, body);
    try {
      send(response, 200, { value: await handlers[method](...args) });
    } catch (error) {
      if (error instanceof BadArgumentError) throw new HttpError(400, error.message);
      throw error;
    }
  }

  async function serveRenderer(pathname: string, url: URL, response: ServerResponse): Promise<void> {
    const file = rendererFile(rendererDir, pathname);
    if (file === null || !existsSync(file)) throw new HttpError(404, 'not found');
    if (file === join(rendererDir, 'index.html')) {
      // The page is served only to whoever has this launch's address; it hands the key to the bridge.
      if (!keyMatches(url.searchParams.get('key')))
        throw new HttpError(403, 'open the address the web host printed (it carries this launch’s key)');
      const html = (await readFile(file, 'utf8')).replace(
        '<head>',
        `<head>\n    <meta name="dl-lab-key" content="${key}" />\n    <script src="/lab-bridge.js"></script>`,
      );
      response.writeHead(200, {
        'content-type': mimeType('.html'),
        'content-security-policy': CSP,
        'cache-control': 'no-store',
        'referrer-policy': 'no-referrer',
      });
      response.end(html);
      return;
    }
    const body = await readFile(file);
    response.writeHead(200, { 'content-type': mimeType(file), 'content-security-policy': CSP });
    response.end(body);
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/?key=${key}`,
    key,
    lab,
    async close() {
      for (const stream of streams) stream.end();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await lab.close();
    },
  };
}

/** The body as the method's argument list: a JSON array, not nested absurdly deep. */
function parseArguments(method: string, body: string): unknown[] {
  if (jsonDepth(body) > MAX_JSON_DEPTH) throw new HttpError(400, `${method}: the arguments are nested too deeply`);
  let args: unknown;
  try {
    args = JSON.parse(body);
  } catch {
    throw new HttpError(400, `${method}: the body must be a JSON array of arguments`);
  }
  if (!Array.isArray(args)) throw new HttpError(400, `${method}: the body must be a JSON array of arguments`);
  return args;
}

/** How deeply brackets nest in JSON text (outside strings), without parsing it. */
function jsonDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) deepest = Math.max(deepest, ++depth);
    else if (c === 0x5d || c === 0x7d) depth--;
  }
  return deepest;
}

function send(response: ServerResponse, status: number, body: unknown, closeAfter = false): void {
  if (response.headersSent) {
    response.end();
    return;
  }
  response.writeHead(status, {
    'content-type': 'application/json',
    'cache-control': 'no-store',
    ...(closeAfter ? { connection: 'close' } : {}),
  });
  response.end(JSON.stringify(body));
}

function sendText(response: ServerResponse, text: string, type: string): void {
  response.writeHead(200, { 'content-type': type, 'content-security-policy': CSP, 'cache-control': 'no-store' });
  response.end(text);
}

/** The request body, or a 413 as soon as it passes `limit` (the rest is not read). */
function readBody(request: IncomingMessage, limit: number): Promise<string> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit)
    return Promise.reject(new HttpError(413, `the request is larger than ${limit.toLocaleString('en')} bytes`));
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        request.removeAllListeners('data');
        request.pause();
        reject(new HttpError(413, `the request is larger than ${limit.toLocaleString('en')} bytes`));
      } else chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

// Run as a program (directly, or through scripts/run-ts.mjs, which sets argv[1] to this file), not when imported.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
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
