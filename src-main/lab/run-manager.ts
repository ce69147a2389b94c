// The run manager: a queue of jobs, their runs spread over the worker pool, progress gathered from
// the workers, forwarded to listeners as events carrying only what changed (about 12 a second), and
// written to SQLite in batches (one transaction about once a second, and whenever a run ends).
//
// The write path never throws out of a timer: a busy database is retried at the next write (nothing
// is lost, the points wait in memory), and a database that refuses writes for good (a full disk, a
// read-only or damaged file) stops the jobs as `failed` with that reason, keeping every point that
// was written. The process stays up either way.
import type { ExperimentSpec, RunPlan } from '../../src-shared/experiments/spec.ts';
import type { CurveDelta, LabEvent, RunProgressEvent } from '../../src-shared/events.ts';
import type { JobProblem, RunProblem, StoreFault } from '../../src-shared/outcome.ts';
import type { ParamValues } from '../../src-shared/params/spec.ts';
import type { FinalMetrics } from '../../src-shared/records.ts';
import { isTerminalRunStatus, type FinishedJobStatus, type JobStatus, type RunStatus, type XKind } from '../../src-shared/vocabulary.ts';
import type { RunOutcome } from '../../src-worker/experiments/runner.ts';
import type { FromWorker, SharedMnist } from '../../src-worker/protocol.ts';
import { StoreWriteError } from '../store/errors.ts';
import { LEASE_MS, type Store } from '../store/store.ts';
import type { CurveUpdate, RunProgress, XrayWrite } from '../store/types.ts';
import { GrowableCurve } from './growable-curve.ts';
import { RunExtras } from './run-extras.ts';
import { WorkerPool } from './worker-pool.ts';

interface ActiveRun {
  job: ActiveJob;
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
  problem: RunProblem | null;
  curves: Map<string, GrowableCurve>;
  /** Status, final or problem changed since the last store write. */
  rowDirty: boolean;
  /** The run added params (outcome.runParams) since listeners were last told. */
  paramsChanged: boolean;
  taskId: number | null;
}

interface ActiveJob {
  id: number;
  spec: ExperimentSpec;
  params: ParamValues;
  seed: number;
  runs: ActiveRun[];
  startedAt: number;
  /** Set when the job is stopped before its end: by the user, by quitting, or by the database. */
  stoppedAs: 'cancelled' | 'interrupted' | 'failed' | null;
  /** What the runs that never started became when the job stopped (written with the job's end). */
  queuedStoppedAs: RunStatus | null;
  problem: JobProblem | null;
  settled: Promise<JobStatus>;
  resolve: (status: JobStatus) => void;
  /** More of its runs are still being planned and written (a very large job). */
  preparing: boolean;
  /** Runs its plan has in all (all exist once `preparing` is over, unless it was stopped first). */
  plannedRuns: number;
  /** Runs changed since listeners were last told (curves, status, final): events walk these, not every run. */
  dirty: Set<ActiveRun>;
  /** Work units done and in all, over its runs (kept as runs change, for progress and ETA). */
  doneUnits: number;
  totalUnits: number;
  /** Runs in a terminal status (those that never started count once the job stops). */
  ended: number;
  /** Its runs that wait for a worker, in order, from `nextWaiting` on. */
  waiting: ActiveRun[];
  nextWaiting: number;
  /** Its runs that failed (for the job's problem). */
  failed: ActiveRun[];
}

export interface LiveRun {
  status: RunStatus;
  final: FinalMetrics;
  problem: RunProblem | null;
  curves: { metric: string; xKind: XKind; points: Float32Array }[];
}

interface PlannedRun {
  plan: RunPlan;
  seed: number;
  streamIndex: number;
}

/** Runs planned and written (or stopped) per step of a large job's preparation: about 15 ms of work. */
const PREPARE_CHUNK = 1000;

export interface RunManagerOptions {
  store: Store;
  workers: number;
  workerUrl: URL;
  /** Reads MNIST for the first job that needs it (throws, with the file's name, if it cannot). */
  loadMnist: () => SharedMnist;
  execArgv?: string[];
  /** How often listeners hear about progress (ms). */
  eventIntervalMs?: number;
  /** How often progress is written to the database (ms); a run that ends is written at once. */
  storeIntervalMs?: number;
  /** Called when the database refuses a write (tests, the CLI's stderr). */
  onStoreFault?: (fault: StoreFault, error: unknown) => void;
}

