import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import type { Plugin } from 'vite';
import { contentSecurityPolicy } from './src-shared/csp.ts';

const root = import.meta.dirname;

// Rolldown's plugin-timing warning fires whenever the machine is busy (the build waits for a core),
// and the Svelte compiler is most of a renderer build anyway: it says nothing about the code.
const checks = { bundlerTimings: false };

/**
 * The page's CSP as a meta tag too, from the one list in src-shared/csp.ts (the hosts also send it as
 * a header: Electron's stricter one, without connect-src, wins there). Built pages only: the dev
 * server injects styles inline for hot reload.
 */
const cspMeta: Plugin = {
  name: 'dl-lab-csp-meta',
  apply: 'build',
  transformIndexHtml: (html) =>
    html.replace(
      '<meta charset="UTF-8" />',
      `<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy('meta')}" />`,
    ),
};

/**
 * The bundled fonts as WOFF2 only: fontsource (and KaTeX) list WOFF and TrueType fallbacks after the
 * WOFF2 of each face, which Electron's Chromium never loads: they were half of the renderer's bytes
 * (34 → 19 MB with the Korean, Japanese and Chinese subsets).
 */
const woff2Only: Plugin = {
  name: 'dl-lab-woff2-only',
  enforce: 'pre',
  transform(code, id) {
    if (!/(@fontsource[\\/].*|[\\/]vendor[\\/]katex)\.css$/.test(id)) return null;
    return { code: code.replace(/,\s*url\([^)]*\.(woff|ttf)\)\s*format\(["'](woff|truetype)["']\)/g, ''), map: null };
  },
};

export default defineConfig({
  // Main process, plus more entries built alongside it: the worker threads (training, inspection,
  // the store's checkpointer, the import reader; found by src-main/lab/worker-url.ts) and the `lab`
  // CLI, which runs under plain Node without Electron.
  main: {
    build: {
      outDir: 'out/main',
      rolldownOptions: {
        checks,
        input: {
          index: resolve(root, 'src-main/electron/main.ts'),
          worker: resolve(root, 'src-worker/worker.ts'),
          'checkpoint-worker': resolve(root, 'src-main/store/checkpoint-worker.ts'),
          'import-worker': resolve(root, 'src-main/lab/import-worker.ts'),
          'inspect-worker': resolve(root, 'src-worker/inspect-worker.ts'),
          cli: resolve(root, 'src-main/cli/main.ts'),
        },
      },
    },
  },
  // Sandboxed preloads cannot be ES modules: build CommonJS, named .cjs since package.json says "module".
  preload: {
    build: {
      outDir: 'out/preload',
      rolldownOptions: {
        checks,
        input: { index: resolve(root, 'src-main/electron/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'src-renderer'),
    build: {
      outDir: resolve(root, 'out/renderer'),
      // Fonts stay files, however small (some Noto Sans JP/SC subsets are under Vite's 4 KiB inline
      // limit): the CSP allows fonts from the app itself, not data: URLs.
      assetsInlineLimit: (file: string) => (/\.(woff2?|ttf|otf)$/.test(file) ? false : undefined),
      rolldownOptions: { checks, input: { index: resolve(root, 'src-renderer/index.html') } },
    },
    plugins: [svelte({ configFile: resolve(root, 'svelte.config.js') }), cspMeta, woff2Only],
  },
});
