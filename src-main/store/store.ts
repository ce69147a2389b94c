// The SQLite store: one file per user, shared by the desktop app and any number of `lab` commands.
// Everything is synchronous — better-sqlite3 transactions cannot span an await, and a few-millisecond
// write batch a second does not need to be async.
//
// Several processes write the same file, so every write transaction is BEGIN IMMEDIATE: it takes
// the write lock up front and waits for it (busy_timeout). A deferred transaction that reads, then
// writes fails at once with SQLITE_BUSY in WAL mode when another process committed in between,
// whatever the timeout — that is how a second process used to kill a running job.
import { closeSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, openSync, readSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { crc32 } from 'node:zlib';
import { parseJobProblem, parseRunProblem, type JobProblem, type RunProblem } from '../../src-shared/outcome.ts';
import { TERMINAL_RUN_STATUSES, type FinishedJobStatus, type JobStatus, type RunStatus, type XKind } from '../../src-shared/vocabulary.ts';
import { normalizeName, normalizeNotes, normalizeTags } from './annotations.ts';
import { decodeCurve, encodeCurve } from './curve-codec.ts';
import { holdDiskReserve, type DiskReserve } from './disk-reserve.ts';
import { explainSqliteError, StoreFileError, StoreVersionError, StoreWriteError } from './errors.ts';
import { JOB_FINAL_RANGES_SQL, RUN_LIST_COLUMNS, checkPage, idList, jobsSql, registerHistoryFunctions, runsSql } from './history-sql.ts';
import {
  jobNetworkRunIds,
  jobXrayRunIds,
  readJobNetworks,
  readJobXray,
  writeNetwork,
  writeXray,
  type StatementOf,
  type StoredNetwork,
  type StoredXray,
} from './networks-xray.ts';
import { currentOwner, isOwnerGone, type Owner } from './owner.ts';
import { APPLICATION_ID, SCHEMA_VERSION, migrate, readSchemaVersion } from './schema.ts';
import { isSqliteError, openDatabase, type Database, type Statement, type Transaction } from './sqlite.ts';
import type {
  CurveRecord,
  FinalMetrics,
  InterruptedAtOpen,
  JobImport,
  JobListItem,
  JobPage,
  JobQuery,
  JobRow,
  JobSummary,
  JobWithRuns,
  JsonObject,
  ListJobsQuery,
  NewJob,
  NewRun,
  RunListItem,
  RunPage,
  RunProgress,
  RunQuery,
  RunRow,
  WriteProgressResult,
} from './types.ts';

export { StoreFileError, StoreVersionError, StoreWriteError } from './errors.ts';
export { AnnotationError } from './annotations.ts';

export interface OpenStoreOptions {
  /** Read only: no migration, no recovery, no writes (a read-only file or folder, or a full disk). */
  readonly?: boolean;
  /** Clock in ms since the epoch; tests pass a fake one. */
  now?: () => number;
  /** Who trains the jobs this store creates; tests pass a fake owner. */
  owner?: Owner;
}

/** How long a write waits for another process holding the lock before failing with SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 10_000;
/** After a checkpoint, truncate the WAL back to this size instead of leaving it at its peak. */
const WAL_SIZE_LIMIT_BYTES = 16 * 1024 * 1024;
const DEFAULT_LIST_LIMIT = 100;
/**
 * A running job's lease lasts this long; its owner renews it while it trains (every few seconds).
 * A job whose lease ran out was left behind by a process that can no longer renew it.
 */
export const LEASE_MS = 60_000;

export function openStore(file: string, options: OpenStoreOptions = {}): Store {
  if (options.readonly) {
    try {
      return openStoreAt(file, file, options);
    } catch (error) {
      // SQLite cannot read a WAL-mode file on read-only media when its -shm file does not exist
      // (nothing may create it): read a private copy instead, as it stands.
      if (!(error instanceof StoreWriteError && error.fault === 'readonly') || !isWalFile(file)) throw error;
      return openSnapshot(file, options);
    }
  }
  return openStoreAt(file, file, options);
}

/** Bytes 18–19 of a SQLite header are 2 in WAL mode. */
function isWalFile(file: string): boolean {
  try {
    const header = Buffer.alloc(20);
    const fd = openSync(file, 'r');
    try {
      return readSync(fd, header, 0, 20, 0) === 20 && header[18] === 2 && header[19] === 2;
    } finally {
      closeSync(fd);
    }
  } catch {
    return false;
  }
}

/** A read-only store on a copy of the file (and its WAL, if one is left) in a temporary folder, removed on close. */
function openSnapshot(file: string, options: OpenStoreOptions): Store {
  const folder = mkdtempSync(join(tmpdir(), 'dl-lab-readonly-'));
  const copy = join(folder, basename(file));
  try {
    copyFileSync(file, copy);
    if (existsSync(`${file}-wal`)) copyFileSync(`${file}-wal`, `${copy}-wal`);
    const store = openStoreAt(copy, file, { ...options, readonly: true });
    store.onClose(() => rmSync(folder, { recursive: true, force: true }));
    return store;
  } catch (error) {
    rmSync(folder, { recursive: true, force: true });
    throw error;
  }
}

/** Opens `path`; messages name `file`, the database as the user knows it (a snapshot's original). */
function openStoreAt(path: string, file: string, options: OpenStoreOptions): Store {
  const readonly = options.readonly ?? false;
  const inMemory = path === ':memory:' || path === '';
  let db: Database;
  try {
    if (!readonly && !inMemory) mkdirSync(dirname(resolve(path)), { recursive: true });
    db = openDatabase(path, { readonly, fileMustExist: readonly, timeout: BUSY_TIMEOUT_MS });
  } catch (error) {
    const reason = error instanceof Error ? ` (${error.message})` : '';
    throw new StoreFileError(file, `cannot be opened${readonly ? ' for reading' : ''}${reason}`, { cause: error });
  }
  const now = options.now ?? Date.now;
  try {
    registerStoreFunctions(db);
    // Every check that can refuse the file reads only: nothing may be written to a file we refuse.
    const version = checkIsOurs(db, file);
    configure(db, readonly);
    if (readonly) {
      if (version < SCHEMA_VERSION) {
        throw new StoreFileError(
          file,
          `has schema ${version}, older than this version's ${SCHEMA_VERSION}; open it once read-write to upgrade it`,
        );
      }
      return new Store(db, file, { jobs: 0, runs: 0 }, now, options.owner ?? currentOwner());
    }
    migrate(db);
    return new Store(db, file, interruptOrphans(db, now()), now, options.owner ?? currentOwner());
  } catch (error) {
    db.close();
    throw explainOpenError(file, error);
  }
}

function registerStoreFunctions(db: Database): void {
  registerHistoryFunctions(db);
  // Migration 3 fills the chunks' checksums with it; the store computes them in JS otherwise.
  db.function('dl_crc32', { deterministic: true, directOnly: true }, ((blob: unknown) =>
    blob instanceof Uint8Array ? crc32(blob) : null) as (...args: never[]) => unknown);
}

/** Returns the file's schema version, or throws if the file is not (or not yet) DL Lab's to open. */
function checkIsOurs(db: Database, file: string): number {
  const version = readSchemaVersion(db); // the first read: throws SQLITE_NOTADB for a non-SQLite file
  if (version > SCHEMA_VERSION) throw new StoreVersionError(file, version, SCHEMA_VERSION);
  const applicationId = db.pragma('application_id', { simple: true }) as number;
  const foreign =
    applicationId !== 0
      ? applicationId !== APPLICATION_ID
      : version === 0 && (db.prepare('SELECT count(*) AS n FROM sqlite_schema').get() as { n: number }).n > 0;
  if (foreign) throw new StoreFileError(file, 'is a SQLite database of another application; nothing was changed');
  return version;
}

function configure(db: Database, readonly: boolean): void {
  if (!readonly) {
    // WAL: readers never block the writer, and a killed process never leaves a torn file.
    db.pragma('journal_mode = WAL');
    db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`);
  }
  // In WAL mode NORMAL never corrupts and loses nothing on a crash of the app; only a power cut may
  // drop the last batches. A full fsync per progress batch would buy little for training curves.
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON'); // per connection; the cascades job -> runs -> curves -> chunks depend on it
}

function explainOpenError(file: string, error: unknown): unknown {
  if (!isSqliteError(error)) return error;
  if (error.code === 'SQLITE_NOTADB') {
    return new StoreFileError(file, 'is not a SQLite database (not a DL Lab file, or damaged); nothing was changed', { cause: error });
  }
  return explainSqliteError(file, error);
}

/**
 * Jobs left queued or running by a process that is gone — its lease ran out, its pid is dead, or the
 * pid now belongs to another process — are not running any more: they become `interrupted`, in one
 * transaction, keeping every point written so far. Jobs of live processes (the app while the CLI
 * opens the file) are left alone.
 */
function interruptOrphans(db: Database, now: number): InterruptedAtOpen {
  return db
    .transaction(() => {
      const candidates = db
        .prepare(
          `SELECT id, owner_pid AS pid, owner_started AS started, lease_until AS leaseUntil FROM jobs WHERE status IN ('queued', 'running')`,
        )
        .all() as { id: number; pid: number | null; started: number | null; leaseUntil: number | null }[];
      const orphaned = candidates.filter((job) => (job.leaseUntil ?? 0) < now || isOwnerGone({ pid: job.pid, started: job.started }));
      let runs = 0;
      const interruptRuns = db.prepare(`UPDATE runs SET status = 'interrupted' WHERE job_id = ? AND status IN ('queued', 'running')`);
      const interruptJob = db.prepare(
        `UPDATE jobs SET status = 'interrupted', owner_pid = NULL, owner_started = NULL, lease_until = NULL WHERE id = ?`,
      );
      for (const job of orphaned) {
        runs += interruptRuns.run(job.id).changes;
        interruptJob.run(job.id);
      }
      return { jobs: orphaned.length, runs };
    })
    .immediate();
}

// Rows as SQLite returns them.
interface JobRecord {
  id: number;
  experiment: string;
  name: string;
  params: string;
  seed: number;
  status: JobStatus;
  problem: string | null;
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
  duration_ms: number | null;
  notes: string;
  tags: string;
  imported_at: number | null;
  planned_runs: number;
}
interface JobSummaryRecord extends JobRecord {
  runs_by_status: string;
  best?: number | null;
}
interface RunRecord {
  id: number;
  job_id: number;
  idx: number;
  label: string;
  params: string;
  status: RunStatus;
  problem: string | null;
  final: string;
  started_at: number | null;
  finished_at: number | null;
}
interface RunListRecord extends RunRecord {
  job_name: string;
  experiment: string;
  job_created_at: number;
  seed: number;
}
interface CurveHeaderRow {
  run_id: number;
  metric: string;
  x_kind: XKind;
  length: number;
}
interface ChunkRow {
  run_id: number;
  metric: string;
  start: number;
  points: Uint8Array;
  crc: number;
}

export class Store {
  readonly file: string;
  /** What was found still queued/running at open and marked `interrupted` (the app should tell the user). */
  readonly interruptedAtOpen: InterruptedAtOpen;
  readonly #db: Database;
  readonly #now: () => number;
  readonly #owner: Owner;
  readonly #statements = new Map<string, Statement<unknown>>();
  readonly #closeOnExit = (): void => this.close();
  readonly #onClose: (() => void)[] = [];
  #reserve: DiskReserve | null = null;
  readonly #createJob: Transaction<(job: NewJob, runs: readonly NewRun[]) => { jobId: number; runIds: number[] }>;
  readonly #addRuns: Transaction<(jobId: number, from: number, runs: readonly NewRun[]) => number[]>;
  readonly #writeProgress: Transaction<(batch: readonly RunProgress[]) => WriteProgressResult>;
  readonly #importJob: Transaction<(job: JobImport) => number>;
  /** Runs a function in one read transaction: several queries see the same snapshot. */
  readonly #read: Transaction<<T>(read: () => T) => T>;

  /** Use `openStore`. */
  constructor(db: Database, file: string, interruptedAtOpen: InterruptedAtOpen, now: () => number, owner: Owner) {
    this.#db = db;
    this.file = file;
    this.interruptedAtOpen = interruptedAtOpen;
    this.#now = now;
    this.#owner = owner;
    this.#createJob = db.transaction((job, runs) => this.#createJobInTransaction(job, runs));
    this.#addRuns = db.transaction((jobId, from, runs) => this.#insertRuns(jobId, from, runs));
    this.#writeProgress = db.transaction((batch) => this.#writeProgressInTransaction(batch));
    this.#importJob = db.transaction((job) => this.#importJobInTransaction(job));
    this.#read = db.transaction((read) => read());
    // Closing checkpoints the WAL into the main file and removes the -wal/-shm files.
    process.on('exit', this.#closeOnExit);
  }

  get readonly(): boolean {
    return this.#db.readonly;
  }

  /** A prepared statement, compiled once per SQL text and reused (trilium's statement cache). */
  #statement<Row>(sql: string): Statement<Row> {
    let statement = this.#statements.get(sql);
    if (statement === undefined) {
      statement = this.#db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement as Statement<Row>;
  }

  /** A write outside a transaction is its own implicit (immediate-on-write) transaction; SQLite errors get the file's name. */
  #write<T>(write: () => T): T {
    try {
      return write();
    } catch (error) {
      throw isSqliteError(error) ? explainSqliteError(this.file, error) : error;
    }
  }

  // ---- jobs ----------------------------------------------------------------------------------------

  /**
   * A new job, `running` from now and leased to this process, with its runs (`queued`, in order) —
   * in ONE transaction: a kill at any moment leaves either nothing or the whole job.
   */
  createJob(job: NewJob, runs: readonly NewRun[]): { jobId: number; runIds: number[] } {
    return this.#write(() => this.#createJob.immediate(job, runs));
  }

  #createJobInTransaction(job: NewJob, runs: readonly NewRun[]): { jobId: number; runIds: number[] } {
    const now = this.#now();
    const jobId = Number(
      this.#statement(
        `INSERT INTO jobs (experiment, name, params, seed, status, created_at, started_at, owner_pid, owner_started, lease_until, planned_runs)
         VALUES (@experiment, @name, @params, @seed, 'running', @now, @now, @pid, @started, @leaseUntil, @plannedRuns)`,
      ).run({
        experiment: job.experiment,
        name: normalizeName(job.name ?? ''),
        params: JSON.stringify(job.params),
        seed: job.seed,
        now,
        pid: this.#owner.pid,
        started: this.#owner.started,
        leaseUntil: now + LEASE_MS,
        plannedRuns: job.plannedRuns ?? runs.length,
      }).lastInsertRowid,
    );
    return { jobId, runIds: this.#insertRuns(jobId, 0, runs) };
  }

  /** More queued runs of a job that is being prepared (a very large one), after its first `from`, in one transaction. */
  addRuns(jobId: number, from: number, runs: readonly NewRun[]): number[] {
    return this.#write(() => this.#addRuns.immediate(jobId, from, runs));
  }

  #insertRuns(jobId: number, from: number, runs: readonly NewRun[]): number[] {
    const insert = this.#statement(
      `INSERT INTO runs (job_id, idx, label, params, status) VALUES (@jobId, @idx, @label, @params, 'queued')`,
    );
    return runs.map((run, i) =>
      Number(insert.run({ jobId, idx: from + i, label: run.label, params: JSON.stringify(run.params) }).lastInsertRowid),
    );
  }

  /** Renews this process's lease on its running jobs (the heartbeat). */
  renewLeases(jobIds: readonly number[]): void {
    if (jobIds.length === 0) return;
    this.#write(() =>
      this.#statement(
        `UPDATE jobs SET lease_until = @leaseUntil
         WHERE id IN (SELECT value FROM json_each(@jobIds)) AND status IN ('queued', 'running') AND owner_pid = @pid`,
      ).run({ jobIds: idList(jobIds, 'jobIds'), leaseUntil: this.#now() + LEASE_MS, pid: this.#owner.pid }),
    );
  }

  /**
   * Sets the job's final status, finish time and duration, and ends its lease — and, when it was
   * stopped early, what its runs that never started became (one UPDATE, however many there are).
   * False if the job does not exist.
   */
  finishJob(jobId: number, status: FinishedJobStatus, problem: JobProblem | null = null, queuedRunsAs?: RunStatus): boolean {
    const now = this.#now();
    return this.#write(() =>
      this.#db
        .transaction(() => {
          if (queuedRunsAs !== undefined) {
            this.#statement(`UPDATE runs SET status = @status, finished_at = @now WHERE job_id = @jobId AND status = 'queued'`).run({
              jobId,
              status: queuedRunsAs,
              now,
            });
          }
          return (
            this.#statement(
              `UPDATE jobs SET status = @status, problem = @problem, finished_at = @now, duration_ms = @now - started_at,
                               owner_pid = NULL, owner_started = NULL, lease_until = NULL
               WHERE id = @jobId`,
            ).run({ jobId, status, problem: problem === null ? null : JSON.stringify(problem), now }).changes > 0
          );
        })
        .immediate(),
    );
  }

  /** Marks up to `limit` of the job's runs that never started as `status`; returns how many. */
  stopQueuedRuns(jobId: number, status: RunStatus, limit: number): number {
    return this.#write(
      () =>
        this.#statement(
          `UPDATE runs SET status = @status, finished_at = @now
           WHERE id IN (SELECT id FROM runs WHERE job_id = @jobId AND status = 'queued' LIMIT @limit)`,
        ).run({ jobId, status, limit, now: this.#now() }).changes,
    );
  }

  /** Trims the name (empty = unnamed); throws AnnotationError past 200 characters. False if no such job. */
  renameJob(jobId: number, name: string): boolean {
    return this.#write(() => this.#statement(`UPDATE jobs SET name = ? WHERE id = ?`).run(normalizeName(name), jobId).changes > 0);
  }

  /** Keeps the notes as written; throws AnnotationError past 10,000 characters. False if no such job. */
  setJobNotes(jobId: number, notes: string): boolean {
    return this.#write(() => this.#statement(`UPDATE jobs SET notes = ? WHERE id = ?`).run(normalizeNotes(notes), jobId).changes > 0);
  }

  /**
   * Replaces the tags: trimmed, blank and duplicate (case-insensitively) ones dropped; throws
   * AnnotationError for more than 20 or one longer than 40 characters. False if no such job.
   */
  setJobTags(jobId: number, tags: readonly string[]): boolean {
    return this.#write(
      () => this.#statement(`UPDATE jobs SET tags = ? WHERE id = ?`).run(JSON.stringify(normalizeTags(tags)), jobId).changes > 0,
    );
  }

  /** Deletes the job, its runs, curves and chunks (one statement, so one transaction, via ON DELETE CASCADE). */
  deleteJob(jobId: number): boolean {
    return this.#write(() => this.#statement(`DELETE FROM jobs WHERE id = ?`).run(jobId).changes > 0);
  }

  /** Whether the job is queued or running under a live lease (in any process). */
  isJobLive(jobId: number): boolean {
    const row = this.#statement<{ status: JobStatus; leaseUntil: number | null }>(
      `SELECT status, lease_until AS leaseUntil FROM jobs WHERE id = ?`,
    ).get(jobId);
    return row !== undefined && (row.status === 'running' || row.status === 'queued') && (row.leaseUntil ?? 0) >= this.#now();
  }

  /** Newest first, with run counts. */
  listJobs(query: ListJobsQuery = {}): JobSummary[] {
    const limit = query.limit ?? DEFAULT_LIST_LIMIT;
    const offset = query.offset ?? 0;
    checkPage(limit, offset, Number.MAX_SAFE_INTEGER);
    const sql = jobsSql({ experiment: query.experiment, status: query.status });
    return this.#statement<JobSummaryRecord>(sql.page)
      .all({ ...sql.params, limit, offset })
      .map((r) => toJobListItem(r, false));
  }

  /**
   * One page of the history, filtered and sorted, and how many jobs match in all (for the pager).
   * Both are read in one transaction, so they agree even while another process writes. The default
   * list (newest first, optionally by experiment and/or status) walks an index and stops after the
   * page; see history-sql.ts for the rest.
   */
  queryJobs(query: JobQuery): JobPage {
    checkPage(query.limit, query.offset);
    const sql = jobsSql(query);
    return this.#read(() => ({
      total: this.#statement<{ n: number }>(sql.count).get(sql.params)!.n,
      jobs: this.#statement<JobSummaryRecord>(sql.page)
        .all({ ...sql.params, limit: query.limit, offset: query.offset })
        .map((record) => toJobListItem(record, sql.sortsByMetric)),
    }));
  }

  /**
   * For each of these jobs, every final metric's smallest and largest finite value over its runs —
   * what the history list shows of a page of jobs (one grouped read of those jobs' runs). Jobs
   * without any finite final are absent from the map.
   */
  jobFinalRanges(jobIds: readonly number[]): Map<number, Record<string, { min: number; max: number }>> {
    const rows = this.#statement<{ jobId: number; metric: string; lo: number; hi: number }>(JOB_FINAL_RANGES_SQL).all({
      jobIds: idList(jobIds, 'jobIds'),
    });
    const ranges = new Map<number, Record<string, { min: number; max: number }>>();
    for (const row of rows) {
      let job = ranges.get(row.jobId);
      if (!job) ranges.set(row.jobId, (job = {}));
      job[row.metric] = { min: row.lo, max: row.hi };
    }
    return ranges;
  }

  /** The job and its runs in order, or undefined if there is no such job. */
  getJob(jobId: number): JobWithRuns | undefined {
    return this.#read(() => {
      const record = this.#statement<JobRecord>(`SELECT * FROM jobs WHERE id = ?`).get(jobId);
      if (record === undefined) return undefined;
      const runs = this.#statement<RunRecord>(`SELECT * FROM runs WHERE job_id = ? ORDER BY idx`).all(jobId);
      return { ...toJobRow(record), runs: runs.map(toRunRow) };
    });
  }

  /** The job without its runs, or undefined. */
  getJobRow(jobId: number): JobRow | undefined {
    const record = this.#statement<JobRecord>(`SELECT * FROM jobs WHERE id = ?`).get(jobId);
    return record === undefined ? undefined : toJobRow(record);
  }

  /** A page of a job's runs, in order. */
  getJobRuns(jobId: number, offset: number, limit: number): RunRow[] {
    checkPage(limit, offset, Number.MAX_SAFE_INTEGER);
    return this.#statement<RunRecord>(`SELECT * FROM runs WHERE job_id = ? ORDER BY idx LIMIT ? OFFSET ?`)
      .all(jobId, limit, offset)
      .map(toRunRow);
  }

  /**
   * Runs from any jobs, for the compare picker: newest job first, then in their job's order, with
   * what the picker shows of their job; `total` counts every match.
   */
  queryRuns(query: RunQuery): RunPage {
    checkPage(query.limit, query.offset);
    const sql = runsSql(query);
    return this.#read(() => ({
      total: this.#statement<{ n: number }>(sql.count).get(sql.params)!.n,
      runs: this.#statement<RunListRecord>(sql.page)
        .all({ ...sql.params, limit: query.limit, offset: query.offset })
        .map(toRunListItem),
    }));
  }

  /** These runs (those that exist), in the order asked, each with what a picker shows of its job. */
  getRuns(runIds: readonly number[]): RunListItem[] {
    const records = this.#statement<RunListRecord>(
      `SELECT ${RUN_LIST_COLUMNS} FROM runs JOIN jobs ON jobs.id = runs.job_id
       WHERE runs.id IN (SELECT value FROM json_each(@runIds))`,
    ).all({ runIds: idList(runIds, 'runIds') });
    const byId = new Map(records.map((record) => [record.id, toRunListItem(record)]));
    const seen = new Set<number>();
    const runs: RunListItem[] = [];
    for (const id of runIds) {
      const run = byId.get(id);
      if (run !== undefined && !seen.has(id)) runs.push(run);
      seen.add(id);
    }
    return runs;
  }

  // ---- import --------------------------------------------------------------------------------------

  /**
   * Writes a finished job with its runs and curves as NEW rows (fresh ids: nothing local is ever
   * overwritten), all in ONE transaction: if anything fails, nothing of it is stored. The name,
   * notes and tags are checked like the user's own (AnnotationError). Validating a document from
   * outside is lab/job-import.ts's job; this trusts the shape of `job`.
   */
  importJob(job: JobImport): number {
    return this.#write(() => this.#importJob.immediate(job));
  }

  #importJobInTransaction(job: JobImport): number {
    if ((job.status as JobStatus) === 'queued' || (job.status as JobStatus) === 'running') {
      throw new Error(`an imported job cannot be ${job.status}: nothing trains it here`);
    }
    const jobId = Number(
      this.#statement(
        `INSERT INTO jobs (experiment, name, params, seed, status, problem, created_at, started_at, finished_at,
                           duration_ms, notes, tags, imported_at, planned_runs)
         VALUES (@experiment, @name, @params, @seed, @status, @problem, @createdAt, @startedAt, @finishedAt,
                 @durationMs, @notes, @tags, @now, @plannedRuns)`,
      ).run({
        experiment: job.experiment,
        name: normalizeName(job.name),
        params: JSON.stringify(job.params),
        seed: job.seed,
        status: job.status,
        problem: job.problem === null ? null : JSON.stringify(job.problem),
        createdAt: job.createdAt,
        startedAt: job.startedAt,
        finishedAt: job.finishedAt,
        durationMs: job.durationMs,
        notes: normalizeNotes(job.notes),
        tags: JSON.stringify(normalizeTags(job.tags)),
        now: this.#now(),
        plannedRuns: job.runs.length,
      }).lastInsertRowid,
    );
    const insertRun = this.#statement(
      `INSERT INTO runs (job_id, idx, label, params, status, problem, final, started_at, finished_at)
       VALUES (@jobId, @idx, @label, @params, @status, @problem, @final, @startedAt, @finishedAt)`,
    );
    for (const run of job.runs) {
      if (!(TERMINAL_RUN_STATUSES as readonly string[]).includes(run.status)) {
        throw new Error(`an imported run cannot be ${run.status}: nothing trains it here`);
      }
      const runId = Number(
        insertRun.run({
          jobId,
          idx: run.idx,
          label: run.label,
          params: JSON.stringify(run.params),
          status: run.status,
          problem: run.problem === null ? null : JSON.stringify(run.problem),
          final: encodeFinal(run.final),
          startedAt: run.startedAt,
          finishedAt: run.finishedAt,
        }).lastInsertRowid,
      );
      for (const curve of run.curves) this.#replaceCurve(runId, curve.metric, curve.xKind, curve.points);
      if (run.network) writeNetwork(this.#sql, runId, { snapshot: run.network, keep: { kind: 'all' } });
      if (run.xray) writeXray(this.#sql, runId, run.xray);
    }
    return jobId;
  }

  // ---- runs ----------------------------------------------------------------------------------------

  /** Replaces a run's params, e.g. with the values a run only knows once it ran. */
  setRunParams(runId: number, params: JsonObject): boolean {
    return this.#write(() => this.#statement(`UPDATE runs SET params = ? WHERE id = ?`).run(JSON.stringify(params), runId).changes > 0);
  }

  /**
   * Stores one batch of progress — points appended to curves (or whole curves replaced), statuses,
   * finals, for any number of runs — in ONE immediate transaction: a batch is all or nothing, one
   * commit instead of hundreds, and bytes written grow with the new points only. Runs that no
   * longer exist are skipped and reported (their job was deleted while it ran).
   */
  writeProgress(batch: readonly RunProgress[]): WriteProgressResult {
    return this.#write(() => this.#writeProgress.immediate(batch));
  }

  #writeProgressInTransaction(batch: readonly RunProgress[]): WriteProgressResult {
    const runExists = this.#statement<{ id: number }>(`SELECT id FROM runs WHERE id = ?`);
    const missingRunIds: number[] = [];
    for (const progress of batch) {
      const { runId } = progress;
      if (runExists.get(runId) === undefined) {
        missingRunIds.push(runId);
        continue;
      }
      for (const curve of progress.curves) {
        if (curve.start === undefined) this.#replaceCurve(runId, curve.metric, curve.xKind, curve.points);
        else this.#appendToCurve(runId, curve.metric, curve.xKind, curve.start, curve.points);
      }
      if (progress.status !== undefined) this.#setRunStatus(runId, progress.status, progress.problem ?? null);
      if (progress.final !== undefined) this.#statement(`UPDATE runs SET final = ? WHERE id = ?`).run(encodeFinal(progress.final), runId);
      if (progress.xray) writeXray(this.#sql, runId, progress.xray);
      if (progress.network) writeNetwork(this.#sql, runId, progress.network);
    }
    return { missingRunIds };
  }

  /**
   * `running` stamps the start (once); the end statuses stamp the finish. A problem is kept only with
   * the status it came with.
   */
  #setRunStatus(runId: number, status: RunStatus, problem: RunProblem | null): void {
    this.#statement(
      `UPDATE runs SET status = @status, problem = @problem,
         started_at  = CASE WHEN @status = 'running' THEN coalesce(started_at, @now) ELSE started_at END,
         finished_at = CASE WHEN @terminal THEN @now ELSE finished_at END
       WHERE id = @runId`,
    ).run({
      runId,
      status,
      problem: problem === null ? null : JSON.stringify(problem),
      now: this.#now(),
      terminal: (TERMINAL_RUN_STATUSES as readonly string[]).includes(status) ? 1 : 0,
    });
  }

  /** Appends points at `start`, which must be the curve's stored length: a gap or an overlap is a bug, not data. */
  #appendToCurve(runId: number, metric: string, xKind: XKind, start: number, points: Float32Array): void {
    const header = this.#statement<{ length: number }>(`SELECT length FROM curves WHERE run_id = ? AND metric = ?`).get(runId, metric);
    const length = header?.length ?? 0;
    if (length !== start) throw new Error(`curve ${metric} of run ${runId}: points appended at ${start}, but ${length} are stored`);
    if (points.length === 0 && header) return;
    this.#statement(
      `INSERT INTO curves (run_id, metric, x_kind, length) VALUES (@runId, @metric, @xKind, @length)
       ON CONFLICT (run_id, metric) DO UPDATE SET length = excluded.length`,
    ).run({ runId, metric, xKind, length: start + points.length });
    if (points.length > 0) this.#insertChunk(runId, metric, start, points);
  }

  /** A whole curve in place of what was stored (a histogram set at once, an imported curve). */
  #replaceCurve(runId: number, metric: string, xKind: XKind, points: Float32Array): void {
    this.#statement(`DELETE FROM curves WHERE run_id = ? AND metric = ?`).run(runId, metric); // its chunks cascade
    this.#statement(`INSERT INTO curves (run_id, metric, x_kind, length) VALUES (?, ?, ?, ?)`).run(runId, metric, xKind, points.length);
    if (points.length > 0) this.#insertChunk(runId, metric, 0, points);
  }

  #insertChunk(runId: number, metric: string, start: number, points: Float32Array): void {
    const bytes = encodeCurve(points);
    this.#statement(`INSERT INTO curve_chunks (run_id, metric, start, points, crc) VALUES (?, ?, ?, ?, ?)`).run(
      runId,
      metric,
      start,
      bytes,
      crc32(bytes),
    );
  }

  // ---- curves --------------------------------------------------------------------------------------

  /** The run's curves by metric name; each Float32Array owns an aligned copy of the stored values. */
  getCurves(runId: number): CurveRecord[] {
    return this.#read(() =>
      assembleCurves(
        this.#statement<CurveHeaderRow>(`SELECT run_id, metric, x_kind, length FROM curves WHERE run_id = ? ORDER BY metric`).all(runId),
        this.#statement<ChunkRow>(
          `SELECT run_id, metric, start, points, crc FROM curve_chunks WHERE run_id = ? ORDER BY metric, start`,
        ).all(runId),
      ),
    );
  }

  /** Every curve of every run of the job, in run order then metric name. */
  getJobCurves(jobId: number, runs: { offset: number; limit: number } = { offset: 0, limit: Number.MAX_SAFE_INTEGER }): CurveRecord[] {
    const range = { jobId, from: runs.offset, to: runs.offset + runs.limit };
    return this.#read(() =>
      assembleCurves(
        this.#statement<CurveHeaderRow>(
          `SELECT curves.run_id, curves.metric, curves.x_kind, curves.length
           FROM runs JOIN curves ON curves.run_id = runs.id WHERE runs.job_id = @jobId AND runs.idx >= @from AND runs.idx < @to
           ORDER BY runs.idx, curves.metric`,
        ).all(range),
        this.#statement<ChunkRow>(
          `SELECT curve_chunks.run_id, curve_chunks.metric, curve_chunks.start, curve_chunks.points, curve_chunks.crc
           FROM runs JOIN curve_chunks ON curve_chunks.run_id = runs.id WHERE runs.job_id = @jobId AND runs.idx >= @from AND runs.idx < @to
           ORDER BY runs.idx, curve_chunks.metric, curve_chunks.start`,
        ).all(range),
      ),
    );
  }

  /** How many runs the job has (rows; see plannedRuns for its plan). */
  countJobRuns(jobId: number): number {
    return this.#statement<{ n: number }>(`SELECT count(*) AS n FROM runs WHERE job_id = ?`).get(jobId)!.n;
  }

  // ---- trained networks and X-ray samples (networks-xray.ts) ----------------------------------------

  /** The statement cache as networks-xray.ts takes it. */
  readonly #sql: StatementOf = (sql) => this.#statement(sql);

  /** Ids of the job's runs that kept their trained network, in run order. */
  jobNetworkRunIds(jobId: number): number[] {
    return jobNetworkRunIds(this.#sql, jobId);
  }

  /** Ids of the job's runs that have X-ray samples, in run order. */
  jobXrayRunIds(jobId: number): number[] {
    return jobXrayRunIds(this.#sql, jobId);
  }

  /** The job's kept networks (all, or those of `runIds`), each checked against its CRC-32. */
  getJobNetworks(jobId: number, runIds?: readonly number[]): StoredNetwork[] {
    return this.#read(() => readJobNetworks(this.#sql, jobId, runIds));
  }

  /** The X-ray samples of every run of the job, in iteration order. */
  getJobXray(jobId: number): StoredXray[] {
    return this.#read(() => readJobXray(this.#sql, jobId));
  }

  // ---- lifecycle -----------------------------------------------------------------------------------

  get isOpen(): boolean {
    return this.#db.open;
  }

  /** Sets disk space aside beside the file while this store writes a lot (a lab training jobs), for `recoverSpace`. */
  holdDiskReserve(): void {
    if (!this.#db.readonly && this.file !== ':memory:') this.#reserve ??= holdDiskReserve(this.file);
  }

  /**
   * After a full disk: gives the reserve back, then moves the WAL into the main file and truncates
   * it, so that the few writes that record how the jobs ended fit.
   */
  recoverSpace(): void {
    this.#reserve?.release();
    this.#write(() => this.#db.pragma('wal_checkpoint(TRUNCATE)'));
  }

  /** Runs `then` once the store is closed. */
  onClose(then: () => void): void {
    this.#onClose.push(then);
  }

  /** Closes the connection (idempotent). Running jobs are left as they are; their lease runs out. */
  close(): void {
    process.off('exit', this.#closeOnExit);
    if (!this.#db.open) return;
    this.#statements.clear();
    if (!this.#db.readonly) {
      try {
        this.#db.pragma('optimize'); // what SQLite recommends before closing a long-lived connection
      } catch {
        // Only a statistics refresh; closing matters more.
      }
    }
    this.#db.close();
    this.#reserve?.release();
    for (const then of this.#onClose.splice(0)) then();
  }
}

/**
 * Curves from their headers and chunks, each checked: the chunks must tile [0, length) in order and
 * match their CRC-32. A curve that does not is returned with `damage` saying how, and only its
 * intact leading points — never as if it were whole.
 */
function assembleCurves(headers: readonly CurveHeaderRow[], chunks: readonly ChunkRow[]): CurveRecord[] {
  const byCurve = new Map<string, ChunkRow[]>();
  for (const chunk of chunks) {
    const key = `${chunk.run_id}\u0000${chunk.metric}`;
    let list = byCurve.get(key);
    if (!list) byCurve.set(key, (list = []));
    list.push(chunk);
  }
  return headers.map((header) => {
    const parts: Float32Array[] = [];
    let at = 0;
    let damage: string | null = null;
    for (const chunk of byCurve.get(`${header.run_id}\u0000${header.metric}`) ?? []) {
      if (chunk.start !== at) {
        damage = chunk.start > at ? `points ${at}–${chunk.start - 1} are missing` : `points from ${chunk.start} are stored twice`;
        break;
      }
      if (!(chunk.points instanceof Uint8Array) || chunk.points.byteLength % 4 !== 0 || crc32(chunk.points) !== chunk.crc) {
        damage = `the points from ${chunk.start} fail their checksum`;
        break;
      }
      const points = decodeCurve(chunk.points);
      parts.push(points);
      at += points.length;
    }
    if (damage === null && at !== header.length) damage = `${header.length} points are recorded but ${at} are stored`;
    const points = new Float32Array(at);
    let offset = 0;
    for (const part of parts) {
      points.set(part, offset);
      offset += part.length;
    }
    return { runId: header.run_id, metric: header.metric, xKind: header.x_kind, points, damage };
  });
}

function toJobRow(record: JobRecord): JobRow {
  return {
    id: record.id,
    experiment: record.experiment,
    name: record.name,
    params: JSON.parse(record.params) as JsonObject,
    seed: record.seed,
    status: record.status,
    problem: record.problem === null ? null : parseJobProblem(JSON.parse(record.problem)),
    createdAt: record.created_at,
    startedAt: record.started_at,
    finishedAt: record.finished_at,
    durationMs: record.duration_ms,
    notes: record.notes,
    tags: JSON.parse(record.tags) as string[],
    importedAt: record.imported_at,
    plannedRuns: record.planned_runs,
  };
}

function toJobListItem(record: JobSummaryRecord, withBest: boolean): JobListItem {
  const runsByStatus = JSON.parse(record.runs_by_status ?? '{}') as Partial<Record<RunStatus, number>>;
  const runCount = Object.values(runsByStatus).reduce((sum, n) => sum + n, 0);
  const item: JobListItem = { ...toJobRow(record), runCount, runsByStatus };
  if (withBest) item.best = record.best ?? null;
  return item;
}

function toRunListItem(record: RunListRecord): RunListItem {
  return {
    ...toRunRow(record),
    jobName: record.job_name,
    experiment: record.experiment,
    jobCreatedAt: record.job_created_at,
    seed: record.seed,
  };
}

function toRunRow(record: RunRecord): RunRow {
  return {
    id: record.id,
    jobId: record.job_id,
    idx: record.idx,
    label: record.label,
    params: JSON.parse(record.params) as JsonObject,
    status: record.status,
    problem: record.problem === null ? null : parseRunProblem(JSON.parse(record.problem)),
    final: decodeFinal(record.final),
    startedAt: record.started_at,
    finishedAt: record.finished_at,
  };
}

// JSON has no NaN or Infinity (JSON.stringify writes null); a diverged run's final loss reads back as NaN.
function encodeFinal(final: FinalMetrics): string {
  return JSON.stringify(final);
}

function decodeFinal(text: string): FinalMetrics {
  const parsed = JSON.parse(text) as Record<string, number | null>;
  const final: FinalMetrics = {};
  for (const [metric, value] of Object.entries(parsed)) final[metric] = value ?? NaN;
  return final;
}
