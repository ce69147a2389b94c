// THE contract between the renderer and main — types only. The preload implements it over
// ipcRenderer.invoke (src-main/electron/preload.ts), main registers one validated handler per
// method (src-main/lab/api-handlers.ts, through src-main/electron/ipc.ts), the web test host
// carries the same calls over loopback HTTP (src-main/web-host/), and the renderer sees only
// `window.lab`. The method names at run time are in channels.ts.
import type { ExperimentId } from './experiments/spec.ts';
import type { LabEvent } from './events.ts';
import type { Problem } from './params/problems.ts';
import type { ParamValues } from './params/spec.ts';
import type {
  JobListItem,
  JobQuery,
  JobRow,
  JobSummary,
  JsonObject,
  ListJobsQuery,
  RunListItem,
  RunPage,
  RunQuery,
  RunRow,
} from './records.ts';
import type { XKind } from './vocabulary.ts';
import type { DigitPrediction, InspectReport, JobExtras, RunXrayData, TestImages } from './inspect.ts';

export type { LabEvent, JobProgressEvent, JobStartedEvent, JobFinishedEvent, RunProgressEvent, CurveDelta } from './events.ts';
export type * from './records.ts';
export type { JobStatus, RunStatus, XKind, FinishedJobStatus } from './vocabulary.ts';
export type { ExperimentId, ExperimentSpec } from './experiments/spec.ts';
export type { ParamSpec, ParamValues, ParamValue } from './params/spec.ts';
export type { Problem } from './params/problems.ts';
export type { Text, Lang } from './i18n/text.ts';
export type { RunProblem, JobProblem } from './outcome.ts';
export type * from './inspect.ts';

export interface AppInfo {
  name: string;
  version: string;
  /** Versions of the runtime hosting the lab service (Electron, Node, Chromium). */
  versions: Record<string, string>;
  /** Folder holding the database (Electron's userData). */
  dataDir: string;
  /** The database file. */
  dbPath: string;
  /** The database could only be opened read-only (a read-only file or folder): nothing can be run or changed. */
  readonly: boolean;
  /** Worker threads training in parallel. */
  workers: number;
  /** Jobs found `running` at start-up and marked interrupted. */
  interruptedAtStart: number;
}

export interface StartJobRequest {
  experiment: ExperimentId;
  params: ParamValues;
  /** Default: a random seed, stored with the job. */
  seed?: number;
  name?: string;
  /** Repeat the whole job with seeds seed+1, seed+2, … (1–MAX_REPEATS; runs carry `repeat` and `seed` params). */
  repeats?: number;
}

/** A started job, or why it could not start: every problem, as data the form puts into words. */
export type StartJobResult = { ok: true; jobId: number } | { ok: false; problems: Problem[] };

export interface CurveData {
  metric: string;
  xKind: XKind;
  /** Non-finite values (a diverged run's last loss) arrive as null over JSON hosts. */
  points: (number | null)[];
  /** Null when the curve read back whole; else how it is damaged in the database (`points` is then its intact start). */
  damage: string | null;
}

export interface RunDetail extends RunRow {
  curves: CurveData[];
}

export interface JobDetail extends JobRow {
  /** A page of the job's runs, from `runOffset` (all of them for any job of a usual size). */
  runs: RunDetail[];
  runOffset: number;
  /** The job's runs in all. */
  runTotal: number;
  /** True while the job is training in this session (its events are still coming). */
  active: boolean;
}

/** The smallest and largest finite value of one final metric over a job's runs. */
export interface MetricRange {
  min: number;
  max: number;
}

/** A job as the history page lists it: with each final metric's range over its runs. */
export interface HistoryJob extends JobListItem {
  /** metric -> range over the runs with a finite value of it (e.g. `{ testAcc: { min, max } }`). */
  finals: Record<string, MetricRange>;
}

/** One page of the history and how many jobs match in all. */
export interface HistoryPage {
  total: number;
  jobs: HistoryJob[];
}

/** A run with what a comparison needs: its job's params and every stored curve. */
export interface RunWithCurves extends RunListItem {
  /** The job's params (the run's own are in `params`): together, the run's whole configuration. */
  jobParams: JsonObject;
  curves: CurveData[];
}

export type ExportFormat = 'csv' | 'json';

/** A file for the user to save: the renderer offers it as a download (a native save dialog in the app). */
export interface ExportFile {
  fileName: string;
  mimeType: string;
  text: string;
}

/** An imported job, or why the file was refused (nothing was written then). */
export type ImportResult = { ok: true; jobId: number } | { ok: false; message: string };

/** Every method the renderer may call. Arguments cross a process boundary: main validates each. */
export interface LabApi {
  getAppInfo(): Promise<AppInfo>;
  startJob(request: StartJobRequest): Promise<StartJobResult>;
  cancelJob(jobId: number): Promise<boolean>;
  listJobs(query: ListJobsQuery): Promise<JobSummary[]>;
  /** A job with a page of its runs (the first 1,000 unless asked) and their curves so far; null when there is no such job. */
  getJob(jobId: number, page?: { offset: number; limit: number }): Promise<JobDetail | null>;
  /** Ids of the jobs training right now. */
  activeJobs(): Promise<number[]>;
  deleteJob(jobId: number): Promise<boolean>;
  renameJob(jobId: number, name: string): Promise<boolean>;
  /** Notes kept as written (at most 10,000 characters); false if there is no such job. */
  setJobNotes(jobId: number, notes: string): Promise<boolean>;
  /** Replaces the tags (trimmed, duplicates dropped; at most 20 of 40 characters); false if no such job. */
  setJobTags(jobId: number, tags: string[]): Promise<boolean>;
  /** One page of the history: filtered by experiment, status and text; sorted by date, duration, name or a final metric. */
  queryJobs(query: JobQuery): Promise<HistoryPage>;
  /** Runs from any jobs (newest job first), for the compare picker. */
  queryRuns(query: RunQuery): Promise<RunPage>;
  /** These runs (at most 200; missing ones left out) with their job's params and their curves, in the order asked. */
  getRuns(runIds: number[]): Promise<RunWithCurves[]>;
  /** A job as CSV (one row per point) or as the JSON document `importJob` reads; null if there is no such job. */
  exportJob(jobId: number, format: ExportFormat): Promise<ExportFile | null>;
  /** Runs picked from any jobs, as CSV or a JSON selection document. */
  exportSelection(runIds: number[], format: ExportFormat): Promise<ExportFile>;
  /** Adds a job exported as JSON (a classmate's result) as a NEW job; a bad file changes nothing. */
  importJob(text: string): Promise<ImportResult>;
  /** What a job kept besides its curves: which runs have a trained network, which an X-ray; null if no such job. */
  jobExtras(jobId: number): Promise<JobExtras | null>;
  /** The X-ray samples of every run of a job; null if no such job. */
  getXray(jobId: number): Promise<RunXrayData[] | null>;
  /** Every kept network of a job on the 10,000 test images (confusion matrices, mistakes); null when it kept none. */
  inspectJob(jobId: number): Promise<InspectReport | null>;
  /** Every kept network's softmax for a drawn digit: 784 values in [0, 1] (28×28, row-major); null when it kept none. */
  predictDigit(jobId: number, pixels: number[]): Promise<DigitPrediction | null>;
  /** MNIST test images by index (at most 500 at once). */
  testImages(indices: number[]): Promise<TestImages>;
  /** Subscribes to lab events (progress, start, finish); returns an unsubscribe function. */
  onEvent(listener: (event: LabEvent) => void): () => void;
}

declare global {
  interface Window {
    lab: LabApi;
  }
}
