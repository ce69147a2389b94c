// The run manager: a queue of jobs, their runs spread over the worker pool, progress gathered from
// the workers and written to SQLite in batches (one transaction per flush, ~10 a second), and
// forwarded to listeners as events carrying only what changed.
import type { Experiment, RunOutcome, RunPlan } from '../../src-worker/experiments/experiment.ts';
import type { ParamValues } from '../../src-worker/experiments/params.ts';
import type { FromWorker, SharedMnist } from '../../src-worker/protocol.ts';
import type { Store } from '../store/store.ts';
import type { FinalMetrics, JobStatus, RunProgress, RunStatus, XKind } from '../store/types.ts';
import type { LabEvent, RunProgressEvent } from './events.ts';
import { GrowableCurve } from './growable-curve.ts';
import { WorkerPool } from './worker-pool.ts';

interface ActiveRun {
  runId: number;
  index: number;
  plan: RunPlan;
  /** Seed and position of the run in its repeat's plan: what its random streams derive from. */
  seed: number;
  streamIndex: number;
  status: RunStatus;
  done: number;
  total: number;
  final: FinalMetrics;
  error: string | null;
  curves: Map<string, GrowableCurve>;
  /** Changed since the last flush (curves, status, final). */
  dirty: boolean;
  dirtyCurves: Set<string>;
  /** The run added params (outcome.runParams) since listeners were last told. */
  paramsChanged: boolean;
  taskId: number | null;
}

interface ActiveJob {
  id: number;
  experiment: Experiment;
  params: ParamValues;
  seed: number;
  runs: ActiveRun[];
  startedAt: number;
  /** Set when the job is stopped before its end: by the user (cancelled) or by quitting (interrupted). */
  stoppedAs: 'cancelled' | 'interrupted' | null;
  settled: Promise<JobStatus>;
  resolve: (status: JobStatus) => void;
}

export interface RunManagerOptions {
  store: Store;
  workers: number;
  workerUrl: URL;
  mnist: SharedMnist | null;
  execArgv?: string[];
  /** How often progress is written and sent (ms). */
  flushIntervalMs?: number;
}

const TERMINAL: ReadonlySet<RunStatus> = new Set(['done', 'cancelled', 'failed', 'diverged', 'interrupted']);

export class RunManager {
  private readonly store: Store;
  private readonly pool: WorkerPool;
  private readonly jobs = new Map<number, ActiveJob>();
  private readonly tasks = new Map<number, { job: ActiveJob; run: ActiveRun }>();
  private readonly queue: { job: ActiveJob; run: ActiveRun }[] = [];
  private readonly listeners = new Set<(event: LabEvent) => void>();
  private readonly flushIntervalMs: number;
  private flushTimer: NodeJS.Timeout | null = null;
  private nextTaskId = 1;
  private closed = false;

  constructor(options: RunManagerOptions) {
    this.store = options.store;
    this.flushIntervalMs = options.flushIntervalMs ?? 80;
    this.pool = new WorkerPool({
      size: options.workers,
      workerUrl: options.workerUrl,
      mnist: options.mnist,
      execArgv: options.execArgv,
      progressIntervalMs: 100, // each worker reports ~10 times a second; main flushes ~12 times a second
      handlers: {
        onProgress: (message) => this.onProgress(message),
        onFinished: (message) => this.onFinished(message.taskId, message.outcome),
        onFailed: (taskId, error) => this.onFailed(taskId, error),
      },
    });
  }

  get workerCount(): number {
    return this.pool.size;
  }

