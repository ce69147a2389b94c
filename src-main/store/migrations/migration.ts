// A migration is data: its version and literal SQL, run once, in order, inside the one transaction
// that brings a file to the current version (schema.ts). Foreign keys are off while migrations run
// (SQLite ignores that pragma inside a transaction, so schema.ts sets it before BEGIN): a migration
// may rebuild a table without its DROP cascading into the rows that point at it. schema.ts checks
// the foreign keys before it commits.
export interface Migration {
  version: number;
  /** Statements for `db.exec`. May call the store's SQL functions (dl_crc32). */
  sql: string;
}
