// The store's checkpointer — runs in a worker thread of the host process, on a connection of its
// own. In WAL mode every commit appends to the -wal file; a checkpoint copies those pages into the
// database and syncs it to disk, which on a slow disk took up to a third of a second. Run by the
// committing connection (SQLite's default), that stalled the lab service's event loop while jobs
// trained; here it runs beside it, a PASSIVE checkpoint every interval (never waiting for a lock,
// never blocking a writer), and one more when asked to stop.
//   workerData: { file: string; intervalMs: number }
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from './sqlite.ts';

const { file, intervalMs } = workerData as { file: string; intervalMs: number };
const db = openDatabase(file, { fileMustExist: true, timeout: 0 });

function checkpoint(): void {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
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
