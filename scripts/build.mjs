// `npm run build`: the WASM kernels, then electron-vite's build of main, preload and renderer — quietly:
// one line when it is done, the full log (vite's chunk list) only with --verbose or when it fails.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const verbose = process.argv.includes('--verbose');
const started = performance.now();

const wasm = spawnSync(process.execPath, [join(root, 'scripts/build-wasm.mjs')], { cwd: root, encoding: 'utf8' });
if (wasm.status !== 0) {
  process.stderr.write(wasm.stdout + wasm.stderr);
  process.exit(wasm.status ?? 1);
}
const cli = join(root, 'node_modules/electron-vite/bin/electron-vite.js');
const args = [cli, 'build', ...(verbose ? [] : ['--logLevel', 'warn'])];
const build = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', stdio: verbose ? 'inherit' : 'pipe' });
if (build.status !== 0) {
  if (!verbose) process.stderr.write((build.stdout ?? '') + (build.stderr ?? ''));
  console.error('build: failed');
  process.exit(build.status ?? 1);
}
// Warnings are worth seeing; the list of chunks is not.
const warnings = verbose ? '' : `${build.stdout}${build.stderr}`.trim();
if (warnings) console.error(warnings);
console.log(`build: out/ rebuilt in ${((performance.now() - started) / 1000).toFixed(1)} s (npm run build -- --verbose lists every file)`);
