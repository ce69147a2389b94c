// `npm start`: build when the sources are newer than out/, then launch the app in Electron.
// Where the Electron binary is missing and cannot be downloaded, say so in one line.
import { spawnSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { findElectronBinary, electronPackageDir } from './electron-binary.mjs';

const root = join(import.meta.dirname, '..');
const newest = (dir) => {
  let latest = 0;
  for (const entry of readdirSync(join(root, dir), { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) latest = Math.max(latest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return latest;
};
const built = join(root, 'out/main/index.js');
const stale = !existsSync(built) || Math.max(newest('src-main'), newest('src-worker'), newest('src-renderer')) > statSync(built).mtimeMs;
if (stale) {
  const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

let binary = findElectronBinary();
if (!binary) {
  // First start on a machine with internet: Electron's own installer fetches the binary once.
  spawnSync(process.execPath, [join(electronPackageDir(), 'install.js')], { stdio: 'ignore' });
  binary = findElectronBinary();
}
if (!binary) {
  console.error('DL Lab: the Electron binary is not installed and could not be downloaded (is this machine offline?).');
  process.exit(1);
}
const child = spawn(binary, [root, ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
