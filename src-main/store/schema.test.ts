import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JOB_STATUSES, RUN_STATUSES, X_KINDS } from '../../src-shared/vocabulary.ts';
import { APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION, migrate, readSchemaVersion, type Migration } from './schema.ts';
import { openDatabase, type Database } from './sqlite.ts';
import { StoreFileError, StoreVersionError, openStore } from './store.ts';
import { useTempFolders } from './test-helpers.ts';

const tempFolder = useTempFolders();

function schemaSql(db: Database): string[] {
  return (db.prepare(`SELECT sql FROM sqlite_schema WHERE sql IS NOT NULL ORDER BY name`).all() as { sql: string }[]).map((row) => row.sql);
}

function withRawDb<T>(file: string, use: (db: Database) => T): T {
  const db = openDatabase(file);
  try {
    return use(db);
  } finally {
    db.close();
  }
}

describe('migrations', () => {
  it('are listed in strictly increasing versions starting at 1', () => {
    expect(MIGRATIONS[0].version).toBe(1);
    for (let i = 1; i < MIGRATIONS.length; i++) expect(MIGRATIONS[i].version).toBeGreaterThan(MIGRATIONS[i - 1].version);
    expect(SCHEMA_VERSION).toBe(MIGRATIONS[MIGRATIONS.length - 1].version);
  });

  it('give a fresh file exactly this schema (pinned: a change to a released migration fails here)', () => {
    const file = join(tempFolder(), 'nested', 'folders', 'lab.sqlite');
    openStore(file).close();
    withRawDb(file, (db) => {
      expect(readSchemaVersion(db)).toBe(5);
      expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      const tables = db
        .prepare(`SELECT name, strict, wr FROM pragma_table_list WHERE schema = 'main' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
        .all();
      expect(tables).toEqual([
        { name: 'curve_chunks', strict: 1, wr: 1 },
        { name: 'curves', strict: 1, wr: 0 },
        { name: 'jobs', strict: 1, wr: 0 },
        { name: 'run_networks', strict: 1, wr: 0 },
        { name: 'run_tensors', strict: 1, wr: 1 },
        { name: 'run_xray', strict: 1, wr: 0 },
        { name: 'run_xray_samples', strict: 1, wr: 0 },
        { name: 'runs', strict: 1, wr: 0 },
      ]);
      expect(schemaSql(db).map(normalize)).toEqual(FRESH_SCHEMA.map(normalize));
      const cascades = db
        .prepare(
          `SELECT 'runs' AS child, "table", on_delete FROM pragma_foreign_key_list('runs')
           UNION ALL SELECT 'curves', "table", on_delete FROM pragma_foreign_key_list('curves')
           UNION ALL SELECT 'curve_chunks', "table", on_delete FROM pragma_foreign_key_list('curve_chunks')
           UNION ALL SELECT 'run_networks', "table", on_delete FROM pragma_foreign_key_list('run_networks')
           UNION ALL SELECT 'run_tensors', "table", on_delete FROM pragma_foreign_key_list('run_tensors')
           UNION ALL SELECT 'run_xray', "table", on_delete FROM pragma_foreign_key_list('run_xray')
           UNION ALL SELECT 'run_xray_samples', "table", on_delete FROM pragma_foreign_key_list('run_xray_samples')`,
        )
        .all();
      expect(cascades).toEqual([
        { child: 'runs', table: 'jobs', on_delete: 'CASCADE' },
        { child: 'curves', table: 'runs', on_delete: 'CASCADE' },
        { child: 'curve_chunks', table: 'curves', on_delete: 'CASCADE' },
        { child: 'curve_chunks', table: 'curves', on_delete: 'CASCADE' },
        { child: 'run_networks', table: 'runs', on_delete: 'CASCADE' },
        { child: 'run_tensors', table: 'run_networks', on_delete: 'CASCADE' },
        { child: 'run_xray', table: 'runs', on_delete: 'CASCADE' },
        { child: 'run_xray_samples', table: 'run_xray', on_delete: 'CASCADE' },
      ]);
    });
  });

  it('write the same status and x-axis lists the app uses (the migrations spell them out; the app must not drift from them)', () => {
    const file = join(tempFolder(), 'lab.sqlite');
    openStore(file).close();
    const sql = withRawDb(file, (db) => schemaSql(db).join('\n'));
    expect(sql).toContain(`status IN (${JOB_STATUSES.map((s) => `'${s}'`).join(', ')})`);
    expect(sql).toContain(`status IN (${RUN_STATUSES.map((s) => `'${s}'`).join(', ')})`);
    expect(sql).toContain(`x_kind IN (${X_KINDS.map((s) => `'${s}'`).join(', ')})`);
  });

  it('upgrade a version-2 database with its history: ids, curves and errors (now problems) all kept', () => {
    const file = join(tempFolder(), 'lab.sqlite');
    withRawDb(file, (db) => {
      migrate(db, MIGRATIONS.slice(0, 2));
      db.exec(`
        INSERT INTO jobs (id, experiment, name, params, seed, status, error, created_at, owner_pid)
          VALUES (5, 'optimizer-compare', 'old', '{"iterations":3}', 7, 'failed', '1 of 2 runs failed: worker exited with code 1', 1000, 4242),
                 (9, 'dropout', '', '{}', 8, 'running', NULL, 2000, 4243);
        INSERT INTO runs (id, job_id, idx, label, params, status, error, final)
          VALUES (11, 5, 0, 'SGD', '{}', 'diverged', 'loss became NaN at iteration 812; training stopped (try a smaller learning rate or weight scale)', '{"loss":null}'),
                 (12, 5, 1, 'Adam', '{}', 'failed', 'worker exited with code 1' || char(10) || '    at stack line', '{}'),
                 (13, 9, 0, 'dropout 0.2', '{}', 'running', NULL, '{}');
        INSERT INTO curves (run_id, metric, x_kind, points, length) VALUES (11, 'loss', 'iteration', X'0000803F00000040', 2);
      `);
    });
    const store = openStore(file);
    const job = store.getJob(5)!;
    expect(job).toMatchObject({ id: 5, name: 'old', status: 'failed', importedAt: null });
    expect(job.problem).toEqual({
      code: 'runs-failed',
      failed: 1,
      total: 2,
      first: { code: 'error', message: 'worker exited with code 1' },
    });
    expect(job.runs.map((r) => [r.id, r.problem])).toEqual([
      [11, { code: 'diverged', iteration: 812, loss: null }],
      [12, { code: 'error', message: 'worker exited with code 1' }],
    ]);
    expect(store.getCurves(11)).toMatchObject([{ metric: 'loss', damage: null, points: Float32Array.from([1, 2]) }]);
    // The job that was running when the old version stopped has no lease: it is interrupted at once.
    expect(store.interruptedAtOpen).toEqual({ jobs: 1, runs: 1 });
    // New ids continue after the old ones and never reuse them.
    const { jobId, runIds } = store.createJob({ experiment: 'dropout', params: {}, seed: 1 }, [{ label: 'x', params: {} }]);
    expect([jobId, runIds[0]]).toEqual([10, 14]);
    store.close();
    withRawDb(file, (db) => expect(db.prepare('SELECT * FROM pragma_foreign_key_check').all()).toEqual([]));
  });

  it('upgrade a version-3 database with its history: its jobs keep their curves and simply have no networks or X-ray', () => {
    const file = join(tempFolder(), 'lab.sqlite');
    withRawDb(file, (db) => {
      db.function('dl_crc32', { deterministic: true }, (_blob: unknown) => 0); // migration 3 calls it (on no rows here)
      migrate(db, MIGRATIONS.slice(0, 3));
      db.exec(`
        INSERT INTO jobs (id, experiment, params, seed, status, created_at) VALUES (3, 'optimizer-compare', '{}', 7, 'done', 1000);
        INSERT INTO runs (id, job_id, idx, label, params, status) VALUES (4, 3, 0, 'SGD', '{}', 'done');
        INSERT INTO curves (run_id, metric, x_kind, length) VALUES (4, 'loss', 'iteration', 0);
      `);
    });
    const store = openStore(file);
    expect(store.getJob(3)?.runs.map((run) => run.label)).toEqual(['SGD']);
    expect(store.getCurves(4)).toMatchObject([{ metric: 'loss', damage: null }]);
    expect(store.getJobNetworks(3)).toEqual([]);
    expect(store.getJobXray(3)).toEqual([]);
    store.close();
    withRawDb(file, (db) => expect(readSchemaVersion(db)).toBe(SCHEMA_VERSION));
  });

  it('leave a current database unchanged when it is opened again', () => {
    const file = join(tempFolder(), 'lab.sqlite');
    const store = openStore(file);
    const { jobId } = store.createJob({ experiment: 'dropout', params: { epochs: 301 }, seed: 7 }, []);
    store.finishJob(jobId, 'done');
    store.close();
    const before = withRawDb(file, (db) => ({ sql: schemaSql(db), cookie: db.pragma('schema_version', { simple: true }) }));
    const reopened = openStore(file);
    expect(reopened.getJob(jobId)?.status).toBe('done');
    reopened.close();
    withRawDb(file, (db) => {
      expect(schemaSql(db)).toEqual(before.sql);
      expect(db.pragma('schema_version', { simple: true })).toBe(before.cookie); // no DDL ran at all
      expect(migrate(db)).toEqual({ from: SCHEMA_VERSION, to: SCHEMA_VERSION });
    });
  });

  it('upgrade a version-1 database in place: its jobs stay, marked as trained here (not imported)', () => {
    const file = join(tempFolder(), 'lab.sqlite');
    withRawDb(file, (db) => {
      migrate(db, MIGRATIONS.slice(0, 1));
      db.prepare(
        `INSERT INTO jobs (experiment, name, params, seed, status, created_at) VALUES ('dropout', 'from v1', '{}', 7, 'done', 1000)`,
      ).run();
    });
    const store = openStore(file);
    expect(store.listJobs()).toMatchObject([{ name: 'from v1', seed: 7, importedAt: null }]);
    store.close();
    withRawDb(file, (db) => expect(readSchemaVersion(db)).toBe(SCHEMA_VERSION));
  });

  it('run all pending migrations in one transaction: a failing one leaves the file at its old version', () => {
    const file = join(tempFolder(), 'lab.sqlite');
    const good = (version: number): Migration => ({
      version,
      sql: `CREATE TABLE t${version} (x INTEGER) STRICT; INSERT INTO calls VALUES (${version});`,
    });
    withRawDb(file, (db) => {
      db.exec('CREATE TABLE calls (version INTEGER)'); // outside the migrations: it survives their rollback
      expect(migrate(db, [good(1)])).toEqual({ from: 0, to: 1 });
      const failing: Migration = { version: 3, sql: 'CREATE TABLE t3 (x INTEGER); SELECT no_such_function()' };
      expect(() => migrate(db, [good(1), good(2), failing])).toThrow('no such function: no_such_function');
      expect(readSchemaVersion(db)).toBe(1);
      expect(db.prepare(`SELECT name FROM sqlite_schema WHERE name = 't2'`).get()).toBeUndefined(); // rolled back
      expect(migrate(db, [good(1), good(2)])).toEqual({ from: 1, to: 2 });
      // 1 ran once; 2 ran in the failed attempt (rolled back with it) and again.
      expect(
        db
          .prepare('SELECT version FROM calls')
          .all()
          .map((row) => (row as { version: number }).version),
      ).toEqual([1, 2]);
    });
  });

  it('refuse a database from a newer DL Lab, with a clear message, and leave it byte-identical', () => {
    const file = join(tempFolder(), 'future.sqlite');
    withRawDb(file, (db) => {
      db.exec(`CREATE TABLE jobs (id INTEGER PRIMARY KEY, from_the_future TEXT); INSERT INTO jobs VALUES (1, 'x')`);
      db.pragma(`application_id = ${APPLICATION_ID}`);
      db.pragma(`user_version = ${SCHEMA_VERSION + 41}`);
    });
    const bytes = readFileSync(file);
    let error: unknown;
    try {
      openStore(file);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(StoreVersionError);
    expect((error as Error).message).toBe(
      `${file} was written by a newer version of DL Lab (schema ${SCHEMA_VERSION + 41}, this version knows up to ` +
        `${SCHEMA_VERSION}); nothing was changed. Update DL Lab to open it.`,
    );
    expect(readFileSync(file).equals(bytes)).toBe(true);
    expect(existsSync(`${file}-wal`)).toBe(false); // not even switched to WAL
    expect(() => openStore(file, { readonly: true })).toThrow(StoreVersionError);
  });

  it('refuse a file that is not a SQLite database, naming it, and leave it unchanged', () => {
    const file = join(tempFolder(), 'notes.txt');
    const text = 'These are my notes about SGD, not a database. '.repeat(40);
    writeFileSync(file, text);
    expect(() => openStore(file)).toThrow(StoreFileError);
    expect(() => openStore(file)).toThrow(`${file} is not a SQLite database (not a DL Lab file, or damaged); nothing was changed`);
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  it('refuse another application’s SQLite database without touching it', () => {
    const file = join(tempFolder(), 'other.sqlite');
    withRawDb(file, (db) => db.exec(`CREATE TABLE contacts (name TEXT)`));
    const bytes = readFileSync(file);
    expect(() => openStore(file)).toThrow(`${file} is a SQLite database of another application; nothing was changed`);
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });

  it('refuse to open a missing file read-only instead of creating it', () => {
    const file = join(tempFolder(), 'missing.sqlite');
    expect(() => openStore(file, { readonly: true })).toThrow(`${file} cannot be opened for reading (unable to open database file)`);
    expect(existsSync(file)).toBe(false);
  });

  it('refuse a path whose folder cannot be created, naming the file', () => {
    const blocker = join(tempFolder(), 'a-file');
    writeFileSync(blocker, '');
    const file = join(blocker, 'lab.sqlite');
    const error = (() => {
      try {
        openStore(file);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(StoreFileError);
    expect((error as Error).message).toMatch(/cannot be opened \(EEXIST/);
    expect((error as Error).message.startsWith(`${file} cannot be opened (`)).toBe(true);
  });
});

/** Whitespace-insensitive SQL, for comparing a schema with what is written here. */
const normalize = (sql: string): string =>
  sql
    .replace(/--[^\n]*/g, '')
    .replace(/\s+/g, ' ')
    .replace(/\( /g, '(')
    .replace(/ \)/g, ')')
    .trim();

/** The schema a fresh database gets (sqlite_schema's SQL, ordered by name), as migrations 1–4 leave it. */
const FRESH_SCHEMA = [
  `CREATE TABLE curve_chunks (run_id INTEGER NOT NULL, metric TEXT NOT NULL, start INTEGER NOT NULL CHECK (start >= 0),
     points BLOB NOT NULL CHECK (length(points) % 4 = 0), crc INTEGER NOT NULL, PRIMARY KEY (run_id, metric, start),
     FOREIGN KEY (run_id, metric) REFERENCES curves (run_id, metric) ON DELETE CASCADE) STRICT, WITHOUT ROWID`,
  `CREATE TABLE "curves" (run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE, metric TEXT NOT NULL,
     x_kind TEXT NOT NULL CHECK (x_kind IN ('iteration', 'epoch', 'step', 'bin')), length INTEGER NOT NULL CHECK (length >= 0),
     PRIMARY KEY (run_id, metric)) STRICT`,
  `CREATE TABLE "jobs" (id INTEGER PRIMARY KEY AUTOINCREMENT, experiment TEXT NOT NULL, name TEXT NOT NULL DEFAULT '',
     params TEXT NOT NULL CHECK (json_valid(params) AND json_type(params) = 'object'), seed INTEGER NOT NULL,
     status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'done', 'cancelled', 'failed', 'interrupted')),
     problem TEXT CHECK (problem IS NULL OR (json_valid(problem) AND json_type(problem) = 'object')),
     created_at INTEGER NOT NULL, started_at INTEGER, finished_at INTEGER, duration_ms INTEGER,
     notes TEXT NOT NULL DEFAULT '', tags TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(tags) AND json_type(tags) = 'array'),
     imported_at INTEGER, owner_pid INTEGER, owner_started INTEGER, lease_until INTEGER,
     planned_runs INTEGER NOT NULL DEFAULT 0) STRICT`,
  'CREATE INDEX jobs_by_created ON jobs (created_at DESC, id DESC)',
  'CREATE INDEX jobs_by_experiment ON jobs (experiment, created_at DESC, id DESC)',
  'CREATE INDEX jobs_by_status ON jobs (status, created_at DESC, id DESC)',
  `CREATE TABLE run_networks (run_id INTEGER PRIMARY KEY REFERENCES runs (id) ON DELETE CASCADE,
     config TEXT NOT NULL CHECK (json_valid(config) AND json_type(config) = 'object')) STRICT`,
  `CREATE TABLE run_tensors (run_id INTEGER NOT NULL REFERENCES run_networks (run_id) ON DELETE CASCADE, name TEXT NOT NULL,
     shape TEXT NOT NULL CHECK (json_valid(shape) AND json_type(shape) = 'array'), data BLOB NOT NULL CHECK (length(data) % 4 = 0),
     crc INTEGER NOT NULL, PRIMARY KEY (run_id, name)) STRICT, WITHOUT ROWID`,
  `CREATE TABLE run_xray (run_id INTEGER PRIMARY KEY REFERENCES runs (id) ON DELETE CASCADE,
     layout TEXT NOT NULL CHECK (json_valid(layout) AND json_type(layout) = 'object')) STRICT`,
  `CREATE TABLE run_xray_samples (run_id INTEGER NOT NULL REFERENCES run_xray (run_id) ON DELETE CASCADE,
     iteration INTEGER NOT NULL CHECK (iteration >= 0), data BLOB NOT NULL CHECK (length(data) % 4 = 0), crc INTEGER NOT NULL,
     PRIMARY KEY (run_id, iteration)) STRICT`,
  `CREATE TABLE "runs" (id INTEGER PRIMARY KEY AUTOINCREMENT, job_id INTEGER NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
     idx INTEGER NOT NULL, label TEXT NOT NULL, params TEXT NOT NULL CHECK (json_valid(params) AND json_type(params) = 'object'),
     status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'done', 'cancelled', 'failed', 'diverged', 'interrupted')),
     problem TEXT CHECK (problem IS NULL OR (json_valid(problem) AND json_type(problem) = 'object')),
     final TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(final) AND json_type(final) = 'object'), started_at INTEGER, finished_at INTEGER) STRICT`,
  'CREATE UNIQUE INDEX runs_by_job ON runs (job_id, idx)',
  'CREATE INDEX runs_by_status ON runs (status, job_id)',
  "CREATE INDEX runs_with_finals ON runs (job_id) WHERE final <> '{}'",
  'CREATE TABLE sqlite_sequence(name,seq)',
];
