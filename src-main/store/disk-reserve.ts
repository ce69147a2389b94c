// A little disk space set aside beside the database while jobs train. When the disk fills up, the
// pages the last commits appended to the WAL cannot be moved into the database (it would have to
// grow), so the WAL cannot be emptied and not even a job's final status fits. Deleting the reserve
// gives that space back at that moment: the checkpoint completes, the WAL empties,
// and the job is recorded as failed ("the disk is full") with everything it wrote.
import { closeSync, openSync, rmSync, statfsSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export const RESERVE_BYTES = 1024 * 1024;

export interface DiskReserve {
  /** Frees the space (once); true when there was some to free. */
  release(): boolean;
}

/**
 * Writes the reserve file beside `dbFile`: `bytes`, or half of the free space where that is less
 * than twice `bytes` (a nearly full disk needs the reserve most; the other half is the jobs' room).
 */
export function holdDiskReserve(dbFile: string, bytes = RESERVE_BYTES): DiskReserve {
  const file = `${resolve(dbFile)}-reserve`;
  let held = false;
  try {
    const { bavail, bsize } = statfsSync(dirname(file));
    const block = Buffer.alloc(16 * 1024, 0x44);
    const size = Math.min(bytes, Math.floor((bavail * bsize) / 2 / block.length) * block.length);
    if (size > 0) {
      const fd = openSync(file, 'w');
      try {
        // Real bytes, not a sparse file: the space must be taken to be given back.
        for (let written = 0; written < size; written += block.length) writeSync(fd, block);
        held = true;
      } finally {
        closeSync(fd);
      }
    }
  } catch {
    rmSync(file, { force: true }); // no room even for the reserve: nothing held
  }
  return {
    release() {
      if (!held) return false;
      held = false;
      rmSync(file, { force: true });
      return true;
    },
  };
}
