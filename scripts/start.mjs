// `npm start`: build (quietly) when a source is newer than out/, then launch the app in Electron.
// Where the Electron binary is missing and cannot be downloaded, say so in one line.
import { spawnSync, spawn } from 'node:child_process';
import { join } from 'node:path';
import { buildIfStale } from './build-if-stale.mjs';
import checkNode from './check-node.cjs';
import { findElectronBinary, electronPackageDir } from './electron-binary.mjs';

checkNode.requireNode('npm start');
const root = join(import.meta.dirname, '..');
buildIfStale(root);

let binary = findElectronBinary();
if (!binary) {
  // First start on a machine with internet: Electron's own installer fetches the binary once.
  spawnSync(process.execPath, [join(electronPackageDir(), 'install.js')], { stdio: 'ignore' });
  binary = findElectronBinary();
}
if (!binary) {
  console.error(
    'DL Lab: the Electron binary is not installed and could not be downloaded (is this machine offline?); ' +
      '`npm run web` runs the same app in your browser.',
  );
  process.exit(1);
}
const child = spawn(binary, [root, ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
