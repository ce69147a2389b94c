// Builds the dev harness (not part of the app): npx vite build --config src-renderer/charts/dev/vite.config.mjs
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { join } from 'node:path';
import { defineConfig } from 'vite';

const here = import.meta.dirname;
export default defineConfig({
  root: here,
  base: './',
  build: { outDir: process.env.CHARTS_DEV_OUT ?? '/tmp/charts-harness/dist', emptyOutDir: true, minify: false },
  plugins: [svelte({ configFile: join(here, '../../../svelte.config.js') })],
});