  onEvent(listener: (event: LabEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: LabEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  /**
   * Starts a validated job; its runs queue behind those of earlier jobs. With `repeats` > 1 the
   * whole plan runs again with seeds seed+1, seed+2, … (runs keep their labels and carry `repeat`
   * and `seed` params), so that the UI can show a mean ± std band per configuration. Repeat 0 is
   * exactly the job a single run with `seed` would be.
   */
  start(experiment: Experiment, params: ParamValues, seed: number, name?: string, repeats = 1): number {
    if (this.closed) throw new Error('the lab is shutting down');
    const planned = Array.from({ length: repeats }, (_, repeat) =>
      experiment.plan(params, seed + repeat).map((plan, streamIndex) => ({
        plan: repeats > 1 ? { ...plan, params: { ...plan.params, repeat, seed: seed + repeat } } : plan,
        seed: seed + repeat,
        streamIndex,
      })),
    ).flat();
    const plans = planned.map((p) => p.plan);
    const jobId = this.store.createJob({ experiment: experiment.id, params: repeats > 1 ? { ...params, repeats } : params, seed, name });
    const runIds = this.store.createRuns(jobId, plans.map((plan) => ({ label: plan.label, params: plan.params })));
    let resolve!: (status: JobStatus) => void;
    const settled = new Promise<JobStatus>((r) => (resolve = r));
    const job: ActiveJob = {
      id: jobId,
      experiment,
      params,
      seed,
      startedAt: Date.now(),
      stoppedAs: null,
      settled,
      resolve,
      runs: plans.map((plan, index) => ({
        runId: runIds[index],
        index,
        plan,
        seed: planned[index].seed,
        streamIndex: planned[index].streamIndex,
        status: 'queued',
        done: 0,
        total: experiment.units(params, plan),
        final: {},
        error: null,
        curves: new Map(),
        dirty: false,
        dirtyCurves: new Set(),
        paramsChanged: false,
        taskId: null,
      })),
    };
    this.jobs.set(jobId, job);
    for (const run of job.runs) this.queue.push({ job, run });
    this.emit({ type: 'job-started', jobId, experiment: experiment.id });
    this.pump();
    if (job.runs.length === 0) this.settleIfDone(job);
    return jobId;
  }

  /** Resolves with the job's final status. */
  whenSettled(jobId: number): Promise<JobStatus> {
    const job = this.jobs.get(jobId);
    if (!job) return Promise.reject(new Error(`job ${jobId} is not running`));
    return job.settled;
  }

  activeJobIds(): number[] {
    return [...this.jobs.keys()];
  }

  isActive(jobId: number): boolean {
    return this.jobs.has(jobId);
  }

  /**
   * Stops a job: queued runs never start, running ones stop within a second keeping their points.
   * `interrupted` is for stops the user did not ask for (the app quitting).
   */
  cancel(jobId: number, as: 'cancelled' | 'interrupted' = 'cancelled'): boolean {
    const job = this.jobs.get(jobId);
    if (!job || job.stoppedAs) return false;
    job.stoppedAs = as;
    for (let i = this.queue.length - 1; i >= 0; i--) {
      if (this.queue[i].job === job) {
        this.setStatus(this.queue[i].run, as);
        this.queue.splice(i, 1);
      }
    }
    for (const run of job.runs) if (run.taskId !== null) this.pool.cancel(run.taskId);
    this.flush();
    this.settleIfDone(job);
    return true;
  }

  private pump(): void {
    for (let slot = this.pool.idleSlot(); slot >= 0 && this.queue.length > 0; slot = this.pool.idleSlot()) {
      const { job, run } = this.queue.shift()!;
      const taskId = this.nextTaskId++;
      run.taskId = taskId;
      this.tasks.set(taskId, { job, run });
      this.setStatus(run, 'running');
      this.pool.dispatch(slot, {
        type: 'run',
        taskId,
        experiment: job.experiment.id,
        params: job.params,
        seed: run.seed,
        runIndex: run.streamIndex,
        run: run.plan,
      });
    }
  }

  private setStatus(run: ActiveRun, status: RunStatus): void {
    run.status = status;
    run.dirty = true;
    this.scheduleFlush();
  }

  private onProgress(message: Extract<FromWorker, { type: 'progress' }>): void {
    const entry = this.tasks.get(message.taskId);
    if (!entry) return;
    const { run } = entry;
    run.done = Math.min(message.done, run.total);
    for (const [metric, points] of Object.entries(message.curves)) {
      let curve = run.curves.get(metric);
      if (!curve) run.curves.set(metric, (curve = new GrowableCurve()));
      if (message.replace.includes(metric)) curve.replace(points);
      else curve.append(points);
      run.dirtyCurves.add(metric);
    }
    run.dirty = true;
    this.scheduleFlush();
  }

  private onFinished(taskId: number, outcome: RunOutcome): void {
    const entry = this.tasks.get(taskId);
    if (!entry) return;
    this.tasks.delete(taskId);
    const { job, run } = entry;
    run.taskId = null;
    run.final = outcome.final;
    // A run that ended (even diverged early) has no work left: progress and ETA count it whole.
    if (outcome.status !== 'cancelled') run.done = run.total;
    if (outcome.message) run.error = outcome.message;
    const status = outcome.status === 'cancelled' && job.stoppedAs ? job.stoppedAs : outcome.status;
    if (outcome.runParams) {
      run.plan = { ...run.plan, params: { ...run.plan.params, ...outcome.runParams } };
      this.store.setRunParams(run.runId, run.plan.params);
      run.paramsChanged = true;
    }
    this.setStatus(run, status);
    this.afterRun(job);
  }

  private onFailed(taskId: number, error: string): void {
    const entry = this.tasks.get(taskId);
    if (!entry) return;
    this.tasks.delete(taskId);
    const { job, run } = entry;
    run.taskId = null;
    run.error = error;
    run.done = run.total;
    this.setStatus(run, 'failed');
    this.afterRun(job);
  }

  private afterRun(job: ActiveJob): void {
    this.flush();
    this.settleIfDone(job);
    this.pump();
  }

  private settleIfDone(job: ActiveJob): void {
    if (!job.runs.every((run) => TERMINAL.has(run.status))) return;
    if (!this.jobs.has(job.id)) return;
    this.jobs.delete(job.id);
    const failed = job.runs.filter((run) => run.status === 'failed');
    const status: JobStatus = job.stoppedAs ?? (failed.length > 0 ? 'failed' : 'done');
    const error = failed.length > 0 ? `${failed.length} of ${job.runs.length} runs failed: ${firstLine(failed[0].error)}` : null;
    this.store.finishJob(job.id, status, error ?? undefined);
    this.emit({ type: 'job-finished', jobId: job.id, experiment: job.experiment.id, status, error, durationMs: Date.now() - job.startedAt });
    job.resolve(status);
  }

  private scheduleFlush(): void {
    if (this.flushTimer || this.closed) return;
    this.flushTimer = setTimeout(() => this.flush(), this.flushIntervalMs);
  }

  /** Writes everything that changed in one transaction, then tells listeners. */
  flush(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    const batch: RunProgress[] = [];
    const events = new Map<ActiveJob, RunProgressEvent[]>();
    const changedJobs = new Set<ActiveJob>();
    for (const { job, run } of this.allRuns()) {
      if (!run.dirty) continue;
      changedJobs.add(job);
      batch.push({
        runId: run.runId,
        status: run.status,
        error: run.error ?? undefined,
        final: run.final,
        curves: [...run.dirtyCurves].map((metric) => ({
          metric,
          xKind: (job.experiment.curves[metric] ?? 'iteration') as XKind,
          points: run.curves.get(metric)!.view(),
        })),
      });
      const curves: RunProgressEvent['curves'] = {};
      for (const metric of run.dirtyCurves) curves[metric] = run.curves.get(metric)!.takeUnsent();
      const list = events.get(job) ?? [];
      list.push({
        runId: run.runId,
        index: run.index,
        label: run.plan.label,
        ...(run.paramsChanged ? { params: run.plan.params } : {}),
        status: run.status,
        done: run.done,
        total: run.total,
        final: run.final,
        error: run.error,
        curves,
      });
      events.set(job, list);
      run.dirty = false;
      run.dirtyCurves.clear();
      run.paramsChanged = false;
    }
    if (batch.length > 0) this.store.writeProgress(batch);
    for (const job of changedJobs) {
      const done = job.runs.reduce((sum, run) => sum + run.done, 0);
      const total = job.runs.reduce((sum, run) => sum + run.total, 0);
      const elapsedMs = Date.now() - job.startedAt;
      const fraction = total > 0 ? done / total : 0;
      this.emit({
        type: 'progress',
        jobId: job.id,
        experiment: job.experiment.id,
        status: 'running',
        done,
        total,
        elapsedMs,
        etaMs: fraction > 0.01 && elapsedMs > 300 ? (elapsedMs * (1 - fraction)) / fraction : null,
        runs: events.get(job) ?? [],
      });
    }
  }

  private *allRuns(): Generator<{ job: ActiveJob; run: ActiveRun }> {
    for (const job of this.jobs.values()) for (const run of job.runs) yield { job, run };
    // Runs of jobs that settled during this tick were already flushed by afterRun/cancel.
  }

  /** Stops every job as interrupted, keeps what was computed, stops the workers. */
  async close(): Promise<void> {
    if (this.closed) return;
    for (const jobId of [...this.jobs.keys()]) this.cancel(jobId, 'interrupted');
    // Give running tasks a moment to hand back their last points before the threads go.
    const deadline = Date.now() + 1500;
    while (this.tasks.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    this.closed = true;
    this.flush();
    await this.pool.close();
  }
}

function firstLine(text: string | null): string {
  return (text ?? '').split('\n')[0];
}
