// Migration 2, as released: when a job came in from a JSON export. Frozen.
import type { Migration } from './migration.ts';

export const migration002: Migration = {
  version: 2,
  sql: `
    -- When a job came in from a JSON export (a classmate's result); NULL for jobs trained here.
    ALTER TABLE jobs ADD COLUMN imported_at INTEGER;
  `,
};
