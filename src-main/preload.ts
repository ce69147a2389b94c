// The preload: runs sandboxed in the renderer with contextIsolation, and exposes exactly the
// api.ts contract as `window.lab` — named methods over ipcRenderer.invoke, never ipcRenderer itself.
import { contextBridge, ipcRenderer } from 'electron';
import type { LabApi } from './api.ts';
import { channelOf } from './ipc/channels.ts';

const lab = {
  getAppInfo: () => ipcRenderer.invoke(channelOf('getAppInfo')),
} satisfies LabApi;

contextBridge.exposeInMainWorld('lab', lab);
