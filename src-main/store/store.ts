// The SQLite store: one file per user, opened once by the main process (or the CLI). Everything is
// synchronous — better-sqlite3 transactions cannot span an await, and a few-millisecond write batch
// a few times a second does not need to be async.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { normalizeName, normalizeNotes, normalizeTags } from './annotations.ts';
import { decodeCurve, encodeCurve } from './curve-codec.ts';
import { RUN_LIST_COLUMNS, checkPage, idList, jobsSql, registerHistoryFunctions, runsSql } from './history-sql.ts';
import { StoreFileError, StoreVersionError } from './errors.ts';
import { APPLICATION_ID, SCHEMA_VERSION, migrate, readSchemaVersion } from './schema.ts';
import { isSqliteError, openDatabase, type Database, type Statement, type Transaction } from './sqlite.ts';
import type {
  CurveRecord,
  FinalMetrics,
  FinishedJobStatus,
  InterruptedAtOpen,
  JobImport,
  JobListItem,
  JobPage,
  JobQuery,
  JobRow,
  JobStatus,
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
  RunStatus,
  WriteProgressResult,
  XKind,
} from './types.ts';

export { StoreFileError, StoreVersionError } from './errors.ts';
export { AnnotationError } from './annotations.ts';

export interface OpenStoreOptions {
  /** Read only: no migration, no recovery, no writes (e.g. a CLI listing while the app runs). */
  readonly?: boolean;
  /** Clock in ms since the epoch; tests pass a fake one. */
  now?: () => number;
}

/** How long a write waits for another process holding the lock before failing with SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 5000;
/** After a checkpoint, truncate the WAL back to this size instead of leaving it at its peak. */
const WAL_SIZE_LIMIT_BYTES = 16 * 1024 * 1024;
const DEFAULT_LIST_LIMIT = 100;

