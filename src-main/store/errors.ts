// Errors a user may see when the database cannot be opened. Their messages name the file and say
// what happened to it, because they end up in a dialog or on the CLI's stderr.

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
