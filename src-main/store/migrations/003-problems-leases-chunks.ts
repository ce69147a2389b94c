// Migration 3: ids are never reused, failures are data, a job's owner holds a lease, and curves
// grow by appending chunks.
//  - jobs and runs get AUTOINCREMENT: delete job 2, run again, and the new job is 3 — exports,
//    links and compare URLs keep naming the job they named. (SQLite cannot add AUTOINCREMENT to a
//    table, so both are rebuilt, with their rows and ids.)
//  - `error` text becomes `problem`, a JSON object (src-shared/outcome.ts) that each screen puts
//    into words in its own language. Old texts are converted: a divergence message into
//    {code: 'diverged', iteration, loss: null}, anything else into {code: 'error', message}.
//  - a job records how many runs its plan has (a very large one's are written in steps).
//  - the owner of a running job is a lease: its pid, the start time of that process (so that a
//    reused pid is not taken for the owner) and a heartbeat deadline it renews while it trains.
//  - curves: a header row per (run, metric) with its length, and the points in chunks appended as
//    they arrive, each with a CRC-32 — bytes written grow with the points, never a rewrite of the
//    whole curve, and a damaged chunk is noticed instead of exported.
import type { Migration } from './migration.ts';

export const migration003: Migration = {
  version: 3,
  sql: `
    CREATE TABLE jobs_v3 (
      id            INTEGER PRIMARY KEY AUTOINCREMENT,
      experiment    TEXT    NOT NULL,
      name          TEXT    NOT NULL DEFAULT '',
      params        TEXT    NOT NULL CHECK (json_valid(params) AND json_type(params) = 'object'),
      seed          INTEGER NOT NULL,
      status        TEXT    NOT NULL CHECK (status IN ('queued', 'running', 'done', 'cancelled', 'failed', 'interrupted')),
      problem       TEXT    CHECK (problem IS NULL OR (json_valid(problem) AND json_type(problem) = 'object')),
      created_at    INTEGER NOT NULL,
      started_at    INTEGER,
      finished_at   INTEGER,
      duration_ms   INTEGER,
      notes         TEXT    NOT NULL DEFAULT '',
      tags          TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(tags) AND json_type(tags) = 'array'),
      imported_at   INTEGER,
      -- The lease of the process training it (NULL once it ended): pid, that process's start time
      -- (an opaque number from the OS; NULL where unknown) and the heartbeat deadline in ms.
      owner_pid     INTEGER,
      owner_started INTEGER,
      lease_until   INTEGER,
      -- Runs its plan has in all: a very large job's runs are written in steps, and one stopped
      -- (or killed) while being prepared has fewer.
      planned_runs  INTEGER NOT NULL DEFAULT 0
    ) STRICT;
    INSERT INTO jobs_v3 (id, experiment, name, params, seed, status, problem, created_at, started_at, finished_at,
                         duration_ms, notes, tags, imported_at, owner_pid, owner_started, lease_until, planned_runs)
      SELECT id, experiment, name, params, seed, status,
             CASE
               WHEN error IS NULL THEN NULL
               WHEN error GLOB '[0-9]* of [0-9]* runs failed: *' THEN json_object(
                 'code', 'runs-failed',
                 'failed', CAST(substr(error, 1, instr(error, ' of ') - 1) AS INTEGER),
                 'total', CAST(substr(error, instr(error, ' of ') + 4) AS INTEGER),
                 'first', json_object('code', 'error', 'message', substr(error, instr(error, 'runs failed: ') + 13, 300)))
               ELSE json_object('code', 'runs-failed', 'failed', 0, 'total', 0,
                                'first', json_object('code', 'error', 'message', substr(error, 1, 300)))
             END,
             created_at, started_at, finished_at, duration_ms, notes, tags, imported_at,
             owner_pid, NULL, CASE WHEN status IN ('queued', 'running') THEN 0 END,
             (SELECT count(*) FROM runs WHERE runs.job_id = jobs.id)
      FROM jobs;

    CREATE TABLE runs_v3 (
      id          INTEGER PRIMARY KEY AUTOINCREMENT,
      job_id      INTEGER NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
      idx         INTEGER NOT NULL,
      label       TEXT    NOT NULL,
      params      TEXT    NOT NULL CHECK (json_valid(params) AND json_type(params) = 'object'),
      status      TEXT    NOT NULL CHECK (status IN ('queued', 'running', 'done', 'cancelled', 'failed', 'diverged', 'interrupted')),
      problem     TEXT    CHECK (problem IS NULL OR (json_valid(problem) AND json_type(problem) = 'object')),
      -- metric -> number; non-finite values are stored as null (JSON has no NaN).
      final       TEXT    NOT NULL DEFAULT '{}' CHECK (json_valid(final) AND json_type(final) = 'object'),
      started_at  INTEGER,
      finished_at INTEGER
    ) STRICT;
    INSERT INTO runs_v3 (id, job_id, idx, label, params, status, problem, final, started_at, finished_at)
      SELECT id, job_id, idx, label, params, status,
             CASE
               WHEN error IS NULL THEN NULL
               WHEN error GLOB 'loss became * at iteration [0-9]*; training stopped*' THEN json_object(
                 'code', 'diverged',
                 'iteration', CAST(substr(error, instr(error, ' at iteration ') + 14) AS INTEGER),
                 'loss', NULL)
               ELSE json_object('code', 'error', 'message',
                                substr(error, 1, min(300, CASE WHEN instr(error, char(10)) > 0 THEN instr(error, char(10)) - 1 ELSE length(error) END)))
             END,
             final, started_at, finished_at
      FROM runs;

    CREATE TABLE curves_v3 (
      run_id  INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
      metric  TEXT    NOT NULL,
      x_kind  TEXT    NOT NULL CHECK (x_kind IN ('iteration', 'epoch', 'step', 'bin')),
      -- Points over all its chunks: what a reader must find, or the curve is damaged.
      length  INTEGER NOT NULL CHECK (length >= 0),
      PRIMARY KEY (run_id, metric)
    ) STRICT;
    CREATE TABLE curve_chunks (
      run_id  INTEGER NOT NULL,
      metric  TEXT    NOT NULL,
      -- Index of the chunk's first point; chunks of a curve tile [0, length) in order.
      start   INTEGER NOT NULL CHECK (start >= 0),
      points  BLOB    NOT NULL CHECK (length(points) % 4 = 0),  -- little-endian float32 values
      crc     INTEGER NOT NULL,  -- CRC-32 of points
      PRIMARY KEY (run_id, metric, start),
      FOREIGN KEY (run_id, metric) REFERENCES curves (run_id, metric) ON DELETE CASCADE
    ) STRICT, WITHOUT ROWID;
    INSERT INTO curves_v3 (run_id, metric, x_kind, length) SELECT run_id, metric, x_kind, length FROM curves;
    INSERT INTO curve_chunks (run_id, metric, start, points, crc)
      SELECT run_id, metric, 0, points, dl_crc32(points) FROM curves WHERE length > 0;

    DROP TABLE curves;
    DROP TABLE runs;
    DROP TABLE jobs;
    ALTER TABLE jobs_v3 RENAME TO jobs;
    ALTER TABLE runs_v3 RENAME TO runs;
    ALTER TABLE curves_v3 RENAME TO curves;

    CREATE INDEX jobs_by_created    ON jobs (created_at DESC, id DESC);
    CREATE INDEX jobs_by_experiment ON jobs (experiment, created_at DESC, id DESC);
    CREATE INDEX jobs_by_status     ON jobs (status, created_at DESC, id DESC);
    CREATE UNIQUE INDEX runs_by_job ON runs (job_id, idx);
    CREATE INDEX runs_by_status     ON runs (status, job_id);
  `,
};
