import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

const root = import.meta.dirname;

export default defineConfig({
  // Main process, plus two more entries built alongside it: the training worker (loaded with
  // `new Worker(new URL('./worker.js', import.meta.url))`) and the `lab` CLI, which runs under
  // plain Node without Electron.
  main: {
    build: {
      outDir: 'out/main',
      rolldownOptions: {
        input: {
          index: resolve(root, 'src-main/index.ts'),
          worker: resolve(root, 'src-worker/worker.ts'),
          cli: resolve(root, 'src-main/cli.ts'),
        },
      },
    },
  },
  // Sandboxed preloads cannot be ES modules: build CommonJS, named .cjs since package.json says "module".
  preload: {
    build: {
      outDir: 'out/preload',
      rolldownOptions: {
        input: { index: resolve(root, 'src-main/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'src-renderer'),
    build: {
      outDir: resolve(root, 'out/renderer'),
      rolldownOptions: { input: { index: resolve(root, 'src-renderer/index.html') } },
    },
    plugins: [svelte({ configFile: resolve(root, 'svelte.config.js') })],
  },
});
