// Row types of the store, as the rest of the app sees them: camelCase, JSON columns already parsed.
// Types only, no Node imports, so that api.ts may re-export them to the renderer.

export const JOB_STATUSES = ['queued', 'running', 'done', 'cancelled', 'failed', 'interrupted'] as const;
export const RUN_STATUSES = ['queued', 'running', 'done', 'cancelled', 'failed', 'diverged', 'interrupted'] as const;
export const X_KINDS = ['iteration', 'epoch', 'step', 'bin'] as const;

export type JobStatus = (typeof JOB_STATUSES)[number];
/** `diverged`: the loss became NaN/Inf; the curve up to that point is kept. */
export type RunStatus = (typeof RUN_STATUSES)[number];
/** What a curve's x axis counts: training iterations, epochs, optimizer steps or histogram bins. */
export type XKind = (typeof X_KINDS)[number];
/** How a job ends; `interrupted` is normally set by the store itself when it finds a job left running. */
export type FinishedJobStatus = Exclude<JobStatus, 'queued' | 'running'>;

export type JsonObject = { [key: string]: unknown };
/** Final metrics of a run (e.g. `{ trainAcc: 0.98, testAcc: 0.97 }`). NaN stands for any non-finite value. */
export type FinalMetrics = Record<string, number>;

export interface JobRow {
  id: number;
  experiment: string;
  /** User-editable; empty until the user names the job. */
  name: string;
  params: JsonObject;
  seed: number;
  status: JobStatus;
  error: string | null;
  /** Milliseconds since the epoch. */
  createdAt: number;
  startedAt: number | null;
  /** Null while running, and for jobs found `interrupted` (when they stopped is unknown). */
  finishedAt: number | null;
  durationMs: number | null;
  notes: string;
  tags: string[];
  /** When this job was imported from a JSON export (someone else's result, say); null if it ran here. */
  importedAt: number | null;
}

/** A job as listed: its row plus how many runs it has, in total and by status. */
export interface JobSummary extends JobRow {
  runCount: number;
  runsByStatus: Partial<Record<RunStatus, number>>;
}

export interface RunRow {
  id: number;
  jobId: number;
  /** Order within the job, from 0. */
  idx: number;
  label: string;
  params: JsonObject;
  status: RunStatus;
  error: string | null;
  final: FinalMetrics;
  startedAt: number | null;
  finishedAt: number | null;
}

export interface JobWithRuns extends JobRow {
  runs: RunRow[];
}

export interface CurveRecord {
  runId: number;
  /** e.g. 'loss', 'trainAcc', 'testAcc'. One curve per (run, metric). */
  metric: string;
  xKind: XKind;
  /** Its own aligned buffer: safe to keep, transfer or hand to a chart. */
  points: Float32Array;
}

export interface NewJob {
  experiment: string;
  params: JsonObject;
  seed: number;
  name?: string;
}

export interface NewRun {
  label: string;
  params: JsonObject;
}

export interface CurveUpdate {
  metric: string;
  xKind: XKind;
  /** The whole curve so far (it replaces what was stored). */
  points: Float32Array;
}

/** Everything that changed for one run since the last write. */
export interface RunProgress {
  runId: number;
  curves: readonly CurveUpdate[];
  status?: RunStatus;
  error?: string;
  final?: FinalMetrics;
}

export interface WriteProgressResult {
  /** Runs of the batch that no longer exist (their job was deleted meanwhile); nothing was written for them. */
  missingRunIds: number[];
}

/**
 * How the history is sorted. `created` (the default): by creation time. `duration`: by training
 * time, unfinished jobs last. `name`: case-insensitively, unnamed jobs last. `{ metric }`: by the
 * best value of that final metric over the job's runs — the largest (`order: 'max'`, the default,
 * e.g. accuracies) or the smallest (`'min'`, e.g. a loss); jobs without a finite value of it last.
 */
export type JobSort = 'created' | 'duration' | 'name' | { metric: string; order?: 'max' | 'min' };

export interface JobQuery {
  experiment?: string;
  status?: JobStatus;
  /** Case-insensitive substring of the job's name, notes, a tag, the experiment id or a run label. */
  text?: string;
  sort?: JobSort;
  /**
   * Default: newest first, longest first, name A→Z, best metric value first (largest for `max`,
   * smallest for `min`). Ties are broken by id in the same direction.
   */
  descending?: boolean;
  /** At most 10,000. */
  limit: number;
  offset: number;
}

/** A job as the history lists it; with `best` when the list is sorted by a final metric. */
export interface JobListItem extends JobSummary {
  /** The job's best value of the sort metric; null when none of its runs has a finite one. */
  best?: number | null;
}

/** One page of the history and how many jobs match in all (for the pager). */
export interface JobPage {
  total: number;
  jobs: JobListItem[];
}

export interface RunQuery {
  /** Only runs of these jobs (at most 100,000 ids). */
  jobIds?: readonly number[];
  experiment?: string;
  /** Exactly this run label (e.g. every `Adam` run). */
  label?: string;
  status?: RunStatus;
  /** Case-insensitive substring of the run's label or its job's name, notes, a tag or experiment id. */
  text?: string;
  /** At most 10,000. */
  limit: number;
  offset: number;
}

/** A run with what a picker shows of its job. */
export interface RunListItem extends RunRow {
  jobName: string;
  experiment: string;
  jobCreatedAt: number;
  seed: number;
}

/** Runs newest job first, then in their job's order; `total` counts every match. */
export interface RunPage {
  total: number;
  runs: RunListItem[];
}

/** A finished job with its runs and curves, written as new rows (an import; see lab/job-import.ts). */
export interface JobImport {
  experiment: string;
  name: string;
  params: JsonObject;
  seed: number;
  status: FinishedJobStatus;
  error: string | null;
  createdAt: number;
  startedAt: number | null;
  finishedAt: number | null;
  durationMs: number | null;
  notes: string;
  tags: readonly string[];
  runs: readonly RunImport[];
}

export interface RunImport {
  idx: number;
  label: string;
  params: JsonObject;
  status: Exclude<RunStatus, 'queued' | 'running'>;
  error: string | null;
  final: FinalMetrics;
  startedAt: number | null;
  finishedAt: number | null;
  curves: readonly CurveUpdate[];
}

export interface ListJobsQuery {
  experiment?: string;
  status?: JobStatus;
  /** Default 100. */
  limit?: number;
  offset?: number;
}

/** What `openStore` found left over from a previous session that did not end cleanly. */
export interface InterruptedAtOpen {
  jobs: number;
  runs: number;
}
