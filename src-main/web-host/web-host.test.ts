// The web host over real HTTP on loopback: the page and bridge it serves, the launch's key, and the
// answers it gives to requests that are not the lab's (400, 403, 404, 413 — never a 500 that leaks
// internals). Needs the built renderer (`npm test` builds it first).
import { existsSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LAB_METHODS } from '../../src-shared/channels.ts';
import { useTempFolders } from '../store/test-helpers.ts';
import { startWebHost, type WebHost } from './main.ts';

const RENDERER = join(import.meta.dirname, '../../out/renderer');
const tempFolder = useTempFolders();

interface Reply {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

/** One raw HTTP request (fetch would refuse to send some of these). */
function send(
  host: WebHost,
  path: string,
  options: { method?: string; body?: string | Buffer; headers?: Record<string, string> } = {},
): Promise<Reply> {
  const { port } = new URL(host.url);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
    });
    req.on('error', reject);
    if (options.body !== undefined) req.end(options.body);
    else req.end();
  });
}

const api = (host: WebHost, method: string, args: unknown[] | string, headers: Record<string, string> = {}) =>
  send(host, `/api/${method}`, {
    method: 'POST',
    body: typeof args === 'string' ? args : JSON.stringify(args),
    headers: { 'content-type': 'application/json', 'x-dl-lab-key': host.key, ...headers },
  });

describe.skipIf(!existsSync(join(RENDERER, 'index.html')))('web host', () => {
  let host: WebHost;
  beforeEach(async () => {
    host = await startWebHost({ port: 0, dbPath: join(tempFolder(), 'lab.sqlite'), workers: 1 });
  });
  afterEach(async () => {
    await host.close();
  });

  it('serves the page only with the launch’s key, and hands the key to the page', async () => {
    const page = await send(host, `/?key=${host.key}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain(`<meta name="dl-lab-key" content="${host.key}" />`);
    expect(page.headers['content-security-policy']).toContain("connect-src 'self'");
    expect((await send(host, '/')).status).toBe(403);
    expect((await send(host, '/?key=wrong')).status).toBe(403);
  });

  it('serves a bridge whose window.lab has exactly the contract’s methods, and calls them with the key', async () => {
    const script = await send(host, '/lab-bridge.js');
    expect(script.status).toBe(200);
    const calls: { url: string; init: { headers: Record<string, string>; body: string } }[] = [];
    const window: { lab?: Record<string, unknown> } = {};
    runInNewContext(script.body, {
      window,
      document: { querySelector: () => ({ getAttribute: () => 'the-key' }) },
      fetch: async (url: string, init: { headers: Record<string, string>; body: string }) => {
        calls.push({ url, init });
        return { ok: true, json: async () => ({ value: 42 }) };
      },
      EventSource: class {},
    });
    expect(Object.keys(window.lab!).sort()).toEqual([...LAB_METHODS, 'onEvent'].sort());
    expect(await (window.lab!.getJob as (id: number) => Promise<unknown>)(7)).toBe(42);
    expect(calls).toEqual([
      {
        url: '/api/getJob',
        init: expect.objectContaining({ body: '[7]', headers: expect.objectContaining({ 'x-dl-lab-key': 'the-key' }) }),
      },
    ]);
  });

  it('refuses API calls without the key, from another origin, or to an unknown method', async () => {
    expect((await api(host, 'activeJobs', [], { 'x-dl-lab-key': '' })).status).toBe(403);
    expect((await api(host, 'activeJobs', [], { 'x-dl-lab-key': 'x'.repeat(host.key.length) })).status).toBe(403);
    expect((await api(host, 'activeJobs', [], { origin: 'http://evil.example' })).status).toBe(403);
    expect((await send(host, `/api/events`)).status).toBe(403);
    const ok = await api(host, 'activeJobs', []);
    expect([ok.status, JSON.parse(ok.body)]).toEqual([200, { value: [] }]);
    expect((await api(host, 'dropTables', [])).status).toBe(404);
  });

  it('answers 400, naming the problem, for a malformed address, absurdly nested JSON or a body that is not arguments', async () => {
    expect((await send(host, '/%E0%A4%A')).status).toBe(400);
    const nested = '['.repeat(400_000) + ']'.repeat(400_000);
    const deep = await api(host, 'getJob', nested);
    expect(deep.status).toBe(400);
    expect(JSON.parse(deep.body).error).toMatch(/nested too deeply/);
    expect((await api(host, 'getJob', '{"not": "a list"}')).status).toBe(400);
    expect((await api(host, 'getJob', 'not json')).status).toBe(400);
  });

  it('answers 413 with a message for a body over the limit, instead of dropping the connection', async () => {
    const reply = await api(host, 'getJob', `[${'1,'.repeat(600_000)}1]`);
    expect(reply.status).toBe(413);
    expect(JSON.parse(reply.body).error).toMatch(/larger than 1,000,000 bytes/);
  });

  it('refuses a crafted sort metric and unknown startJob fields as bad requests, leaking no SQL', async () => {
    for (const metric of ['a"b', "loss') --", '$.x', 'x'.repeat(200)]) {
      const reply = await api(host, 'queryJobs', [{ sort: { metric }, limit: 10 }]);
      expect(reply.status, metric).toBe(400);
      expect(reply.body).not.toMatch(/SQLITE|json_extract|syntax/i);
    }
    const start = await api(host, 'startJob', [{ experiment: 'optimizer-paths', params: {}, evil: true }]);
    expect(start.status).toBe(200);
    expect(JSON.parse(start.body).value).toEqual({
      ok: false,
      problems: [expect.objectContaining({ field: 'evil', code: 'unknown-param' })],
    });
  });
});
