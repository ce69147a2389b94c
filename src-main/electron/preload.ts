// The preload — runs in the RENDERER process, sandboxed, with contextIsolation (built to
// out/preload/index.cjs), and exposes exactly the api.ts contract as `window.lab`: named methods
// over ipcRenderer.invoke, never ipcRenderer itself.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { LabApi, LabEvent } from '../../src-shared/api.ts';
import { EVENT_CHANNEL, LAB_METHODS, channelOf } from '../../src-shared/channels.ts';
import { remoteErrorText } from '../../src-shared/outcome.ts';

const lab = {
  getAppInfo: () => ipcRenderer.invoke(channelOf('getAppInfo')),
  startJob: (request) => ipcRenderer.invoke(channelOf('startJob'), request),
  cancelJob: (jobId) => ipcRenderer.invoke(channelOf('cancelJob'), jobId),
  listJobs: (query) => ipcRenderer.invoke(channelOf('listJobs'), query),
  getJob: (jobId, page) => ipcRenderer.invoke(channelOf('getJob'), jobId, page),
  activeJobs: () => ipcRenderer.invoke(channelOf('activeJobs')),
  deleteJob: (jobId) => ipcRenderer.invoke(channelOf('deleteJob'), jobId),
  renameJob: (jobId, name) => ipcRenderer.invoke(channelOf('renameJob'), jobId, name),
  setJobNotes: (jobId, notes) => ipcRenderer.invoke(channelOf('setJobNotes'), jobId, notes),
  setJobTags: (jobId, tags) => ipcRenderer.invoke(channelOf('setJobTags'), jobId, tags),
  queryJobs: (query) => ipcRenderer.invoke(channelOf('queryJobs'), query),
  queryRuns: (query) => ipcRenderer.invoke(channelOf('queryRuns'), query),
  getRuns: (runIds) => ipcRenderer.invoke(channelOf('getRuns'), runIds),
  exportJob: (jobId, format) => ipcRenderer.invoke(channelOf('exportJob'), jobId, format),
  exportSelection: (runIds, format) => ipcRenderer.invoke(channelOf('exportSelection'), runIds, format),
  importJob: (text) => ipcRenderer.invoke(channelOf('importJob'), text),
  jobExtras: (jobId) => ipcRenderer.invoke(channelOf('jobExtras'), jobId),
  getXray: (jobId) => ipcRenderer.invoke(channelOf('getXray'), jobId),
  inspectJob: (jobId) => ipcRenderer.invoke(channelOf('inspectJob'), jobId),
  predictDigit: (jobId, pixels) => ipcRenderer.invoke(channelOf('predictDigit'), jobId, pixels),
  testImages: (indices) => ipcRenderer.invoke(channelOf('testImages'), indices),
  onEvent(listener) {
    const handler = (_event: IpcRendererEvent, payload: LabEvent) => listener(payload);
    ipcRenderer.on(EVENT_CHANNEL, handler);
    return () => ipcRenderer.off(EVENT_CHANNEL, handler);
  },
} satisfies LabApi;

// Electron rejects a failed call with "Error invoking remote method 'lab:x': Error: <message>": the
// page gets the message alone, as main's handlers worded it (src-main/lab/api-handlers.ts).
for (const method of LAB_METHODS) {
  const invoke = lab[method] as (...args: unknown[]) => Promise<unknown>;
  (lab as Record<string, unknown>)[method] = (...args: unknown[]) =>
    invoke(...args).catch((error: unknown) => {
      throw new Error(remoteErrorText(error instanceof Error ? error.message : String(error)));
    });
}

contextBridge.exposeInMainWorld('lab', lab);
