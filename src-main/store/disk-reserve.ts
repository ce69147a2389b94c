// A little disk space set aside beside the database while jobs train. When the disk fills up, the
// pages the last commits appended to the WAL cannot be moved into the database (it would have to
// grow), so the WAL cannot be emptied and not even a job's final status fits. Deleting the reserve
// gives those few hundred kilobytes back at that moment: the checkpoint completes, the WAL empties,
// and the job is recorded as failed ("the disk is full") with everything it wrote.
import { closeSync, openSync, rmSync, statfsSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export const RESERVE_BYTES = 1024 * 1024;

export interface DiskReserve {
  /** Frees the space (once); true when there was some to free. */
  release(): boolean;
}

/** Writes the reserve file beside `dbFile` — unless the disk has less than twice its size free, where it would only take the room the jobs need. */
export function holdDiskReserve(dbFile: string, bytes = RESERVE_BYTES): DiskReserve {
  const file = `${resolve(dbFile)}-reserve`;
  let held = false;
  try {
    const { bavail, bsize } = statfsSync(dirname(file));
    if (bavail * bsize >= 2 * bytes) {
      const fd = openSync(file, 'w');
      try {
        // Real bytes, not a sparse file: the space must be taken to be given back.
        const block = Buffer.alloc(64 * 1024, 0x44);
        for (let written = 0; written < bytes; written += block.length) writeSync(fd, block);
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
