// Main's side of the api.ts contract: one handler per method, arguments arriving as `unknown` (they
// crossed a process boundary) so each handler must validate them, and every message from a sender
// other than our own window's top frame ignored.
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import type { LabApi, LabMethod } from '../api.ts';
import { LAB_METHODS, channelOf } from './channels.ts';

export type LabHandlers = {
  [M in LabMethod]: (...args: unknown[]) => ReturnType<LabApi[M]> | Awaited<ReturnType<LabApi[M]>>;
};

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
