import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION, migrate, readSchemaVersion, type Migration } from './schema.ts';
import { openDatabase, type Database } from './sqlite.ts';
import { StoreFileError, StoreVersionError, openStore } from './store.ts';
import { useTempFolders } from './test-helpers.ts';

const tempFolder = useTempFolders();

function schemaSql(db: Database): string[] {
  return (db.prepare(`SELECT sql FROM sqlite_schema WHERE sql IS NOT NULL ORDER BY name`).all() as { sql: string }[]).map(
    (row) => row.sql,
  );
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

  it('create the STRICT schema with its indexes, mark the file as DL Lab’s and set user_version', () => {
    const file = join(tempFolder(), 'nested', 'folders', 'lab.sqlite');
    openStore(file).close();
    withRawDb(file, (db) => {
      expect(readSchemaVersion(db)).toBe(SCHEMA_VERSION);
      expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      const tables = db.prepare(`SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all();
      expect(tables).toEqual([
        { name: 'curves', strict: 1 },
        { name: 'jobs', strict: 1 },
        { name: 'runs', strict: 1 },
      ]);
      const indexes = (db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL ORDER BY name`).all() as { name: string }[]).map((r) => r.name);
      expect(indexes).toEqual(['jobs_by_created', 'jobs_by_experiment', 'jobs_by_status', 'runs_by_job', 'runs_by_status']);
      const cascades = db.prepare(`SELECT "table", on_delete FROM pragma_foreign_key_list('runs') UNION ALL SELECT "table", on_delete FROM pragma_foreign_key_list('curves')`).all();
      expect(cascades).toEqual([
        { table: 'jobs', on_delete: 'CASCADE' },
        { table: 'runs', on_delete: 'CASCADE' },
      ]);
    });
  });

  it('leave a current database unchanged when it is opened again', () => {
    const file = join(tempFolder(), 'lab.sqlite');
    const store = openStore(file);
    const jobId = store.createJob({ experiment: 'dropout', params: { epochs: 301 }, seed: 7 });
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
    const calls: number[] = [];
    const good = (version: number): Migration => ({
      version,
      update(db) {
        calls.push(version);
        db.exec(`CREATE TABLE t${version} (x INTEGER) STRICT`);
      },
    });
    withRawDb(file, (db) => {
      expect(migrate(db, [good(1)])).toEqual({ from: 0, to: 1 });
      const failing: Migration = {
        version: 3,
        update() {
          throw new Error('migration 3 failed');
        },
      };
      expect(() => migrate(db, [good(1), good(2), failing])).toThrow('migration 3 failed');
      expect(readSchemaVersion(db)).toBe(1);
      expect(db.prepare(`SELECT name FROM sqlite_schema WHERE name = 't2'`).get()).toBeUndefined(); // rolled back
      expect(migrate(db, [good(1), good(2)])).toEqual({ from: 1, to: 2 });
      expect(calls).toEqual([1, 2, 2]); // 1 ran once; 2 ran in the failed attempt and again
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
