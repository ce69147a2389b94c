// Migration 1, as released: jobs, their runs and whole-curve BLOBs. Frozen: never edit a released
// migration — the status lists are written out here on purpose, not built from today's constants.
import type { Migration } from './migration.ts';

export const migration001: Migration = {
  version: 1,
  sql: `
    -- Marks the file as DL Lab's ('DLLb'), so that another application's SQLite file is never taken over.
    PRAGMA application_id = 1145850978;

    -- One launch of an experiment.
    CREATE TABLE jobs (
      id          INTEGER PRIMARY KEY,
      experiment  TEXT    NOT NULL,
      name        TEXT    NOT NULL DEFAULT '',
      params      TEXT    NOT NULL CHECK (json_valid(params) AND json_type(params) = 'object'),
      seed        INTEGER NOT NULL,
      status      TEXT    NOT NULL CHECK (status IN ('queued', 'running', 'done', 'cancelled', 'failed', 'interrupted')),
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
      status      TEXT    NOT NULL CHECK (status IN ('queued', 'running', 'done', 'cancelled', 'failed', 'diverged', 'interrupted')),
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
      x_kind  TEXT    NOT NULL CHECK (x_kind IN ('iteration', 'epoch', 'step', 'bin')),
      points  BLOB    NOT NULL,  -- little-endian float32 values
      length  INTEGER NOT NULL CHECK (length(points) = 4 * length),
      PRIMARY KEY (run_id, metric)
    ) STRICT;
  `,
};
