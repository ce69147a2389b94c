// Electron's side of the contract: one ipcMain handler per api.ts method, each refusing senders
// other than our own window's top frame, plus lab events forwarded to that window.
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { EVENT_CHANNEL, LAB_METHODS, channelOf } from '../../src-shared/channels.ts';
import type { LabHandlers } from '../lab/api-handlers.ts';
import type { LabService } from '../lab/lab-service.ts';

export function registerLabHandlers(
  ipcMain: IpcMain,
  handlers: LabHandlers,
  isTrustedSender: (event: IpcMainInvokeEvent) => boolean,
): () => void {
  for (const method of LAB_METHODS) {
    ipcMain.handle(channelOf(method), async (event, ...args: unknown[]) => {
      if (!isTrustedSender(event)) throw new Error(`lab.${method}: refused a call from an untrusted sender`);
      return handlers[method](...args);
    });
  }
  return () => LAB_METHODS.forEach((method) => ipcMain.removeHandler(channelOf(method)));
}

/** Sends every lab event to the window while it exists. */
export function forwardLabEvents(service: LabService, target: () => WebContents | null): () => void {
  return service.onEvent((event) => {
    const contents = target();
    if (contents && !contents.isDestroyed()) contents.send(EVENT_CHANNEL, event);
  });
}
