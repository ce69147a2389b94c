// Whether out/ is older than the sources it is built from (`npm start` and `npm run web` rebuild only then).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** What a build reads: the four source folders and the build's own configuration. */
export const BUILD_INPUTS = [
  'src-main',
  'src-worker',
  'src-renderer',
  'src-shared',
  'electron.vite.config.ts',
  'svelte.config.js',
  'tsconfig.json',
  'tsconfig.web.json',
  'package.json',
];
/** What a build writes; the oldest of them is the build's time. */
export const BUILD_OUTPUTS = ['out/main/index.js', 'out/main/worker.js', 'out/preload/index.cjs', 'out/renderer/index.html'];

function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs; // a deleted file changes its folder
  for (const entry of readdirSync(path, { withFileTypes: true, recursive: true })) {
    const full = join(entry.parentPath, entry.name);
    latest = Math.max(latest, statSync(full).mtimeMs);
  }
  return latest;
}

/** The first reason to rebuild, or null when out/ is up to date. */
export function staleReason(root) {
  let built = Infinity;
  for (const output of BUILD_OUTPUTS) {
    const path = join(root, output);
    if (!existsSync(path)) return `${output} is missing`;
    built = Math.min(built, statSync(path).mtimeMs);
  }
  for (const input of BUILD_INPUTS) {
    if (newest(join(root, input)) > built) return `${input} changed since the last build`;
  }
  return null;
}
