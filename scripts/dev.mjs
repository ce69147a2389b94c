// `npm run dev`: the app with hot reload. Where the Electron binary exists, electron-vite's dev mode
// (main, preload and renderer rebuilt on change). Where it does not (a machine that cannot download
// it), the lab runs in the web host and the renderer in Vite's dev server, which forwards the API to
// it; open the address it prints in a browser.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { findElectronBinary } from './electron-binary.mjs';
import checkNode from './check-node.cjs';

checkNode.requireNode('npm run dev');

const root = join(import.meta.dirname, '..');

if (findElectronBinary()) {
  const child = spawn('npx', ['electron-vite', 'dev'], { cwd: root, stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  const { createServer } = await import('vite');
  const { svelte } = await import('@sveltejs/vite-plugin-svelte');
  const hostPort = Number(process.env.DL_LAB_HOST_PORT ?? 5181);
  // The lab service behind the web host: real workers, real SQLite (the usual database, or DL_LAB_DB).
  const host = spawn(
    process.execPath,
    ['--experimental-strip-types', '--no-warnings', 'src-main/web-host/main.ts', '--port', String(hostPort)],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const key = await new Promise((resolve, reject) => {
    let out = '';
    host.stdout.on('data', (chunk) => {
      out += chunk;
      const found = /\?key=([\w-]+)/.exec(out);
      if (found) resolve(found[1]);
    });
    host.on('exit', (code) => reject(new Error(`the web host exited (${code}) before it was ready`)));
  });
  const target = `http://127.0.0.1:${hostPort}`;
  const forward = { target, changeOrigin: true, configure: (proxy) => proxy.on('proxyReq', (request) => request.removeHeader('origin')) };
  const server = await createServer({
    configFile: false,
    root: join(root, 'src-renderer'),
    plugins: [
      svelte({ configFile: join(root, 'svelte.config.js') }),
      {
        name: 'dl-lab-bridge',
        // The page gets the bridge and this launch's key, as the web host gives them.
        transformIndexHtml: (html) =>
          html.replace('<head>', `<head>\n    <meta name="dl-lab-key" content="${key}" />\n    <script src="/lab-bridge.js"></script>`),
      },
    ],
    server: { host: '127.0.0.1', port: 5173, proxy: { '/api': forward, '/lab-bridge.js': forward } },
  });
  await server.listen();
  console.log(`DL Lab (dev): ${server.resolvedUrls.local[0]}  — no Electron binary here, so the UI runs in your browser; Ctrl-C stops`);
  const stop = async () => {
    host.kill('SIGTERM');
    await server.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