export function openStore(file: string, options: OpenStoreOptions = {}): Store {
  const readonly = options.readonly ?? false;
  const inMemory = file === ':memory:' || file === '';
  let db: Database;
  try {
    if (!readonly && !inMemory) mkdirSync(dirname(resolve(file)), { recursive: true });
    db = openDatabase(file, { readonly, fileMustExist: readonly, timeout: BUSY_TIMEOUT_MS });
  } catch (error) {
    const reason = error instanceof Error ? ` (${error.message})` : '';
    throw new StoreFileError(file, `cannot be opened${readonly ? ' for reading' : ''}${reason}`, { cause: error });
  }
  try {
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
      return new Store(db, file, { jobs: 0, runs: 0 }, options.now ?? Date.now);
    }
    migrate(db);
    return new Store(db, file, interruptLeftovers(db), options.now ?? Date.now);
  } catch (error) {
    db.close();
    throw explainOpenError(file, error);
  }
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
    // WAL: the UI reads while the run manager writes, and a killed process never leaves a torn file.
    db.pragma('journal_mode = WAL');
    db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`);
  }
  // In WAL mode NORMAL never corrupts and loses nothing on a crash of the app; only a power cut may
  // drop the last batches. A full fsync per progress batch would buy little for training curves.
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON'); // per connection; the cascades job -> runs -> curves depend on it
}

function explainOpenError(file: string, error: unknown): unknown {
  if (!isSqliteError(error)) return error;
  if (error.code === 'SQLITE_NOTADB') {
    return new StoreFileError(file, 'is not a SQLite database (not a DL Lab file, or damaged); nothing was changed', {
      cause: error,
    });
  }
  if (error.code.startsWith('SQLITE_CORRUPT')) {
    return new StoreFileError(file, `is damaged (SQLite: ${error.message})`, { cause: error });
  }
  return error;
}

/**
 * Whatever was queued or running when the last session ended is not running any more. Done in one
 * transaction at open, before anyone reads the list; the curves written so far stay.
 */
function interruptLeftovers(db: Database): InterruptedAtOpen {
  return db
    .transaction(() => {
      const leftovers = db
        .prepare(`SELECT id, owner_pid AS ownerPid FROM jobs WHERE status IN ('queued', 'running')`)
        .all() as { id: number; ownerPid: number | null }[];
      // A job still trained by another live process (the app while the CLI opens the file, say)
      // is left alone; our own pid counts as gone: this process has just opened the store.
      const orphaned = leftovers.filter((job) => job.ownerPid === null || job.ownerPid === process.pid || !processAlive(job.ownerPid));
      let runs = 0;
      const interruptRuns = db.prepare(`UPDATE runs SET status = 'interrupted' WHERE job_id = ? AND status IN ('queued', 'running')`);
      const interruptJob = db.prepare(`UPDATE jobs SET status = 'interrupted' WHERE id = ?`);
      for (const job of orphaned) {
        runs += interruptRuns.run(job.id).changes;
        interruptJob.run(job.id);
      }
      return { jobs: orphaned.length, runs };
    })
    .immediate();
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // exists, owned by someone else
  }
}

// Rows as SQLite returns them.
interface JobRecord {
  id: number;
  experiment: string;
  name: string;
  params: string;
  seed: number;
  status: JobStatus;
  error: string | null;
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
  duration_ms: number | null;
  notes: string;
  tags: string;
  imported_at: number | null;
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
  error: string | null;
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
interface CurveRecordRow {
  run_id: number;
  metric: string;
  x_kind: XKind;
  points: Uint8Array;
}

const TERMINAL_RUN_STATUSES: readonly RunStatus[] = ['done', 'cancelled', 'failed', 'diverged', 'interrupted'];

export class Store {
  readonly file: string;
  /** What was found still queued/running at open and marked `interrupted` (the app should tell the user). */
  readonly interruptedAtOpen: InterruptedAtOpen;
  readonly #db: Database;
  readonly #now: () => number;
  readonly #statements = new Map<string, Statement<unknown>>();
  readonly #closeOnExit = (): void => this.close();
  readonly #writeProgress: Transaction<(batch: readonly RunProgress[]) => WriteProgressResult>;
  readonly #createRuns: Transaction<(jobId: number, runs: readonly NewRun[]) => number[]>;
  readonly #importJob: Transaction<(job: JobImport) => number>;
  /** Runs a function in one (deferred, read) transaction: several queries see the same snapshot. */
  readonly #read: Transaction<<T>(read: () => T) => T>;

  /** Use `openStore`. */
  constructor(db: Database, file: string, interruptedAtOpen: InterruptedAtOpen, now: () => number) {
    this.#db = db;
    this.file = file;
    this.interruptedAtOpen = interruptedAtOpen;
    this.#now = now;
    this.#writeProgress = db.transaction((batch) => this.#writeProgressInTransaction(batch));
    this.#createRuns = db.transaction((jobId, runs) => this.#createRunsInTransaction(jobId, runs));
    this.#importJob = db.transaction((job) => this.#importJobInTransaction(job));
    this.#read = db.transaction((read) => read());
    registerHistoryFunctions(db);
    // Closing checkpoints the WAL into the main file and removes the -wal/-shm files.
    process.on('exit', this.#closeOnExit);
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

  // ---- jobs ----------------------------------------------------------------------------------------

  /** A new job, `running` from now. */
  createJob(job: NewJob): number {
    const now = this.#now();
    const result = this.#statement(
      `INSERT INTO jobs (experiment, name, params, seed, status, created_at, started_at, owner_pid)
       VALUES (@experiment, @name, @params, @seed, 'running', @now, @now, @pid)`,
    ).run({ experiment: job.experiment, name: normalizeName(job.name ?? ''), params: JSON.stringify(job.params), seed: job.seed, now, pid: process.pid });
    return Number(result.lastInsertRowid);
  }

  /** Sets the job's final status, finish time and duration. False if the job does not exist. */
  finishJob(jobId: number, status: FinishedJobStatus, error?: string): boolean {
    const now = this.#now();
    return (
      this.#statement(
        `UPDATE jobs SET status = @status, error = @error, finished_at = @now, duration_ms = @now - started_at
         WHERE id = @jobId`,
      ).run({ jobId, status, error: error ?? null, now }).changes > 0
    );
  }

  /** Trims the name (empty = unnamed); throws AnnotationError past 200 characters. False if no such job. */
  renameJob(jobId: number, name: string): boolean {
    return this.#statement(`UPDATE jobs SET name = ? WHERE id = ?`).run(normalizeName(name), jobId).changes > 0;
  }

  /** Keeps the notes as written; throws AnnotationError past 10,000 characters. False if no such job. */
  setJobNotes(jobId: number, notes: string): boolean {
    return this.#statement(`UPDATE jobs SET notes = ? WHERE id = ?`).run(normalizeNotes(notes), jobId).changes > 0;
  }

  /**
   * Replaces the tags: trimmed, blank and duplicate (case-insensitively) ones dropped; throws
   * AnnotationError for more than 20 or one longer than 40 characters. False if no such job.
   */
  setJobTags(jobId: number, tags: readonly string[]): boolean {
    return this.#statement(`UPDATE jobs SET tags = ? WHERE id = ?`).run(JSON.stringify(normalizeTags(tags)), jobId).changes > 0;
  }

  /** Deletes the job, its runs and their curves (one statement, so one transaction, via ON DELETE CASCADE). */
  deleteJob(jobId: number): boolean {
    return this.#statement(`DELETE FROM jobs WHERE id = ?`).run(jobId).changes > 0;
  }

  /** Newest first, with run counts. */
  listJobs(query: ListJobsQuery = {}): JobSummary[] {
    const limit = query.limit ?? DEFAULT_LIST_LIMIT;
    const offset = query.offset ?? 0;
    checkPage(limit, offset, Number.MAX_SAFE_INTEGER);
    const sql = jobsSql({ experiment: query.experiment, status: query.status });
    return this.#statement<JobSummaryRecord>(sql.page).all({ ...sql.params, limit, offset }).map((r) => toJobListItem(r, false));
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
    const rows = this.#statement<{ jobId: number; metric: string; lo: number; hi: number }>(
      `SELECT runs.job_id AS jobId, f.key AS metric, min(f.value) AS lo, max(f.value) AS hi
       FROM runs JOIN json_each(runs.final) AS f
       WHERE runs.job_id IN (SELECT value FROM json_each(@jobIds)) AND f.type IN ('integer', 'real')
       GROUP BY runs.job_id, f.key`,
    ).all({ jobIds: idList(jobIds, 'jobIds') });
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
    const record = this.#statement<JobRecord>(`SELECT * FROM jobs WHERE id = ?`).get(jobId);
    if (record === undefined) return undefined;
    const runs = this.#statement<RunRecord>(`SELECT * FROM runs WHERE job_id = ? ORDER BY idx`).all(jobId);
    return { ...toJobRow(record), runs: runs.map(toRunRow) };
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
      runs: this.#statement<RunListRecord>(sql.page).all({ ...sql.params, limit: query.limit, offset: query.offset }).map(toRunListItem),
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
    return this.#importJob(job);
  }

  #importJobInTransaction(job: JobImport): number {
    if ((job.status as JobStatus) === 'queued' || (job.status as JobStatus) === 'running') {
      throw new Error(`an imported job cannot be ${job.status}: nothing trains it here`);
    }
    const jobId = Number(
      this.#statement(
        `INSERT INTO jobs (experiment, name, params, seed, status, error, created_at, started_at, finished_at,
                           duration_ms, notes, tags, owner_pid, imported_at)
         VALUES (@experiment, @name, @params, @seed, @status, @error, @createdAt, @startedAt, @finishedAt,
                 @durationMs, @notes, @tags, NULL, @now)`,
      ).run({
        experiment: job.experiment,
        name: normalizeName(job.name),
        params: JSON.stringify(job.params),
        seed: job.seed,
        status: job.status,
        error: job.error,
        createdAt: job.createdAt,
        startedAt: job.startedAt,
        finishedAt: job.finishedAt,
        durationMs: job.durationMs,
        notes: normalizeNotes(job.notes),
        tags: JSON.stringify(normalizeTags(job.tags)),
        now: this.#now(),
      }).lastInsertRowid,
    );
    const insertRun = this.#statement(
      `INSERT INTO runs (job_id, idx, label, params, status, error, final, started_at, finished_at)
       VALUES (@jobId, @idx, @label, @params, @status, @error, @final, @startedAt, @finishedAt)`,
    );
    const insertCurve = this.#statement(
      `INSERT INTO curves (run_id, metric, x_kind, points, length) VALUES (@runId, @metric, @xKind, @points, @length)`,
    );
    for (const run of job.runs) {
      if ((run.status as RunStatus) === 'queued' || (run.status as RunStatus) === 'running') {
        throw new Error(`an imported run cannot be ${run.status}: nothing trains it here`);
      }
      const runId = Number(
        insertRun.run({
          jobId,
          idx: run.idx,
          label: run.label,
          params: JSON.stringify(run.params),
          status: run.status,
          error: run.error,
          final: encodeFinal(run.final),
          startedAt: run.startedAt,
          finishedAt: run.finishedAt,
        }).lastInsertRowid,
      );
      for (const curve of run.curves) {
        insertCurve.run({ runId, metric: curve.metric, xKind: curve.xKind, points: encodeCurve(curve.points), length: curve.points.length });
      }
    }
    return jobId;
  }

  // ---- runs ----------------------------------------------------------------------------------------

  /** Adds runs (status `queued`) after the job's existing ones; returns their ids in the same order. */
  createRuns(jobId: number, runs: readonly NewRun[]): number[] {
    return this.#createRuns(jobId, runs);
  }

  #createRunsInTransaction(jobId: number, runs: readonly NewRun[]): number[] {
    const next = this.#statement<{ job: number | null; next: number }>(
      `SELECT (SELECT id FROM jobs WHERE id = @jobId) AS job,
              (SELECT coalesce(max(idx) + 1, 0) FROM runs WHERE job_id = @jobId) AS next`,
    ).get({ jobId });
    if (next?.job == null) throw new Error(`cannot add runs: job ${jobId} does not exist`);
    const insert = this.#statement(
      `INSERT INTO runs (job_id, idx, label, params, status) VALUES (@jobId, @idx, @label, @params, 'queued')`,
    );
    return runs.map(
      (run, i) =>
        Number(insert.run({ jobId, idx: next.next + i, label: run.label, params: JSON.stringify(run.params) }).lastInsertRowid),
    );
  }

  /**
   * `running` stamps the start (once); the end statuses stamp the finish. An error is kept only with
   * the status it came with. False if the run does not exist.
   */
  setRunStatus(runId: number, status: RunStatus, error?: string): boolean {
    return (
      this.#statement(
        `UPDATE runs SET status = @status, error = @error,
           started_at  = CASE WHEN @status = 'running' THEN coalesce(started_at, @now) ELSE started_at END,
           finished_at = CASE WHEN @terminal THEN @now ELSE finished_at END
         WHERE id = @runId`,
      ).run({ runId, status, error: error ?? null, now: this.#now(), terminal: TERMINAL_RUN_STATUSES.includes(status) ? 1 : 0 })
        .changes > 0
    );
  }

  /** Replaces a run's params, e.g. with the values a hyperparameter trial drew once it ran. */
  setRunParams(runId: number, params: JsonObject): boolean {
    return this.#statement(`UPDATE runs SET params = ? WHERE id = ?`).run(JSON.stringify(params), runId).changes > 0;
  }

  setRunFinal(runId: number, final: FinalMetrics): boolean {
    return this.#statement(`UPDATE runs SET final = ? WHERE id = ?`).run(encodeFinal(final), runId).changes > 0;
  }

  /**
   * Stores one batch of progress — whole curves, statuses, finals, for any number of runs — in ONE
   * transaction: a batch is all or nothing, and one commit (one WAL append) instead of hundreds.
   * Runs that no longer exist are skipped and reported (their job was deleted while it ran).
   */
  writeProgress(batch: readonly RunProgress[]): WriteProgressResult {
    return this.#writeProgress(batch);
  }

  #writeProgressInTransaction(batch: readonly RunProgress[]): WriteProgressResult {
    const runExists = this.#statement<{ id: number }>(`SELECT id FROM runs WHERE id = ?`);
    // Whole-curve upsert: curves are at most a few thousand points, so rewriting the blob is cheap
    // and never leaves a half-appended curve.
    const upsertCurve = this.#statement(
      `INSERT INTO curves (run_id, metric, x_kind, points, length) VALUES (@runId, @metric, @xKind, @points, @length)
       ON CONFLICT (run_id, metric) DO UPDATE SET x_kind = excluded.x_kind, points = excluded.points, length = excluded.length`,
    );
    const missingRunIds: number[] = [];
    for (const progress of batch) {
      const { runId } = progress;
      if (runExists.get(runId) === undefined) {
        missingRunIds.push(runId);
        continue;
      }
      for (const curve of progress.curves) {
        upsertCurve.run({
          runId,
          metric: curve.metric,
          xKind: curve.xKind,
          points: encodeCurve(curve.points),
          length: curve.points.length,
        });
      }
      if (progress.status !== undefined) this.setRunStatus(runId, progress.status, progress.error);
      if (progress.final !== undefined) this.setRunFinal(runId, progress.final);
    }
    return { missingRunIds };
  }

  // ---- curves --------------------------------------------------------------------------------------

  /** The run's curves by metric name; each Float32Array owns an aligned copy of the stored values. */
  getCurves(runId: number): CurveRecord[] {
    return this.#statement<CurveRecordRow>(
      `SELECT run_id, metric, x_kind, points FROM curves WHERE run_id = ? ORDER BY metric`,
    )
      .all(runId)
      .map(toCurveRecord);
  }

  /** Every curve of every run of the job, in run order then metric name. */
  getJobCurves(jobId: number): CurveRecord[] {
    return this.#statement<CurveRecordRow>(
      `SELECT curves.run_id, curves.metric, curves.x_kind, curves.points
       FROM runs JOIN curves ON curves.run_id = runs.id
       WHERE runs.job_id = ? ORDER BY runs.idx, curves.metric`,
    )
      .all(jobId)
      .map(toCurveRecord);
  }

  // ---- lifecycle -----------------------------------------------------------------------------------

  get isOpen(): boolean {
    return this.#db.open;
  }

  /** Closes the connection (idempotent). Running jobs are left as they are; the next open interrupts them. */
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
  }
}

function toJobRow(record: JobRecord): JobRow {
  return {
    id: record.id,
    experiment: record.experiment,
    name: record.name,
    params: JSON.parse(record.params) as JsonObject,
    seed: record.seed,
    status: record.status,
    error: record.error,
    createdAt: record.created_at,
    startedAt: record.started_at,
    finishedAt: record.finished_at,
    durationMs: record.duration_ms,
    notes: record.notes,
    tags: JSON.parse(record.tags) as string[],
    importedAt: record.imported_at,
  };
}

function toJobListItem(record: JobSummaryRecord, withBest: boolean): JobListItem {
  const runsByStatus = JSON.parse(record.runs_by_status) as Partial<Record<RunStatus, number>>;
  const runCount = Object.values(runsByStatus).reduce((sum, n) => sum + n, 0);
  const item: JobListItem = { ...toJobRow(record), runCount, runsByStatus };
  if (withBest) item.best = record.best ?? null;
  return item;
}

function toRunListItem(record: RunListRecord): RunListItem {
  return { ...toRunRow(record), jobName: record.job_name, experiment: record.experiment, jobCreatedAt: record.job_created_at, seed: record.seed };
}

function toRunRow(record: RunRecord): RunRow {
  return {
    id: record.id,
    jobId: record.job_id,
    idx: record.idx,
    label: record.label,
    params: JSON.parse(record.params) as JsonObject,
    status: record.status,
    error: record.error,
    final: decodeFinal(record.final),
    startedAt: record.started_at,
    finishedAt: record.finished_at,
  };
}

function toCurveRecord(row: CurveRecordRow): CurveRecord {
  return { runId: row.run_id, metric: row.metric, xKind: row.x_kind, points: decodeCurve(row.points) };
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
