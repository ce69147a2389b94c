// The IPC registration, with a stand-in for Electron's ipcMain (the binary cannot run here): one
// handler per contract method, each refusing a sender that is not the app's own window.
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { describe, expect, it } from 'vitest';
import { LAB_METHODS, channelOf } from '../../src-shared/channels.ts';
import type { LabHandlers } from '../lab/api-handlers.ts';
import { registerLabHandlers } from './ipc.ts';

type Handler = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>;

function fakeIpcMain(): { ipcMain: IpcMain; handlers: Map<string, Handler> } {
  const handlers = new Map<string, Handler>();
  const ipcMain = {
    handle: (channel: string, handler: Handler) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, handler);
    },
    removeHandler: (channel: string) => handlers.delete(channel),
  } as unknown as IpcMain;
  return { ipcMain, handlers };
}

/** Handlers that record their calls instead of touching a lab. */
function recordingHandlers(calls: [string, unknown[]][]): LabHandlers {
  return Object.fromEntries(
    LAB_METHODS.map((method) => [method, async (...args: unknown[]) => (calls.push([method, args]), `${method} ok`)]),
  ) as unknown as LabHandlers;
}

const event = (trusted: boolean) => ({ trusted }) as unknown as IpcMainInvokeEvent;

describe('IPC registration', () => {
  it('registers one channel per contract method and passes the arguments through for the app’s window', async () => {
    const { ipcMain, handlers } = fakeIpcMain();
    const calls: [string, unknown[]][] = [];
    registerLabHandlers(ipcMain, recordingHandlers(calls), (e) => (e as unknown as { trusted: boolean }).trusted);
    expect([...handlers.keys()].sort()).toEqual(LAB_METHODS.map(channelOf).sort());
    expect(await handlers.get(channelOf('getJob'))!(event(true), 7)).toBe('getJob ok');
    expect(calls).toEqual([['getJob', [7]]]);
  });

  it('refuses every call from a sender that is not the app’s own window, before any handler runs', async () => {
    const { ipcMain, handlers } = fakeIpcMain();
    const calls: [string, unknown[]][] = [];
    registerLabHandlers(ipcMain, recordingHandlers(calls), (e) => (e as unknown as { trusted: boolean }).trusted);
    for (const method of LAB_METHODS) {
      await expect(handlers.get(channelOf(method))!(event(false), 1)).rejects.toThrow(
        `lab.${method}: refused a call from an untrusted sender`,
      );
    }
    expect(calls).toEqual([]);
  });

  it('removes its handlers again', () => {
    const { ipcMain, handlers } = fakeIpcMain();
    const unregister = registerLabHandlers(ipcMain, recordingHandlers([]), () => true);
    unregister();
    expect(handlers.size).toBe(0);
  });
});
