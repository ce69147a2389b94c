// THE contract between the renderer and main — types only. The preload implements it over
// ipcRenderer.invoke (src-main/preload.ts), main registers one validated handler per method
// (src-main/ipc/), and the renderer sees only `window.lab`. Nothing here may import Node or
// Electron: the renderer's tsconfig includes this file.

export interface AppInfo {
  name: string;
  version: string;
  /** Versions of the runtime hosting the lab service (Electron, Node, Chromium). */
  versions: Record<string, string>;
  /** Folder holding the database (Electron's userData). */
  dataDir: string;
}

/** Every method the renderer may call. Arguments cross a process boundary: main validates each. */
export interface LabApi {
  getAppInfo(): Promise<AppInfo>;
}

export type LabMethod = keyof LabApi;

declare global {
  interface Window {
    lab: LabApi;
  }
}
