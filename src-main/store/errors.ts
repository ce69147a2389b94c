// Errors a user may see when the database cannot be opened. Their messages name the file and say
// what happened to it, because they end up in a dialog or on the CLI's stderr.
import { statfsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { StoreFault } from '../../src-shared/outcome.ts';

/** The file was written by a newer DL Lab: opening it could corrupt data this version does not understand. */
export class StoreVersionError extends Error {
  override name = 'StoreVersionError';
  readonly file: string;
  readonly found: number;
  readonly known: number;

  constructor(file: string, found: number, known: number) {
    super(
      `${file} was written by a newer version of DL Lab (schema ${found}, this version knows up to ${known}); ` +
        'nothing was changed. Update DL Lab to open it.',
    );
    this.file = file;
    this.found = found;
    this.known = known;
  }
}

/** The file cannot be used as a DL Lab database: missing, unreadable, not SQLite, or another app's. */
export class StoreFileError extends Error {
  override name = 'StoreFileError';
  readonly file: string;

  constructor(file: string, reason: string, options?: { cause?: unknown }) {
    super(`${file} ${reason}`, options);
    this.file = file;
  }
}

export type { StoreFault } from '../../src-shared/outcome.ts';

/** A write the database refused; `fault` says why, the message says it with the file's name. */
export class StoreWriteError extends Error {
  override name = 'StoreWriteError';
  readonly file: string;
  readonly fault: StoreFault;

  constructor(file: string, fault: StoreFault, options?: { cause?: unknown }) {
    super(`${file}: ${FAULT_TEXT[fault]}`, options);
    this.file = file;
    this.fault = fault;
  }
}

const FAULT_TEXT: Record<StoreFault, string> = {
  busy: 'another process kept the database locked for too long; try again',
  full: 'the disk is full; free some space (what was written so far is kept)',
  readonly: 'the database is read-only here; it can be listed, shown and exported, but not changed',
  damaged: 'the database file is damaged (SQLite found corrupt pages); export what you can and start a new file with --db',
  io: 'the disk reported an I/O error while writing',
};

/** A SQLite error as a StoreWriteError when it is one of the faults a user can act on, else as it was. */
export function explainSqliteError(file: string, error: Error & { code: string }): Error {
  const code = error.code;
  const fault: StoreFault | null =
    code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')
      ? 'busy'
      : code === 'SQLITE_FULL'
        ? 'full'
        : code.startsWith('SQLITE_READONLY') || code === 'SQLITE_CANTOPEN' || code === 'SQLITE_PERM'
          ? 'readonly'
          : code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB'
            ? 'damaged'
            : code.startsWith('SQLITE_IOERR')
              ? // A full disk can also surface as an I/O error (growing the -shm file, say): ask the disk.
                diskNearlyFull(file)
                ? 'full'
                : 'io'
              : null;
  return fault === null ? error : new StoreWriteError(file, fault, { cause: error });
}

function diskNearlyFull(file: string): boolean {
  try {
    const { bavail, bsize } = statfsSync(dirname(resolve(file)));
    return bavail * bsize < 1024 * 1024;
  } catch {
    return false;
  }
}