/** How long a busy database may keep refusing before the jobs stop as failed. */
const BUSY_GIVE_UP_MS = 120_000;

export class RunManager {
  private readonly store: Store;
  private readonly pool: WorkerPool;
  private readonly jobs = new Map<number, ActiveJob>();
  private readonly tasks = new Map<number, { job: ActiveJob; run: ActiveRun }>();
  /**
   * Jobs with runs waiting for a worker, first come first served. Each job keeps its own waiting
   * runs: a stop drops them all at once instead of walking a queue of 200,000 entries (~190 ms).
   */
  private readonly queue: ActiveJob[] = [];
  private readonly listeners = new Set<(event: LabEvent) => void>();
  private readonly eventIntervalMs: number;
  private readonly storeIntervalMs: number;
  private readonly onStoreFault: (fault: StoreFault, error: unknown) => void;
  private readonly loadMnist: () => SharedMnist;
  private mnistGiven = false;
  /** Runs whose rows or curves have not reached the database yet (kept after their job settled). */
  private readonly unwritten = new Map<number, ActiveRun>();
  private eventTimer: NodeJS.Timeout | null = null;
  private storeTimer: NodeJS.Timeout | null = null;
  private lastStoreWrite = 0;
  private lastLeaseRenewal = 0;
  private busySince: number | null = null;
  /** Set once the database refused writes for good: from then on only how the runs ended is written. */
  private storeFault: StoreFault | null = null;
  private nextTaskId = 1;
  private closed = false;
  /** Trained networks and X-ray samples, riding along with the runs' writes and events (run-extras.ts). */
  private readonly extras = new RunExtras();

