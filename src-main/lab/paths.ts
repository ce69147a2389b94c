// Where DL Lab keeps its data: the same per-user folder for the desktop app and the CLI, following
// Electron's `userData` convention (appData/<app name>), e.g. ~/.config/dl-lab on Linux.
import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_DIR_NAME = 'dl-lab';
export const DB_FILE_NAME = 'lab.sqlite';

/** Electron's `appData` for this platform, computed without Electron (the CLI has none). */
export function appDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return env.APPDATA ?? join(homedir(), 'AppData', 'Roaming');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support');
  return env.XDG_CONFIG_HOME || join(homedir(), '.config');
}

export function userDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  return join(appDataDir(env, platform), APP_DIR_NAME);
}

export function defaultDbPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.DL_LAB_DB || join(userDataDir(env), DB_FILE_NAME);
}
