// A job as the UI sees it: loaded from SQLite (getJob), then kept live by lab events. Curves are
// plain arrays mutated in place (charts push only the new points); `version` fields tell effects
// that something changed, so a chart is created once and updated in place.
import type { FinalMetrics, JobDetail, JobProblem, JobStatus, LabEvent, ParamValues, RunProblem, RunStatus } from '../../src-shared/api.ts';
import { XrayTrack } from '../xray/xray-track.svelte.ts';

export class RunView {
  readonly runId: number;
  readonly index: number;
  readonly label: string;
  params: Record<string, unknown>;
  status = $state<RunStatus>('queued');
  done = $state(0);
  total = $state(0);
  final = $state.raw<FinalMetrics>({});
  problem = $state.raw<RunProblem | null>(null);
  /** metric → points (NaN where a value was not finite). Mutated in place; see `version`. */
  readonly curves: Record<string, number[]> = {};
  /** Bumped whenever `curves` change. */
  version = $state(0);
  /** The X-ray samples heard live (the X-ray panel adds the stored ones). */
  readonly xray = new XrayTrack();

  constructor(init: { runId: number; index: number; label: string; params: Record<string, unknown> }) {
    this.runId = init.runId;
    this.index = init.index;
    this.label = init.label;
    this.params = init.params;
  }
}

export class JobView {
  readonly jobId: number;
  readonly experiment: string;
  readonly params: ParamValues;
  readonly seed: number;
  readonly createdAt: number;
  name = $state('');
  notes = $state('');
  tags = $state.raw<string[]>([]);
  /** When the job came in from a JSON export; null if it ran here. */
  readonly importedAt: number | null;
  status = $state<JobStatus>('running');
  problem = $state.raw<JobProblem | null>(null);
  done = $state(0);
  total = $state(0);
  elapsedMs = $state(0);
  etaMs = $state<number | null>(null);
  durationMs = $state<number | null>(null);
  runs = $state.raw<RunView[]>([]);
  /** Bumped on every applied event (any run's curves or status changed). */
  version = $state(0);

  constructor(detail: JobDetail) {
    this.jobId = detail.id;
    this.experiment = detail.experiment;
    this.params = detail.params as ParamValues;
    this.seed = detail.seed;
    this.createdAt = detail.createdAt;
    this.name = detail.name;
    this.notes = detail.notes;
    this.tags = detail.tags;
    this.importedAt = detail.importedAt;
    this.status = detail.status;
    this.problem = detail.problem;
    this.durationMs = detail.durationMs;
    this.runs = detail.runs.map((run) => {
      const view = new RunView({ runId: run.id, index: run.idx, label: run.label, params: run.params });
      view.status = run.status;
      view.final = run.final;
      view.problem = run.problem;
      for (const curve of run.curves) view.curves[curve.metric] = curve.points.map((p) => (p === null ? NaN : p));
      return view;
    });
    this.done = 0;
    this.total = 0;
  }

  get active(): boolean {
    return this.status === 'running' || this.status === 'queued';
  }

  /** Applies a lab event about this job. */
  apply(event: LabEvent): void {
    if (event.jobId !== this.jobId) return;
    if (event.type === 'progress') {
      this.done = event.done;
      this.total = event.total;
      this.elapsedMs = event.elapsedMs;
      this.etaMs = event.etaMs;
      const byId = new Map(this.runs.map((run) => [run.runId, run]));
      for (const update of event.runs) {
        const run = byId.get(update.runId);
        if (!run) continue;
        run.status = update.status;
        let changed = update.params !== undefined;
        if (update.params) run.params = update.params;
        run.done = update.done;
        run.total = update.total;
        run.final = update.final;
        run.problem = update.problem;
        if (update.xray) run.xray.merge(update.xray.layout, update.xray.iterations, update.xray.data);
        for (const [metric, delta] of Object.entries(update.curves)) {
          const points = delta.points.map((p) => (p === null ? NaN : p));
          if (delta.replace || !run.curves[metric]) run.curves[metric] = points;
          else run.curves[metric].push(...points);
          changed = true;
        }
        if (changed) run.version++;
      }
    } else if (event.type === 'job-finished') {
      this.status = event.status;
      this.problem = event.problem;
      this.durationMs = event.durationMs;
      this.etaMs = null;
    }
    this.version++;
  }
}