  constructor(options: RunManagerOptions) {
    this.store = options.store;
    this.store.holdDiskReserve();
    this.loadMnist = options.loadMnist;
    this.eventIntervalMs = options.eventIntervalMs ?? 80;
    this.storeIntervalMs = options.storeIntervalMs ?? 1000;
    this.onStoreFault = options.onStoreFault ?? (() => {});
    this.pool = new WorkerPool({
      size: options.workers,
      workerUrl: options.workerUrl,
      execArgv: options.execArgv,
      progressIntervalMs: 100, // each worker reports ~10 times a second; listeners hear ~12 times a second
      handlers: {
        onProgress: (message) => this.onProgress(message),
        onFinished: (message) => this.onFinished(message.taskId, message.outcome),
        onFailed: (taskId, problem) => this.onFailed(taskId, problem),
        onHelpChanged: () => this.pump(),
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
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        console.error('a lab event listener failed:', error); // one bad listener must not stop training
      }
    }
  }

  /**
   * Starts a validated job; its runs queue behind those of earlier jobs. With `repeats` > 1 the
   * whole plan runs again with seeds seed+1, seed+2, … (runs keep their labels and carry `repeat`
   * and `seed` params), so that the UI can show a mean ± std band per configuration. Repeat 0 is
   * exactly the job a single run with `seed` would be. Throws (StoreWriteError) when the database
   * refuses the new job; nothing was started then.
   */
  start(spec: ExperimentSpec, params: ParamValues, seed: number, name?: string, repeats = 1): number {
    if (this.closed) throw new Error('the lab is shutting down');
    if (spec.usesMnist && !this.mnistGiven) {
      this.pool.provideMnist(this.loadMnist());
      this.mnistGiven = true;
    }
    // The plan of each repeat, made when its runs are prepared: a 10,000-trial search repeated 20
    // times is 200,000 runs, planned and written a few thousand at a time between other work.
    const planRepeat = (repeat: number): PlannedRun[] =>
      spec.plan(params, seed + repeat).map((plan, streamIndex) => ({
        plan: repeats > 1 ? { ...plan, params: { ...plan.params, repeat, seed: seed + repeat } } : plan,
        seed: seed + repeat,
        streamIndex,
      }));
    const first = planRepeat(0);
    const pending = { repeat: 1, runs: first.slice(PREPARE_CHUNK) };
    const total = first.length * repeats;
    const { jobId, runIds } = this.store.createJob(
      { experiment: spec.id, params: repeats > 1 ? { ...params, repeats } : params, seed, name, plannedRuns: total },
      first.slice(0, PREPARE_CHUNK).map(({ plan }) => ({ label: plan.label, params: plan.params })),
    );
    let resolve!: (status: JobStatus) => void;
    const settled = new Promise<JobStatus>((r) => (resolve = r));
    const job: ActiveJob = {
      id: jobId,
      spec,
      params,
      seed,
      startedAt: Date.now(),
      stoppedAs: null,
      queuedStoppedAs: null,
      problem: null,
      settled,
      resolve,
      runs: [],
      preparing: total > runIds.length,
      plannedRuns: total,
      dirty: new Set(),
      doneUnits: 0,
      totalUnits: 0,
      ended: 0,
      waiting: [],
      nextWaiting: 0,
      failed: [],
    };
    this.addRuns(job, first.slice(0, PREPARE_CHUNK), runIds);
    this.jobs.set(jobId, job);
    this.emit({ type: 'job-started', jobId, experiment: spec.id });
    this.pump();
    if (job.preparing) {
      const prepareMore = (): void => {
        if (!this.jobs.has(jobId) || job.stoppedAs) {
          job.preparing = false;
          this.settleIfDone(job);
          return;
        }
        while (pending.runs.length < PREPARE_CHUNK && pending.repeat < repeats) pending.runs.push(...planRepeat(pending.repeat++));
        const chunk = pending.runs.splice(0, PREPARE_CHUNK);
        const ok = this.writeSafely(() => {
          const ids = this.store.addRuns(
            jobId,
            job.runs.length,
            chunk.map(({ plan }) => ({ label: plan.label, params: plan.params })),
          );
          this.addRuns(job, chunk, ids);
        });
        if (!ok) {
          if (job.stoppedAs) {
            job.preparing = false;
            this.settleIfDone(job);
          } else {
            pending.runs.unshift(...chunk); // busy: the same runs at the next try
            setTimeout(prepareMore, 100);
          }
          return;
        }
        this.pump();
        if (pending.runs.length > 0 || pending.repeat < repeats) setImmediate(prepareMore);
        else {
          job.preparing = false;
          this.settleIfDone(job);
        }
      };
      setImmediate(prepareMore);
    }
    if (job.runs.length === 0 && !job.preparing) this.settleIfDone(job);
    return jobId;
  }

  /** Runs whose rows exist, queued behind the others. */
  private addRuns(job: ActiveJob, planned: readonly PlannedRun[], runIds: readonly number[]): void {
    planned.forEach(({ plan, seed, streamIndex }, i) => {
      const run: ActiveRun = {
        job,
        runId: runIds[i],
        index: job.runs.length,
        plan,
        seed,
        streamIndex,
        status: 'queued',
        done: 0,
        total: job.spec.units(job.params, plan),
        final: {},
        problem: null,
        curves: new Map(),
        rowDirty: false,
        paramsChanged: false,
        taskId: null,
      };
      job.runs.push(run);
      job.totalUnits += run.total;
      job.waiting.push(run);
    });
    if (job.nextWaiting < job.waiting.length && !this.queue.includes(job)) this.queue.push(job);
  }

  /** Resolves with the job's final status. */
  whenSettled(jobId: number): Promise<JobStatus> {
    const job = this.jobs.get(jobId);
    if (!job) return Promise.reject(new Error(`job ${jobId} is not running`));
    return job.settled;
  }

  /**
   * A run of a job training here as listeners know it: status, finals and the curves up to the last
   * event. A view opened now starts from this, and the next events carry on from it without a gap
   * (the store may lag a chunk behind). Null when the job is not training here.
   */
  liveRun(jobId: number, index: number, runId: number): LiveRun | null {
    const run = this.jobs.get(jobId)?.runs[index];
    if (!run || run.runId !== runId) return null;
    return {
      // A run that never started is what the job's stop made of it (queuedStoppedAs), without a
      // write to each of thousands of such runs at the stop.
      status: run.status === 'queued' && run.job.queuedStoppedAs ? run.job.queuedStoppedAs : run.status,
      final: run.final,
      problem: run.problem,
      curves: [...run.curves].map(([metric, curve]) => ({
        metric,
        xKind: run.job.spec.curves[metric] ?? 'iteration',
        points: curve.sent(),
      })),
    };
  }

  /** X-ray samples of a job training here that the store has not got yet, by run id. */
  unstoredXray(jobId: number): Map<number, XrayWrite> {
    const unstored = new Map<number, XrayWrite>();
    // Runs with something unwritten (they come with points not yet written, which keep them there).
    for (const run of this.unwritten.values()) {
      if (run.job.id !== jobId) continue;
      const xray = this.extras.unstoredXray(run.runId);
      if (xray) unstored.set(run.runId, xray);
    }
    return unstored;
  }

  activeJobIds(): number[] {
    return [...this.jobs.keys()];
  }

  isActive(jobId: number): boolean {
    return this.jobs.has(jobId);
  }

  /**
   * Stops a job: queued runs never start, running ones stop within a second keeping their points.
   * `interrupted` is for stops the user did not ask for (the app quitting); `failed` for a database
   * that refuses writes.
   */
  cancel(jobId: number, as: 'cancelled' | 'interrupted' | 'failed' = 'cancelled'): boolean {
    const job = this.jobs.get(jobId);
    if (!job || job.stoppedAs) return false;
    job.stoppedAs = as;
    const runStatus: RunStatus = as === 'failed' ? 'cancelled' : as;
    // Its waiting runs may be many thousands: dropped at once, and written in chunks of one UPDATE
    // when the job ends (settleIfDone), not a row write and an event per run.
    job.ended += job.waiting.length - job.nextWaiting;
    job.waiting = [];
    job.nextWaiting = 0;
    const queued = this.queue.indexOf(job);
    if (queued >= 0) this.queue.splice(queued, 1);
    job.queuedStoppedAs = runStatus;
    for (const [taskId, task] of this.tasks) if (task.job === job) this.pool.cancel(taskId);
    this.settleIfDone(job);
    return true;
  }

  private pump(): void {
    this.startOnIdle();
    // Cores lent to running tasks' measurements come back for queued work: at once where the helper
    // had not started, else when it answers (the pool calls pump again).
    if (this.queue.length > 0 && this.pool.reclaimHelpers()) this.startOnIdle();
    if (this.queue.length === 0) {
      this.pool.lendIdleCores();
      return;
    }
    // The last runs of the last job queued, fewer than the cores, would wait for the busy ones and
    // then leave the other cores idle: 3 networks on 2 cores took two networks' time, they take one
    // and a half sharing the cores. So they start at once, on extra workers (and every curve of
    // such a job grows from the start, side by side).
    const job = this.queue.length === 1 ? this.queue[0] : null;
    if (!job) return;
    const left = job.waiting.length - job.nextWaiting;
    if (left === 0 || left >= this.pool.size || this.pool.idleSlot() >= 0 || this.pool.reclaiming()) return;
    while (this.queue.length > 0) {
      const slot = this.pool.extraSlot();
      if (slot < 0) return;
      this.startNext(slot);
    }
  }

  private startOnIdle(): void {
    for (let slot = this.pool.idleSlot(); slot >= 0 && this.queue.length > 0; slot = this.pool.idleSlot()) this.startNext(slot);
  }

  /** Starts the next waiting run of the first job in the queue on `slot`. */
  private startNext(slot: number): void {
    const job = this.queue[0];
    const run = job.waiting[job.nextWaiting++];
    if (job.nextWaiting === job.waiting.length) {
      job.waiting = [];
      job.nextWaiting = 0;
      this.queue.shift();
    }
    const taskId = this.nextTaskId++;
    run.taskId = taskId;
    this.tasks.set(taskId, { job, run });
    this.setStatus(run, 'running');
    this.pool.dispatch(slot, {
      type: 'run',
      taskId,
      experiment: job.spec.id,
      params: job.params,
      seed: run.seed,
      runIndex: run.streamIndex,
      run: run.plan,
    });
  }

  private setStatus(run: ActiveRun, status: RunStatus, problem: RunProblem | null = run.problem): void {
    if (isTerminalRunStatus(status) && !isTerminalRunStatus(run.status)) run.job.ended++;
    if (status === 'failed' && run.status !== 'failed') run.job.failed.push(run);
    run.status = status;
    run.problem = problem;
    run.job.dirty.add(run);
    run.rowDirty = true;
    this.unwritten.set(run.runId, run);
    this.scheduleEvents();
  }

  private setDone(run: ActiveRun, done: number): void {
    run.job.doneUnits += done - run.done;
    run.done = done;
  }

  private onProgress(message: Extract<FromWorker, { type: 'progress' }>): void {
    const entry = this.tasks.get(message.taskId);
    if (!entry) return;
    const { run } = entry;
    this.setDone(run, Math.min(message.done, run.total));
    for (const [metric, points] of Object.entries(message.curves)) {
      let curve = run.curves.get(metric);
      if (!curve) run.curves.set(metric, (curve = new GrowableCurve()));
      if (message.replace.includes(metric)) curve.replace(points, Date.now());
      else curve.append(points, Date.now());
    }
    this.extras.addXray(run.runId, message.xray);
    run.job.dirty.add(run);
    this.unwritten.set(run.runId, run);
    this.scheduleEvents();
  }

  private onFinished(taskId: number, outcome: RunOutcome): void {
    const entry = this.tasks.get(taskId);
    if (!entry) return;
    this.tasks.delete(taskId);
    const { job, run } = entry;
    run.taskId = null;
    run.final = outcome.final;
    // A run that ended (even diverged early) has no work left: progress and ETA count it whole.
    if (outcome.status !== 'cancelled') this.setDone(run, run.total);
    if (outcome.runParams) {
      run.plan = { ...run.plan, params: { ...run.plan.params, ...outcome.runParams } };
      run.paramsChanged = true;
      this.writeSafely(() => this.store.setRunParams(run.runId, run.plan.params));
    }
    this.extras.addNetwork(run.runId, job.spec.id, outcome.network);
    const stoppedAs = job.stoppedAs === 'failed' ? 'cancelled' : job.stoppedAs;
    const status: RunStatus = outcome.status === 'cancelled' && stoppedAs ? stoppedAs : outcome.status;
    this.setStatus(run, status, outcome.problem ?? null);
    this.afterRun(job);
  }

  private onFailed(taskId: number, problem: RunProblem): void {
    const entry = this.tasks.get(taskId);
    if (!entry) return;
    this.tasks.delete(taskId);
    const { job, run } = entry;
    run.taskId = null;
    // A failed run did no work: it is not counted as done (progress shows what really trained),
    // not even the part it reported before failing.
    this.setDone(run, 0);
    this.setStatus(run, 'failed', problem);
    this.afterRun(job);
  }

  private afterRun(job: ActiveJob): void {
    this.writeToStore(); // a run that ended is on disk before anyone hears its job settled
    this.settleIfDone(job);
    this.pump();
  }

  private settleIfDone(job: ActiveJob): void {
    if (job.preparing || job.ended < job.runs.length) return;
    if (!this.jobs.has(job.id)) return;
    this.flushEvents(); // its last points and statuses, while it is still one of the jobs
    this.jobs.delete(job.id);
    this.writeToStore();
    const { failed } = job;
    const status: FinishedJobStatus = job.stoppedAs ?? (failed.length > 0 ? 'failed' : 'done');
    const problem: JobProblem | null =
      job.problem ??
      (failed.length > 0 ? { code: 'runs-failed', failed: failed.length, total: job.runs.length, first: failed[0].problem } : null);
    const finish = (): void => {
      if (this.storeFault === 'full') this.recoverSpace();
      this.writeSafely(() => this.store.finishJob(job.id, status, problem, job.queuedStoppedAs ?? undefined), true);
      this.emit({ type: 'job-finished', jobId: job.id, experiment: job.spec.id, status, problem, durationMs: Date.now() - job.startedAt });
      job.resolve(status);
    };
    // A very large job stopped early has many runs that never started: mark them a chunk per tick
    // (one UPDATE of 200,000 rows would hold the service for a good part of a second), then finish.
    const stopQueued = (): void => {
      const queuedAs = job.queuedStoppedAs;
      let stopped = 0;
      const ok = queuedAs === null || this.writeSafely(() => (stopped = this.store.stopQueuedRuns(job.id, queuedAs, PREPARE_CHUNK)), true);
      if (ok && stopped === PREPARE_CHUNK && !this.closed) setImmediate(stopQueued);
      else finish();
    };
    if (job.queuedStoppedAs !== null && job.runs.length > PREPARE_CHUNK && !this.closed) stopQueued();
    else finish();
  }

  // ---- events --------------------------------------------------------------------------------------

  private scheduleEvents(): void {
    if (this.eventTimer || this.closed) return;
    this.eventTimer = setTimeout(() => this.flushEvents(), this.eventIntervalMs);
  }

  /** Tells listeners what changed since the last event, then writes to the store when it is due. */
  flushEvents(): void {
    if (this.eventTimer) clearTimeout(this.eventTimer);
    this.eventTimer = null;
    for (const job of [...this.jobs.values()]) {
      if (job.dirty.size === 0) continue;
      const runs: RunProgressEvent[] = [];
      for (const run of [...job.dirty].sort((a, b) => a.index - b.index)) {
        const curves: Record<string, CurveDelta> = {};
        for (const [metric, curve] of run.curves) if (curve.hasUnsent()) curves[metric] = curve.takeUnsent();
        const xray = this.extras.takeUnsent(run.runId);
        runs.push({
          runId: run.runId,
          index: run.index,
          label: run.plan.label,
          ...(run.paramsChanged ? { params: run.plan.params } : {}),
          status: run.status,
          done: run.done,
          total: run.total,
          final: run.final,
          problem: run.problem,
          curves,
          ...(xray ? { xray } : {}),
        });
        run.paramsChanged = false;
      }
      job.dirty.clear();
      const done = job.doneUnits;
      const total = job.totalUnits;
      const elapsedMs = Date.now() - job.startedAt;
      const fraction = total > 0 ? done / total : 0;
      this.emit({
        type: 'progress',
        jobId: job.id,
        experiment: job.spec.id,
        status: 'running',
        done,
        total,
        elapsedMs,
        etaMs: fraction > 0.01 && elapsedMs > 300 ? (elapsedMs * (1 - fraction)) / fraction : null,
        runs,
      });
    }
    if (Date.now() - this.lastStoreWrite >= this.storeIntervalMs) this.writeToStore();
    else this.scheduleStoreWrite();
  }

  // ---- the store -----------------------------------------------------------------------------------

  private scheduleStoreWrite(): void {
    if (this.storeTimer || this.closed || this.unwritten.size === 0) return;
    const wait = Math.max(0, this.storeIntervalMs - (Date.now() - this.lastStoreWrite));
    this.storeTimer = setTimeout(() => {
      this.storeTimer = null;
      this.writeToStore();
    }, wait);
  }

  /**
   * Writes, in one transaction, every run whose row changed and every curve chunk that is due
   * (growable-curve.ts: a chunk's worth, or points waiting their max age, or all of a run that
   * ended or of a lab that closes), and renews the leases of the jobs training here. On a busy
   * database the batch waits for the next try; on a database that refuses writes for good, the
   * jobs stop as failed.
   */
  writeToStore(): void {
    if (this.storeTimer) clearTimeout(this.storeTimer);
    this.storeTimer = null;
    const now = Date.now();
    this.lastStoreWrite = now;
    const batch: RunProgress[] = [];
    const written: { run: ActiveRun; curves: [GrowableCurve, number][]; extras: boolean }[] = [];
    // After a refusal for good, the points that did not fit stay out: the statuses must fit.
    const withCurves = this.storeFault === null;
    for (const run of this.unwritten.values()) {
      const flush = this.closed || isTerminalRunStatus(run.status);
      const curves: CurveUpdate[] = [];
      const marks: [GrowableCurve, number][] = [];
      for (const [metric, curve] of withCurves ? run.curves : []) {
        const update = curve.unstored(now, flush);
        if (!update) continue;
        curves.push({ metric, xKind: run.job.spec.curves[metric] ?? 'iteration', ...update });
        marks.push([curve, curve.length]);
      }
      // Trained networks and X-ray samples (run-extras.ts) ride along when due, unless the store
      // refused: the X-ray in batches (run-extras.ts says why), not every second with the statuses.
      const extras = withCurves && this.extras.isDue(run.runId, now, flush);
      if (curves.length === 0 && !run.rowDirty && !extras) continue;
      batch.push({
        runId: run.runId,
        curves,
        ...(run.rowDirty ? { status: run.status, problem: run.problem, final: run.final } : {}),
        ...(extras ? this.extras.forStore(run.runId) : {}),
      });
      written.push({ run, curves: marks, extras });
    }
    const renewLeases = now - this.lastLeaseRenewal >= LEASE_MS / 4;
    if (batch.length > 0 || renewLeases) {
      if (this.storeFault === 'full') this.recoverSpace(); // a failed write may have filled the disk again
      const ok = this.writeSafely(() => {
        if (batch.length > 0) this.store.writeProgress(batch);
        if (renewLeases && this.jobs.size > 0) this.store.renewLeases([...this.jobs.keys()]);
      });
      if (!ok) {
        this.scheduleStoreWrite(); // busy: the same points go in the next batch
        return;
      }
      if (renewLeases) this.lastLeaseRenewal = now;
      this.extras.stored(written.filter((w) => w.extras).map(({ run }) => run.runId));
      for (const { run, curves } of written) {
        for (const [curve, length] of curves) curve.markStored(length, now);
        run.rowDirty = false;
      }
    }
    // The write is synchronous: no worker message arrived meanwhile. Runs with points not yet due
    // stay, and the timer comes back for them.
    for (const [runId, run] of this.unwritten) {
      const waiting = withCurves && ([...run.curves.values()].some((curve) => curve.hasUnstored()) || this.extras.hasUnstored(runId));
      if (!run.rowDirty && !waiting) this.unwritten.delete(runId);
    }
    this.scheduleStoreWrite();
  }

  /**
   * Runs a store write. A busy database: false, try again later (for up to BUSY_GIVE_UP_MS). A
   * database that refuses writes: every active job stops as failed, and false. Never throws.
   */
  private writeSafely(write: () => unknown, final = false): boolean {
    try {
      write();
      this.busySince = null;
      return true;
    } catch (error) {
      const fault: StoreFault = error instanceof StoreWriteError ? error.fault : 'io';
      if (!(error instanceof StoreWriteError)) console.error('DL Lab: a database write failed:', error);
      this.onStoreFault(fault, error);
      if (fault === 'busy' && !final) {
        this.busySince ??= Date.now();
        if (Date.now() - this.busySince < BUSY_GIVE_UP_MS) return false;
      }
      this.stopAllForStore(fault);
      return false;
    }
  }

  /** The database refuses writes: stop every job (as failed, with the reason), keep what was written. */
  private stopAllForStore(fault: StoreFault): void {
    this.storeFault ??= fault;
    for (const job of this.jobs.values()) {
      if (job.stoppedAs) continue;
      job.problem = { code: 'store-failed', fault };
      this.cancel(job.id, 'failed');
    }
    if (fault === 'full') this.recoverSpace();
  }

  /** The reserve goes back to the disk and the WAL into the main file, so that the jobs' final status fits. */
  private recoverSpace(): void {
    try {
      this.store.recoverSpace();
    } catch {
      // Still full: the lease runs out, and the next process to open the file marks them interrupted.
    }
  }

  /** Stops every job as interrupted, keeps what was computed, stops the workers. */
  async close(): Promise<void> {
    if (this.closed) return;
    for (const jobId of [...this.jobs.keys()]) this.cancel(jobId, 'interrupted');
    // Give running tasks a moment to hand back their last points before the threads go.
    const deadline = Date.now() + 1500;
    while (this.tasks.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    this.closed = true;
    if (this.eventTimer) clearTimeout(this.eventTimer);
    this.writeToStore();
    if (this.storeTimer) clearTimeout(this.storeTimer);
    await this.pool.close();
  }
}
