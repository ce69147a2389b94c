// A job as one self-contained document — what `lab run --json`, `lab show --json` and
// `lab export --format json` print, and what lab/job-import.ts reads back — and the same data as
// CSV (one row per curve point). A selection (runs picked from several jobs, as the compare view
// shows them) has its own document and the same CSV.
import { float32ToBase64 } from '../../src-shared/base64.ts';
import type { NetworkConfig } from '../../src-shared/network.ts';
import type { JobProblem, RunProblem } from '../../src-shared/outcome.ts';
import type { XrayLayout } from '../../src-shared/xray.ts';
import type { Store } from '../store/store.ts';
import type {
  CurveRecord,
  FinalMetrics,
  JobStatus,
  JsonObject,
  RunRow,
  RunStatus,
  StoredNetwork,
  StoredXray,
  XKind,
} from '../store/types.ts';
import { xrayForListeners } from './run-extras.ts';

export const JOB_DOCUMENT_FORMAT = 'dl-lab-job';
export const SELECTION_DOCUMENT_FORMAT = 'dl-lab-selection';
/**
 * The document version this DL Lab writes and the newest it reads. Adding a field readers may ignore
 * keeps it; anything an older reader would misread (a renamed field, a new meaning) bumps it.
 * Version 2: `error` text became `problem` data (src-shared/outcome.ts); version 1 still imports.
 * Runs may carry `network` and `xray` (a reader that ignores them imports the job without them).
 */
export const DOCUMENT_VERSION = 2;

export interface RunDocument {
  index: number;
  label: string;
  params: JsonObject;
  status: RunStatus;
  problem: RunProblem | null;
  /** JSON has no NaN: a non-finite final value is written as null. */
  final: FinalMetrics;
  /** metric -> points; a non-finite point (a diverged loss) is null. */
  curves: Record<string, (number | null)[]>;
  /** metric -> what its x axis counts. */
  xKinds: Record<string, XKind>;
  startedAt: number | null;
  finishedAt: number | null;
  /** The trained network (src-shared/network.ts): its config and every tensor's float32 little-endian bytes as base64. */
  network?: NetworkDocument;
  /** The X-ray samples (src-shared/xray.ts): float32 little-endian, sample after sample, as base64. */
  xray?: XrayDocument;
}

export interface NetworkDocument {
  config: NetworkConfig;
  tensors: { name: string; shape: number[]; data: string }[];
}

export interface XrayDocument {
  layout: XrayLayout;
  iterations: number[];
  data: string;
}

export interface JobDocument {
  format: typeof JOB_DOCUMENT_FORMAT;
  version: typeof DOCUMENT_VERSION;
  /** The job's id where it was exported (an import gets a fresh one). */
  jobId: number;
  experiment: string;
  name: string;
  params: JsonObject;
  seed: number;
  status: JobStatus;
  problem: JobProblem | null;
  createdAt: number;
  startedAt: number | null;
  finishedAt: number | null;
  durationMs: number | null;
  notes: string;
  tags: string[];
  runs: RunDocument[];
}

/** A run of a selection, carrying what it needs of its job to be read on its own. */
export interface SelectionRunDocument extends RunDocument {
  jobId: number;
  experiment: string;
  jobName: string;
  seed: number;
  /** The job's params (the run's own are in `params`): together, the run's whole configuration. */
  jobParams: JsonObject;
}

export interface SelectionDocument {
  format: typeof SELECTION_DOCUMENT_FORMAT;
  version: typeof DOCUMENT_VERSION;
  /** In the order they were picked. */
  runs: SelectionRunDocument[];
}

/** JSON has no NaN or Infinity: they become null, which readers treat as a gap. */
export const jsonNumber = (v: number): number | null => (Number.isFinite(v) ? v : null);

function runDocument(run: RunRow, curves: readonly CurveRecord[], inside: Inside = {}): RunDocument {
  const network = inside.networks?.get(run.id)?.snapshot;
  const xray = inside.xray?.get(run.id);
  return {
    index: run.idx,
    label: run.label,
    params: run.params,
    status: run.status,
    problem: run.problem,
    final: run.final,
    curves: Object.fromEntries(curves.map((c) => [c.metric, Array.from(c.points, jsonNumber)])),
    xKinds: Object.fromEntries(curves.map((c) => [c.metric, c.xKind])),
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    ...(network
      ? {
          network: {
            config: network.config,
            tensors: network.tensors.map((t) => ({ name: t.name, shape: t.shape, data: float32ToBase64(t.values) })),
          },
        }
      : {}),
    ...(xray && xray.samples.length > 0
      ? {
          xray: xrayForListeners(
            xray.layout,
            xray.samples.map((data, i) => ({ iteration: xray.iterations[i], data })),
          ),
        }
      : {}),
  };
}

/** What a job document carries of the runs' insides, by run id. */
interface Inside {
  networks?: Map<number, StoredNetwork>;
  xray?: Map<number, StoredXray>;
}

/** Curves that did not read back whole: an export never passes them off as complete. */
export class DamagedCurvesError extends Error {
  override name = 'DamagedCurvesError';
  readonly curves: string[];
  constructor(curves: string[]) {
    super(
      `cannot export: ${curves.length === 1 ? 'a curve is' : `${curves.length} curves are`} damaged in the database — ${curves.join('; ')}`,
    );
    this.curves = curves;
  }
}

/** A trained network or X-ray samples that did not read back whole: an export refuses them as it refuses a curve. */
export class DamagedInsideError extends DamagedCurvesError {
  override name = 'DamagedInsideError';
  constructor(parts: string[]) {
    super(parts);
    this.message = `cannot export: ${parts.length === 1 ? 'a part is' : `${parts.length} parts are`} damaged in the database — ${parts.join('; ')}`;
  }
}

