// A job as one self-contained document — what `lab run --json`, `lab show --json` and
// `lab export --format json` print — and the same data as CSV (one row per curve point).
import type { Store } from '../store/store.ts';
import type { FinalMetrics, JobStatus, JsonObject, RunStatus } from '../store/types.ts';

export interface RunDocument {
  index: number;
  label: string;
  params: JsonObject;
  status: RunStatus;
  error: string | null;
  final: FinalMetrics;
  curves: Record<string, number[]>;
  xKinds: Record<string, string>;
}

export interface JobDocument {
  format: 'dl-lab-job';
  version: 1;
  jobId: number;
  experiment: string;
  name: string;
  params: JsonObject;
  seed: number;
  status: JobStatus;
  error: string | null;
  createdAt: number;
  durationMs: number | null;
  notes: string;
  tags: string[];
  runs: RunDocument[];
}

/** JSON has no NaN or Infinity: they become null, which readers treat as a gap. */
const jsonNumber = (v: number): number | null => (Number.isFinite(v) ? v : null);

export function jobDocument(store: Store, jobId: number): JobDocument | null {
  const job = store.getJob(jobId);
  if (!job) return null;
  const curves = store.getJobCurves(jobId);
  return {
    format: 'dl-lab-job',
    version: 1,
    jobId: job.id,
    experiment: job.experiment,
    name: job.name,
    params: job.params,
    seed: job.seed,
    status: job.status,
    error: job.error,
    createdAt: job.createdAt,
    durationMs: job.durationMs,
    notes: job.notes,
    tags: job.tags,
    runs: job.runs.map((run) => {
      const own = curves.filter((curve) => curve.runId === run.id);
      return {
        index: run.idx,
        label: run.label,
        params: run.params,
        status: run.status,
        error: run.error,
        final: run.final,
        curves: Object.fromEntries(own.map((c) => [c.metric, Array.from(c.points, (v) => jsonNumber(v) as number)])),
        xKinds: Object.fromEntries(own.map((c) => [c.metric, c.xKind])),
      };
    }),
  };
}

const csvCell = (value: string | number): string => {
  const text = String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** Long format: job_id,run_index,label,metric,x_kind,x,value — one row per point, ready for pandas/R. */
export function jobCsv(doc: JobDocument): string {
  const rows = ['job_id,run_index,label,metric,x_kind,x,value'];
  for (const run of doc.runs) {
    for (const [metric, points] of Object.entries(run.curves)) {
      const xKind = run.xKinds[metric] ?? '';
      points.forEach((value, x) => {
        rows.push([doc.jobId, run.index, csvCell(run.label), metric, xKind, x, value === null ? '' : value].join(','));
      });
    }
  }
  return `${rows.join('\n')}\n`;
}
