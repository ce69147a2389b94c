// The store's checkpointer — runs in a worker thread of the host process, on a connection of its
// own. In WAL mode every commit appends to the -wal file; a checkpoint copies those pages into the
// database and syncs it to disk, which on a slow disk took up to a third of a second. Run by the
// committing connection (SQLite's default), that stalled the lab service's event loop while jobs
// trained; here it runs beside it, a PASSIVE checkpoint every interval (never waiting for a lock,
// never blocking a writer), and one more when asked to stop — so that the WAL seldom grows to the
// size at which the service's own connection checkpoints.
//   workerData: { file: string; intervalMs: number; paused: SharedArrayBuffer (Int32: 1 = skip) }
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from './sqlite.ts';

const { file, intervalMs, paused } = workerData as { file: string; intervalMs: number; paused: SharedArrayBuffer };
const pausedFlag = new Int32Array(paused);
const db = openDatabase(file, { fileMustExist: true, timeout: 0 });
// One statement for the thread's life, not one per checkpoint: fewer native wrappers for the
// garbage collector to finalize, here and in the thread's teardown.
const passive = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');

function checkpoint(): void {
  if (Atomics.load(pausedFlag, 0) !== 0) return; // the service is checkpointing itself (a full disk)
  try {
    passive.get();
  } catch {
    // Busy or full: the next interval tries again; the -wal file keeps every page meanwhile.
  }
}

const timer = setInterval(checkpoint, intervalMs);
parentPort!.on('message', (message: unknown) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort!.postMessage('stopped');
});