/** Throws DamagedCurvesError naming every damaged curve (run, label, metric, how). */
function checkWhole(curves: readonly CurveRecord[], labelOf: (runId: number) => string): void {
  const damaged = curves.filter((c) => c.damage !== null).map((c) => `run ${c.runId} (${labelOf(c.runId)}) ${c.metric}: ${c.damage}`);
  if (damaged.length > 0) throw new DamagedCurvesError(damaged);
}

/**
 * The job as one document. With `inside`, its runs carry their trained networks and X-ray samples
 * too (an export: they come back with an import); without, only what a person reads (`lab show`).
 */
export function jobDocument(store: Store, jobId: number, options: { inside?: boolean } = {}): JobDocument | null {
  const job = store.getJob(jobId);
  if (!job) return null;
  const curves = store.getJobCurves(jobId);
  const labelOf = (runId: number) => job.runs.find((run) => run.id === runId)?.label ?? '?';
  checkWhole(curves, labelOf);
  const inside: Inside = {};
  if (options.inside) {
    const networks = store.getJobNetworks(jobId);
    const xray = store.getJobXray(jobId);
    const damaged = [
      ...networks.filter((n) => n.damage !== null).map((n) => `run ${n.runId} (${labelOf(n.runId)}) network: ${n.damage}`),
      ...xray.filter((x) => x.damage !== null).map((x) => `run ${x.runId} (${labelOf(x.runId)}) X-ray: ${x.damage}`),
    ];
    if (damaged.length > 0) throw new DamagedInsideError(damaged);
    inside.networks = new Map(networks.map((n) => [n.runId, n]));
    inside.xray = new Map(xray.map((x) => [x.runId, x]));
  }
  const byRun = new Map<number, CurveRecord[]>();
  for (const curve of curves) {
    const own = byRun.get(curve.runId);
    if (own) own.push(curve);
    else byRun.set(curve.runId, [curve]);
  }
  return {
    format: JOB_DOCUMENT_FORMAT,
    version: DOCUMENT_VERSION,
    jobId: job.id,
    experiment: job.experiment,
    name: job.name,
    params: job.params,
    seed: job.seed,
    status: job.status,
    problem: job.problem,
    createdAt: job.createdAt,
    startedAt: job.startedAt,
    finishedAt: job.finishedAt,
    durationMs: job.durationMs,
    notes: job.notes,
    tags: job.tags,
    runs: job.runs.map((run) => runDocument(run, byRun.get(run.id) ?? [], inside)),
  };
}

/** A run id of a selection that no longer exists (its job was deleted meanwhile). */
export class MissingRunsError extends Error {
  override name = 'MissingRunsError';
  readonly runIds: number[];
  constructor(runIds: number[]) {
    super(
      `cannot export the selection: run${runIds.length > 1 ? 's' : ''} ${runIds.join(', ')} no longer exist${runIds.length > 1 ? '' : 's'}`,
    );
    this.runIds = runIds;
  }
}

/**
 * Runs picked from any jobs, in the order given (a repeated id once), as one document. Throws
 * MissingRunsError, naming them, if some runs no longer exist — an export silently missing runs
 * would pass for a complete one.
 */
export function selectionDocument(store: Store, runIds: readonly number[]): SelectionDocument {
  const runs = store.getRuns(runIds);
  const found = new Set(runs.map((run) => run.id));
  const missing = [...new Set(runIds.filter((id) => !found.has(id)))];
  if (missing.length > 0) throw new MissingRunsError(missing);
  const jobParams = new Map<number, JsonObject>();
  return {
    format: SELECTION_DOCUMENT_FORMAT,
    version: DOCUMENT_VERSION,
    runs: runs.map((run) => {
      let params = jobParams.get(run.jobId);
      if (params === undefined) {
        params = store.getJob(run.jobId)?.params ?? {};
        jobParams.set(run.jobId, params);
      }
      return {
        jobId: run.jobId,
        experiment: run.experiment,
        jobName: run.jobName,
        seed: run.seed,
        jobParams: params,
        ...runDocument(run, whole(store.getCurves(run.id), run.label)),
      };
    }),
  };
}

function whole(curves: CurveRecord[], label: string): CurveRecord[] {
  checkWhole(curves, () => label);
  return curves;
}

const csvCell = (value: string | number): string => {
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

export const CSV_HEADER = 'job_id,run_index,label,metric,x_kind,x,value';

function pushRunRows(rows: string[], jobId: number, run: RunDocument): void {
  for (const [metric, points] of Object.entries(run.curves)) {
    const prefix = [jobId, run.index, csvCell(run.label), csvCell(metric), run.xKinds[metric] ?? ''].join(',');
    points.forEach((value, x) => {
      rows.push(`${prefix},${x},${value === null ? '' : value}`);
    });
  }
}

/** Long format: job_id,run_index,label,metric,x_kind,x,value — one row per point, ready for pandas/R. */
export function jobCsv(doc: JobDocument): string {
  const rows = [CSV_HEADER];
  for (const run of doc.runs) pushRunRows(rows, doc.jobId, run);
  return `${rows.join('\n')}\n`;
}

/** The same long format as `jobCsv` (one reader for both); job_id tells the runs' jobs apart. */
export function selectionCsv(doc: SelectionDocument): string {
  const rows = [CSV_HEADER];
  for (const run of doc.runs) pushRunRows(rows, run.jobId, run);
  return `${rows.join('\n')}\n`;
}
