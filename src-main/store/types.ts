// The store's own write-side types (what it is given to write); what it returns is in
// src-shared/records.ts.
import type { JobProblem, RunProblem } from '../../src-shared/outcome.ts';
import type { FinalMetrics, JsonObject } from '../../src-shared/records.ts';
import type { FinishedJobStatus, RunStatus, TerminalRunStatus, XKind } from '../../src-shared/vocabulary.ts';
import type { NetworkSnapshot } from '../../src-shared/network.ts';
import type { NetworkWrite, XrayWrite } from './networks-xray.ts';

export type {
  FinalMetrics,
  JobListItem,
  JobPage,
  JobQuery,
  JobRow,
  JobSort,
  JobSummary,
  JobWithRuns,
  JsonObject,
  ListJobsQuery,
  RunListItem,
  RunPage,
  RunQuery,
  RunRow,
} from '../../src-shared/records.ts';
export type { FinishedJobStatus, JobStatus, RunStatus, XKind } from '../../src-shared/vocabulary.ts';
export type { KeepNetworks, NetworkWrite, StoredNetwork, StoredXray, XrayWrite } from './networks-xray.ts';

export interface CurveRecord {
  runId: number;
  /** e.g. 'loss', 'trainAcc', 'testAcc'. One curve per (run, metric). */
  metric: string;
  xKind: XKind;
  /** Its own aligned buffer: safe to keep, transfer or hand to a chart. */
  points: Float32Array;
  /** Null when the curve read back whole; else how it is damaged (`points` then holds its intact start). */
  damage: string | null;
}

export interface NewJob {
  experiment: string;
  params: JsonObject;
  seed: number;
  name?: string;
  /** Runs its plan has in all, when more are added later (a very large job prepared in steps). */
  plannedRuns?: number;
}

export interface NewRun {
  label: string;
  params: JsonObject;
}

export interface CurveUpdate {
  metric: string;
  xKind: XKind;
  /** Where `points` go: the curve's stored length (an append), or undefined to replace the whole curve. */
  start?: number;
  points: Float32Array;
}

/** Everything that changed for one run since the last write. */
export interface RunProgress {
  runId: number;
  curves: readonly CurveUpdate[];
  status?: RunStatus;
  problem?: RunProblem | null;
  final?: FinalMetrics;
  /** The trained network, kept as its rule says (written after `final`, which a `best` rule ranks by). */
  network?: NetworkWrite;
  /** X-ray samples taken since the last write. */
  xray?: XrayWrite;
}

export interface WriteProgressResult {
  /** Runs of the batch that no longer exist (their job was deleted meanwhile); nothing was written for them. */
  missingRunIds: number[];
}

/** A finished job with its runs and curves, written as new rows (an import; see lab/job-import.ts). */
export interface JobImport {
  experiment: string;
  name: string;
  params: JsonObject;
  seed: number;
  status: FinishedJobStatus;
  problem: JobProblem | null;
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
  status: TerminalRunStatus;
  problem: RunProblem | null;
  final: FinalMetrics;
  startedAt: number | null;
  finishedAt: number | null;
  curves: readonly CurveUpdate[];
  network?: NetworkSnapshot;
  xray?: XrayWrite;
}

/** What `openStore` found left over from a previous session that did not end cleanly. */
export interface InterruptedAtOpen {
  jobs: number;
  runs: number;
}
