// Builds the app (WASM kernels and electron-vite, quietly) when a source is newer than the build in
// out/, for `npm start` and `npm run web`: a second start is instant, and a start after an edit
// never runs an old build.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** What the build reads: sources of every process, and the files that configure the build. */
export const BUILD_INPUTS = [
  'src-main',
  'src-shared',
  'src-worker',
  'src-renderer',
  'package.json',
  'package-lock.json',
  'electron.vite.config.ts',
  'svelte.config.js',
  'tsconfig.json',
  'scripts/build-wasm.mjs',
  'scripts/wasm',
];
/** What the build writes last-to-first, every one of which must exist. */
export const BUILD_OUTPUTS = ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html'];

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/** Why `root` needs a build (a missing output, or the newest input and the oldest output), or null. */
export function staleReason(root, inputs = BUILD_INPUTS, outputs = BUILD_OUTPUTS) {
  const missing = outputs.find((output) => !existsSync(join(root, output)));
  if (missing) return `${missing} is missing`;
  const built = Math.min(...outputs.map((output) => statSync(join(root, output)).mtimeMs));
  const changed = inputs.find((input) => newestMtime(join(root, input)) > built);
  return changed ? `${changed} changed since the last build` : null;
}

/** Builds when stale, printing one line before and one after (the build's own output only on failure). */
export function buildIfStale(root) {
  const reason = staleReason(root);
  if (!reason) return;
  const t0 = performance.now();
  process.stderr.write(`DL Lab: building (${reason})… `);
  const result = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, encoding: 'utf8' });
  if (result.status !== 0) {
    process.stderr.write('failed:\n');
    process.stderr.write(`${result.stdout}${result.stderr}`);
    process.exit(result.status ?? 1);
  }
  process.stderr.write(`done in ${((performance.now() - t0) / 1000).toFixed(0)} s\n`);
}
