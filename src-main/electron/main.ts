// Electron main process: app lifecycle, the one hardened window, and the IPC handlers. Everything
// else (lab service, store, workers) is host-agnostic and lives in src-main/lab and src-main/store;
// only this folder imports Electron.
import { app, BrowserWindow, dialog, ipcMain, protocol, session, shell, type DownloadItem, type WebContents } from 'electron';
import { readFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { contentSecurityPolicy } from '../../src-shared/csp.ts';
import { createLabHandlers } from '../lab/api-handlers.ts';
import { LabService } from '../lab/lab-service.ts';
import { mimeType, rendererFile } from '../renderer-files.ts';
import { APP_DIR_NAME, DB_FILE_NAME } from '../lab/paths.ts';
import { StoreWriteError } from '../store/errors.ts';
import { forwardLabEvents, registerLabHandlers } from './ipc.ts';

// The renderer is served from a custom privileged scheme rather than file://, so that the CSP's
// 'self' means exactly our bundled files and nothing else on disk.
const SCHEME = 'app';
const ORIGIN = `${SCHEME}://dl-lab`;
const rendererDir = join(import.meta.dirname, '../renderer');

const CONTENT_SECURITY_POLICY = contentSecurityPolicy('electron');

/** The only hosts an https link in the app may open, in the user's browser. */
const EXTERNAL_HOSTS = new Set(['github.com', 'www.electronjs.org', 'www.oreilly.co.jp', 'www.hanbit.co.kr']);

protocol.registerSchemesAsPrivileged([{ scheme: SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
// Same folder as the CLI's default (~/.config/dl-lab on Linux), whatever productName says.
app.setPath('userData', join(app.getPath('appData'), APP_DIR_NAME));
app.enableSandbox();

let mainWindow: BrowserWindow | null = null;
let lab: LabService | null = null;

function serveRenderer(): void {
  protocol.handle(SCHEME, (request) => {
    const url = new URL(request.url);
    let path: string | null = null;
    try {
      path = url.host === 'dl-lab' ? rendererFile(rendererDir, decodeURIComponent(url.pathname)) : null;
    } catch {
      // A malformed escape in the address: not one of our files.
    }
    if (path === null) return new Response('Not found', { status: 404 });
    // Read straight from disk: net.fetch(file://) would pass through the session's request filter,
    // which blocks everything that is not app://, and the window must not depend on that ordering.
    return readFile(path).then(
      (body) =>
        new Response(body, {
          status: 200,
          headers: {
            'Content-Type': mimeType(path),
            'Content-Security-Policy': CONTENT_SECURITY_POLICY,
          },
        }),
      () => new Response('Not found', { status: 404 }),
    );
  });
}

function hardenSession(): void {
  // No permission (camera, notifications, …) is ever needed; no remote content is ever loaded.
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  session.defaultSession.webRequest.onBeforeRequest((details, callback) => {
    const allowed =
      details.url.startsWith(`${ORIGIN}/`) ||
      details.url.startsWith(`blob:${ORIGIN}/`) || // exports the page saves (CSV, JSON, PNG)
      details.url.startsWith('devtools://') ||
      details.url.startsWith('data:');
    callback({ cancel: !allowed });
  });
  session.defaultSession.on('will-download', (_event, item, contents) => saveDownload(item, contents));
}

const SAVE_FILTERS: Record<string, { name: string; extensions: string[] }> = {
  '.csv': { name: 'CSV', extensions: ['csv'] },
  '.json': { name: 'JSON', extensions: ['json'] },
  '.png': { name: 'PNG', extensions: ['png'] },
};

/**
 * The renderer saves exports as downloads of blob: URLs it made itself (`<a download>`), which works
 * the same in the web test host. Here each one gets the native save dialog, opened in the Downloads
 * folder with the suggested name; anything not from our own window's blobs is cancelled.
 */
function saveDownload(item: DownloadItem, contents: WebContents | undefined): void {
  if (!mainWindow || contents !== mainWindow.webContents || !item.getURL().startsWith(`blob:${ORIGIN}/`)) {
    item.cancel();
    return;
  }
  const name = basename(item.getFilename() || 'dl-lab-export');
  const filter = SAVE_FILTERS[extname(name).toLowerCase()];
  item.setSaveDialogOptions({
    title: 'DL Lab',
    defaultPath: join(app.getPath('downloads'), name),
    filters: filter ? [filter, { name: '*', extensions: ['*'] }] : [],
  });
}

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 860,
    minWidth: 900,
    minHeight: 600,
    title: 'DL Lab',
    show: false,
    webPreferences: {
      // Reviewed (Electronegativity PRELOAD_JS_CHECK): the preload is ours, bundled with the app, and
      // exposes only the api.ts methods by name through contextBridge — never ipcRenderer itself.
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      // No DevTools in an installed build; a developer's `npm start` keeps them.
      devTools: !app.isPackaged,
      // A middle click would otherwise open a link in a new window, around setWindowOpenHandler.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  window.once('ready-to-show', () => window.show());
  // Navigation and new windows are denied; a link to a known documentation host opens in the user's browser.
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  window.webContents.setWindowOpenHandler(({ url }) => {
    // Reviewed (Electronegativity OPEN_EXTERNAL_JS_CHECK): only https links to EXTERNAL_HOSTS.
    if (isExternalDoc(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  void window.loadURL(`${ORIGIN}/index.html`);
  return window;
}

function isExternalDoc(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && EXTERNAL_HOSTS.has(parsed.hostname);
  } catch {
    return false;
  }
}

function isOwnWindow(event: Electron.IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  return (
    mainWindow !== null &&
    event.sender === mainWindow.webContents &&
    frame !== null &&
    frame === mainWindow.webContents.mainFrame &&
    frame.url.startsWith(`${ORIGIN}/`)
  );
}

/**
 * The lab on the user's database; read-only when the file cannot be written (the history stays
 * browsable). A file DL Lab cannot use at all (from a newer version, another app's) is explained in
 * a dialog, and the app quits without touching it.
 */
function openLab(dbPath: string): LabService | null {
  try {
    return new LabService({ dbPath });
  } catch (error) {
    if (error instanceof StoreWriteError && error.fault === 'readonly') {
      try {
        return new LabService({ dbPath, readonly: true });
      } catch {
        // Fall through to the dialog with the first reason.
      }
    }
    dialog.showErrorBox('DL Lab', error instanceof Error ? error.message : String(error));
    return null;
  }
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
  });
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });

  void app.whenReady().then(() => {
    serveRenderer();
    hardenSession();
    // The worker pool and the database live here, in main; the window only talks to them over IPC.
    lab = openLab(join(app.getPath('userData'), DB_FILE_NAME));
    if (!lab) {
      app.quit();
      return;
    }
    void lab.warmUp();
    const handlers = createLabHandlers(lab, () => ({
      name: 'DL Lab',
      version: app.getVersion(),
      versions: { electron: process.versions.electron ?? '', node: process.versions.node, chrome: process.versions.chrome ?? '' },
      dataDir: app.getPath('userData'),
    }));
    registerLabHandlers(ipcMain, handlers, isOwnWindow);
    forwardLabEvents(lab, () => mainWindow?.webContents ?? null);
    mainWindow = createWindow();
    mainWindow.on('closed', () => (mainWindow = null));
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) mainWindow = createWindow();
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  // Close cleanly: cancel running jobs (their points are kept), stop the workers, close SQLite.
  let closing = false;
  app.on('will-quit', (event) => {
    if (closing || !lab) return;
    closing = true;
    event.preventDefault();
    void lab.close().finally(() => app.quit());
  });
}
