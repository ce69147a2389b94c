// Finds the Electron executable without triggering Electron's implicit download (requiring the
// `electron` package downloads the binary when it is missing — impossible offline).
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The executable's path, or null when this machine has no Electron binary. */
export function findElectronBinary() {
  const require = createRequire(import.meta.url);
  let pkgDir;
  try {
    pkgDir = dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
  const pathFile = join(pkgDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : 'electron';
  const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH || join(pkgDir, 'dist');
  const binary = join(dist, relative);
  return existsSync(pathFile) || process.env.ELECTRON_OVERRIDE_DIST_PATH ? (existsSync(binary) ? binary : null) : null;
}

export function electronPackageDir() {
  return dirname(createRequire(import.meta.url).resolve('electron/package.json'));
}
