// The schema as data: an ordered list of migrations (migrations/, one file each, literal SQL),
// Signal-Desktop style. Pending ones run in ONE transaction and `user_version` is set at its end, so
// a database is always at exactly one version. Never edit a released migration: add the next one.
import { StoreVersionError } from './errors.ts';
import { migration001 } from './migrations/001-initial.ts';
import { migration002 } from './migrations/002-imported-at.ts';
import { migration003 } from './migrations/003-problems-leases-chunks.ts';
import { migration004 } from './migrations/004-networks-xray.ts';
import { migration005 } from './migrations/005-run-count-indexes.ts';
import type { Migration } from './migrations/migration.ts';
import type { Database } from './sqlite.ts';

export type { Migration } from './migrations/migration.ts';

/** `PRAGMA application_id`: marks the file as DL Lab's, so another app's SQLite file is not taken over. */
export const APPLICATION_ID = 0x444c4c62; // 'DLLb', as migration 1 writes it

export const MIGRATIONS: readonly Migration[] = [migration001, migration002, migration003, migration004, migration005];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

export function readSchemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the database to the latest version. Runs under BEGIN IMMEDIATE and re-reads the version
 * inside, so two processes opening a new file at once do not both migrate it. Foreign keys are off
 * meanwhile (a rebuilt table's DROP must not cascade) and checked before the commit.
 */
export function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS): { from: number; to: number } {
  const latest = migrations[migrations.length - 1].version;
  if (readSchemaVersion(db) === latest) return { from: latest, to: latest };
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number;
  db.pragma('foreign_keys = OFF');
  try {
    return db
      .transaction(() => {
        const from = readSchemaVersion(db);
        if (from > latest) throw new StoreVersionError(db.name, from, latest);
        for (const migration of migrations) {
          if (migration.version > from) db.exec(migration.sql);
        }
        const broken = db.prepare('SELECT * FROM pragma_foreign_key_check LIMIT 1').get();
        if (broken) throw new Error(`migration to version ${latest} left a broken reference: ${JSON.stringify(broken)}`);
        if (latest > from) db.pragma(`user_version = ${latest}`);
        return { from, to: latest };
      })
      .immediate();
  } finally {
    db.pragma(`foreign_keys = ${foreignKeys ? 'ON' : 'OFF'}`);
  }
}
