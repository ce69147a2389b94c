// The history as the rest of the app sees it — jobs, runs and the queries over them: camelCase,
// JSON columns already parsed. Types only; the store (src-main/store) produces them and api.ts
// carries them to the renderer.
import type { JobProblem, RunProblem } from './outcome.ts';
import type { JobStatus, RunStatus } from './vocabulary.ts';

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
  /** Why the job failed, as data (outcome.ts); null unless it failed. */
  problem: JobProblem | null;
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
  /** Runs its plan has in all; a very large job stopped while its runs were being prepared has fewer rows. */
  plannedRuns: number;
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
  /** Why the run failed or diverged, as data (outcome.ts). */
  problem: RunProblem | null;
  final: FinalMetrics;
  startedAt: number | null;
  finishedAt: number | null;
}

export interface JobWithRuns extends JobRow {
  runs: RunRow[];
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

export interface ListJobsQuery {
  experiment?: string;
  status?: JobStatus;
  /** Default 100. */
  limit?: number;
  offset?: number;
}
