// THE contract between the renderer and main — types only. The preload implements it over
// ipcRenderer.invoke (src-main/preload.ts), main registers one validated handler per method
// (src-main/ipc/), the web test host carries the same calls over loopback HTTP
// (src-main/web-host.ts), and the renderer sees only `window.lab`. Nothing here may import Node or
// Electron at run time: the renderer's tsconfig includes this file.
import type { ExperimentId, XKind } from '../src-worker/experiments/experiment.ts';
import type { ParamSpec, ParamValues, Text } from '../src-worker/experiments/params.ts';
import type { LabEvent } from './lab/events.ts';
import type { JobStatus, JobSummary, RunRow, JobRow, ListJobsQuery } from './store/types.ts';

export type { LabEvent, JobProgressEvent, JobStartedEvent, JobFinishedEvent, RunProgressEvent, CurveDelta } from './lab/events.ts';
export type { JobStatus, RunStatus, JobSummary, RunRow, JobRow, ListJobsQuery, FinalMetrics } from './store/types.ts';
export type { ExperimentId, XKind } from '../src-worker/experiments/experiment.ts';
export type { ParamSpec, ParamValues, ParamValue, Text } from '../src-worker/experiments/params.ts';

export interface AppInfo {
  name: string;
  version: string;
  /** Versions of the runtime hosting the lab service (Electron, Node, Chromium). */
  versions: Record<string, string>;
  /** Folder holding the database (Electron's userData). */
  dataDir: string;
  /** The database file. */
  dbPath: string;
  /** Worker threads training in parallel. */
  workers: number;
  /** Jobs found `running` at start-up and marked interrupted. */
  interruptedAtStart: number;
}

/** What the renderer needs to draw an experiment's page and form. */
export interface ExperimentInfo {
  id: ExperimentId;
  section: '6.1' | '6.2' | '6.3' | '6.4' | '6.5' | 'check';
  title: Text;
  summary: Text;
  params: ParamSpec[];
  curves: Record<string, XKind>;
  usesMnist: boolean;
}

export interface StartJobRequest {
  experiment: ExperimentId;
  params: ParamValues;
  /** Default: a random seed, stored with the job. */
  seed?: number;
  name?: string;
  /** Repeat the whole job with seeds seed+1, seed+2, … (1–20; runs carry `repeat` and `seed` params). */
  repeats?: number;
}

/** A started job, or why it could not start (every problem, one message each). */
export type StartJobResult = { ok: true; jobId: number } | { ok: false; problems: string[] };

export interface CurveData {
  metric: string;
  xKind: XKind;
  /** Non-finite values (a diverged run's last loss) arrive as null over JSON hosts. */
  points: (number | null)[];
}

export interface RunDetail extends RunRow {
  curves: CurveData[];
}

export interface JobDetail extends JobRow {
  runs: RunDetail[];
  /** True while the job is training in this session (its events are still coming). */
  active: boolean;
}

/** Every method the renderer may call. Arguments cross a process boundary: main validates each. */
export interface LabApi {
  getAppInfo(): Promise<AppInfo>;
  listExperiments(): Promise<ExperimentInfo[]>;
  startJob(request: StartJobRequest): Promise<StartJobResult>;
  cancelJob(jobId: number): Promise<boolean>;
  listJobs(query: ListJobsQuery): Promise<JobSummary[]>;
  /** A job with its runs and every curve so far; null when there is no such job. */
  getJob(jobId: number): Promise<JobDetail | null>;
  /** Ids of the jobs training right now. */
  activeJobs(): Promise<number[]>;
  deleteJob(jobId: number): Promise<boolean>;
  renameJob(jobId: number, name: string): Promise<boolean>;
  /** Subscribes to lab events (progress, start, finish); returns an unsubscribe function. */
  onEvent(listener: (event: LabEvent) => void): () => void;
}

/** The invoke-style methods (all but the event subscription). */
export type LabMethod = Exclude<keyof LabApi, 'onEvent'>;

/** Status values a job can end with, for filters. */
export type FinishedStatus = Exclude<JobStatus, 'queued' | 'running'>;

declare global {
  interface Window {
    lab: LabApi;
  }
}
