// What the lab service tells its listeners (the CLI's progress bar, the renderer's live charts).
// Types only: api.ts re-exports them to the renderer.
import type { ExperimentId } from './experiments/spec.ts';
import type { XrayDelta } from './inspect.ts';
import type { JobProblem, RunProblem } from './outcome.ts';
import type { FinalMetrics } from './records.ts';
import type { JobStatus, RunStatus } from './vocabulary.ts';

export interface CurveDelta {
  /** Points appended since the last event — or the whole curve when `replace`. */
  points: number[];
  replace: boolean;
}

export interface RunProgressEvent {
  runId: number;
  index: number;
  label: string;
  /** The run's params, only when they changed (a run may add some when it ends, e.g. a histogram's bin edges). */
  params?: Record<string, unknown>;
  status: RunStatus;
  done: number;
  total: number;
  final: FinalMetrics;
  problem: RunProblem | null;
  curves: Record<string, CurveDelta>;
  /** X-ray samples taken since the last event (src-shared/xray.ts), for the runs that take one. */
  xray?: XrayDelta;
}

export interface JobProgressEvent {
  type: 'progress';
  jobId: number;
  experiment: ExperimentId;
  status: JobStatus;
  done: number;
  total: number;
  elapsedMs: number;
  /** Estimated time left; null until there is enough progress to tell. */
  etaMs: number | null;
  /** Only the runs that changed since the last event. */
  runs: RunProgressEvent[];
}

export interface JobStartedEvent {
  type: 'job-started';
  jobId: number;
  experiment: ExperimentId;
}

export interface JobFinishedEvent {
  type: 'job-finished';
  jobId: number;
  experiment: ExperimentId;
  status: JobStatus;
  problem: JobProblem | null;
  durationMs: number;
}

export type LabEvent = JobStartedEvent | JobProgressEvent | JobFinishedEvent;
