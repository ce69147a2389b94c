// Starts and stops the store's checkpointer (checkpoint-worker.ts) for a store that writes a lot:
// the lab service while jobs train. While it runs, the store's own connection does not checkpoint.
import { Worker } from 'node:worker_threads';
import { entryUrl } from '../lab/worker-url.ts';
import type { Store } from './store.ts';

export interface Checkpointer {
  stop(): Promise<void>;
}

export function startCheckpointer(store: Store, options: { intervalMs?: number; execArgv?: string[] } = {}): Checkpointer {
  const worker = new Worker(entryUrl('checkpoint-worker'), {
    workerData: { file: store.file, intervalMs: options.intervalMs ?? 1000 },
    execArgv: options.execArgv,
    name: 'dl-lab-checkpointer',
  });
  worker.unref();
  let alive = true;
  // If the thread cannot start or dies, SQLite's own checkpoints take over again: nothing is lost.
  const fallBack = (): void => {
    alive = false;
    store.setAutoCheckpoint(true);
  };
  worker.on('error', fallBack);
  worker.on('exit', fallBack);
  store.setAutoCheckpoint(false);
  return {
    async stop() {
      if (!alive) return;
      const stopped = new Promise<void>((resolve) => worker.once('message', () => resolve()));
      worker.postMessage('stop');
      await Promise.race([stopped, new Promise((resolve) => setTimeout(resolve, 2000))]);
      await worker.terminate();
      store.setAutoCheckpoint(true);
    },
  };
}
