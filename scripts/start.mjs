// `npm start`: launch the app in Electron, building first when the sources are newer than out/.
// Where the Electron binary is missing and cannot be downloaded, say so in one line (before any
// build) and name `npm run web`, which serves the same app to a browser.
import { spawnSync, spawn } from 'node:child_process';
import { join } from 'node:path';
import { findElectronBinary, electronPackageDir } from './electron-binary.mjs';
import { staleReason } from './stale.mjs';

const root = join(import.meta.dirname, '..');

let binary = findElectronBinary();
if (!binary) {
  // First start on a machine with internet: Electron's own installer fetches the binary once.
  spawnSync(process.execPath, [join(electronPackageDir(), 'install.js')], { stdio: 'ignore' });
  binary = findElectronBinary();
}
if (!binary) {
  console.error(
    'DL Lab: the Electron binary is not installed and could not be downloaded (is this machine offline?); `npm run web` serves the same app to a browser.',
  );
  process.exit(1);
}

const reason = staleReason(root);
if (reason) {
  console.log(`start: building (${reason})`);
  const build = spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const child = spawn(binary, [root, ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
