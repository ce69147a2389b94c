// The schema as data: an ordered list of migrations, Signal-Desktop style. Pending ones run in ONE
// transaction and `user_version` is set at its end, so a database is always at exactly one version.
// Never edit a released migration: add the next one.
import { StoreVersionError } from './errors.ts';
import type { Database } from './sqlite.ts';
import { JOB_STATUSES, RUN_STATUSES, X_KINDS } from './types.ts';

export interface Migration {
  version: number;
  update(db: Database): void;
}

/** `PRAGMA application_id`: marks the file as DL Lab's, so another app's SQLite file is not taken over. */
export const APPLICATION_ID = 0x444c4c62; // 'DLLb'

const sqlList = (values: readonly string[]): string => values.map((v) => `'${v}'`).join(', ');

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    update(db) {
      db.pragma(`application_id = ${APPLICATION_ID}`);
      db.exec(`
        -- One launch of an experiment.
        CREATE TABLE jobs (
          id          INTEGER PRIMARY KEY,
          experiment  TEXT    NOT NULL,
          name        TEXT    NOT NULL DEFAULT '',
          params      TEXT    NOT NULL CHECK (json_valid(params) AND json_type(params) = 'object'),
          seed        INTEGER NOT NULL,
          status      TEXT    NOT NULL CHECK (status IN (${sqlList(JOB_STATUSES)})),
          error       TEXT,
          created_at  INTEGER NOT NULL,
          started_at  INTEGER,
          finished_at INTEGER,
          duration_ms INTEGER,
          notes       TEXT    NOT NULL DEFAULT '',
          tags        TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(tags) AND json_type(tags) = 'array'),
          -- The process training it: the desktop app and the CLI share this file, so a job is only
          -- taken for interrupted at open when the process that ran it is gone.
          owner_pid   INTEGER
        ) STRICT;
        -- Newest first, overall and within an experiment or a status (the history list and its filters).
        CREATE INDEX jobs_by_created    ON jobs (created_at DESC, id DESC);
        CREATE INDEX jobs_by_experiment ON jobs (experiment, created_at DESC, id DESC);
        CREATE INDEX jobs_by_status     ON jobs (status, created_at DESC, id DESC);

        -- One trained network (or one path / histogram set) of a job.
        CREATE TABLE runs (
          id          INTEGER PRIMARY KEY,
          job_id      INTEGER NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
          idx         INTEGER NOT NULL,
          label       TEXT    NOT NULL,
          params      TEXT    NOT NULL CHECK (json_valid(params) AND json_type(params) = 'object'),
          status      TEXT    NOT NULL CHECK (status IN (${sqlList(RUN_STATUSES)})),
          error       TEXT,
          -- metric -> number; non-finite values are stored as null (JSON has no NaN).
          final       TEXT    NOT NULL DEFAULT '{}' CHECK (json_valid(final) AND json_type(final) = 'object'),
          started_at  INTEGER,
          finished_at INTEGER
        ) STRICT;
        -- Also the index on job_id: the runs of a job, in order (and the ON DELETE CASCADE lookup).
        CREATE UNIQUE INDEX runs_by_job ON runs (job_id, idx);
        -- Searching across all runs (thousands after a few hyperparameter searches) by status.
        CREATE INDEX runs_by_status ON runs (status, job_id);

        -- Whole curves, one row per (run, metric), rewritten as they grow.
        CREATE TABLE curves (
          run_id  INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
          metric  TEXT    NOT NULL,
          x_kind  TEXT    NOT NULL CHECK (x_kind IN (${sqlList(X_KINDS)})),
          points  BLOB    NOT NULL,  -- little-endian float32 values
          length  INTEGER NOT NULL CHECK (length(points) = 4 * length),
          PRIMARY KEY (run_id, metric)
        ) STRICT;
      `);
    },
  },
  {
    version: 2,
    update(db) {
      db.exec(`
        -- When a job came in from a JSON export (a classmate's result); NULL for jobs trained here.
        ALTER TABLE jobs ADD COLUMN imported_at INTEGER;
      `);
    },
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

export function readSchemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the database to the latest version. Runs under BEGIN IMMEDIATE and re-reads the version
 * inside, so two processes opening a new file at once do not both migrate it.
 */
export function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS): { from: number; to: number } {
  const latest = migrations[migrations.length - 1].version;
  return db
    .transaction(() => {
      const from = readSchemaVersion(db);
      if (from > latest) throw new StoreVersionError(db.name, from, latest);
      for (const migration of migrations) {
        if (migration.version > from) migration.update(db);
      }
      if (latest > from) db.pragma(`user_version = ${latest}`);
      return { from, to: latest };
    })
    .immediate();
}
