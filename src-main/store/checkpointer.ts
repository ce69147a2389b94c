// Starts and stops the store's checkpointer (checkpoint-worker.ts) for a store that writes a lot:
// the lab service while jobs train. It checkpoints often enough that the WAL rarely reaches the
// size at which the store's own connection would checkpoint in its event loop (1000 pages); that
// automatic checkpoint stays on as the backstop (a thread that cannot start, a slow disk, a full
// one: the WAL stays bounded either way).
import { Worker } from 'node:worker_threads';
import { entryUrl } from '../lab/worker-url.ts';
import type { Store } from './store.ts';

export interface Checkpointer {
  /** From now on the thread skips its checkpoints (at once: a shared flag), so that the service's own can run alone. */
  pause(): void;
  stop(): Promise<void>;
}

export function startCheckpointer(store: Store, options: { intervalMs?: number; execArgv?: string[] } = {}): Checkpointer {
  const paused = new SharedArrayBuffer(4);
  const worker = new Worker(entryUrl('checkpoint-worker'), {
    workerData: { file: store.file, intervalMs: options.intervalMs ?? 250, paused },
    execArgv: options.execArgv,
    name: 'dl-lab-checkpointer',
  });
  worker.unref();
  let alive = true;
  const gone = (): void => {
    alive = false;
  };
  worker.on('error', gone);
  worker.on('exit', gone);
  return {
    pause: () => Atomics.store(new Int32Array(paused), 0, 1),
    async stop() {
      if (!alive) return;
      const stopped = new Promise<void>((resolve) => worker.once('message', () => resolve()));
      worker.postMessage('stop');
      await Promise.race([stopped, new Promise((resolve) => setTimeout(resolve, 2000))]);
      await worker.terminate();
    },
  };
}
