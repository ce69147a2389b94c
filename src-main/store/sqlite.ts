// The one place that loads better-sqlite3. The package ships no typings (and @types/better-sqlite3 is
// not installed), so it is required through createRequire and typed here with just the surface the
// store uses — a wrong call is then a type error instead of an `any` slipping through.
import { createRequire } from 'node:module';

export interface RunResult {
  changes: number;
  lastInsertRowid: number | bigint;
}

/** Named parameters are passed as one object whose keys match `@name` / `:name` in the SQL. */
export interface Statement<Row = unknown> {
  run(...params: unknown[]): RunResult;
  get(...params: unknown[]): Row | undefined;
  all(...params: unknown[]): Row[];
}

/** A transaction function: BEGIN, call, COMMIT (or ROLLBACK and rethrow). Nested calls become savepoints. */
export type Transaction<F extends (...args: never[]) => unknown> = F & {
  /** BEGIN IMMEDIATE: takes the write lock up front, so a read-then-write cannot fail half way with SQLITE_BUSY. */
  immediate: F;
};

export interface Database {
  prepare<Row = unknown>(sql: string): Statement<Row>;
  exec(sql: string): Database;
  pragma(source: string, options?: { simple?: boolean }): unknown;
  transaction<F extends (...args: never[]) => unknown>(fn: F): Transaction<F>;
  /** Registers a SQL function implemented in JS (per connection). */
  function(name: string, options: FunctionOptions, fn: (...args: never[]) => unknown): Database;
  close(): Database;
  readonly open: boolean;
  readonly inTransaction: boolean;
  readonly readonly: boolean;
  readonly name: string;
}

export interface FunctionOptions {
  /** Same result for the same arguments: SQLite may factor calls out (and allow it in indexes). */
  deterministic?: boolean;
  /** Not callable from schema objects (triggers, views, indexes): only from the app's own SQL. */
  directOnly?: boolean;
}

export interface DatabaseOptions {
  readonly?: boolean;
  fileMustExist?: boolean;
  /** Milliseconds to wait for another connection's lock (sqlite3_busy_timeout). */
  timeout?: number;
}

export interface SqliteErrorLike extends Error {
  /** e.g. 'SQLITE_NOTADB', 'SQLITE_CANTOPEN', 'SQLITE_CONSTRAINT_CHECK'. */
  code: string;
}

interface BetterSqlite3Module {
  new (file: string, options?: DatabaseOptions): Database;
  SqliteError: new (...args: never[]) => SqliteErrorLike;
}

const require = createRequire(import.meta.url);
const betterSqlite3 = require('better-sqlite3') as BetterSqlite3Module;

export function openDatabase(file: string, options: DatabaseOptions = {}): Database {
  return new betterSqlite3(file, options);
}

export function isSqliteError(error: unknown): error is SqliteErrorLike {
  return error instanceof betterSqlite3.SqliteError;
}
