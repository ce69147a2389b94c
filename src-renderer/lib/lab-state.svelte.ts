// The renderer's one view of the lab: the experiment catalog, the jobs loaded in this session (live
// from events), each experiment's job list, and whether the lab is reachable. Created once at start-
// up; it subscribes to `window.lab.onEvent` exactly once, so jobs keep updating while the user is on
// another page, and coming back shows them live.
//
// Consistency rule: a job's events are applied only to a JobView built from a `getJob` reply. Events
// that arrive while that reply is pending are dropped — the reply was read from SQLite after they
// were written, so it already holds their points. Once a job finishes, its view is compared with
// what SQLite kept and rebuilt if they differ, so a finished job always shows exactly what is stored.
import { SvelteMap } from 'svelte/reactivity';
import type { AppInfo, ImportResult, JobDetail, JobSummary, LabEvent, ParamValues, StartJobResult } from '../../src-shared/api.ts';
import { EXPERIMENT_LIST, EXPERIMENTS } from '../../src-shared/experiments/catalog.ts';
import { isExperimentId, type ExperimentId, type ExperimentSpec } from '../../src-shared/experiments/spec.ts';
import { JobView } from './job-view.svelte.ts';
import { ParamForm } from './param-form.svelte.ts';

export type Phase = 'loading' | 'ready' | 'failed' | 'no-bridge';
export type LoadedJob = JobView | 'missing';

const PING_MS = 2000;
const LIST_LIMIT = 200;
const KEEP_VIEWS = 24;

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** fetch() rejects with a TypeError when the web host is gone; IPC never does. */
const isConnectionError = (error: unknown): boolean => error instanceof TypeError;

export class LabState {
  phase = $state<Phase>('loading');
  loadError = $state<string | null>(null);
  info = $state.raw<AppInfo | null>(null);
  /** The experiments: the same specs the lab service validates with (src-shared), not fetched. */
  readonly experiments: readonly ExperimentSpec[] = EXPERIMENT_LIST;
  connected = $state(true);
  /** Jobs loaded in this session, by id (views are live while their job runs). */
  readonly views = new SvelteMap<number, LoadedJob>();
  /** Jobs training right now → their experiment. */
  readonly running = new SvelteMap<number, string>();
  /** Each experiment's jobs, newest first. */
  readonly lists = new SvelteMap<string, JobSummary[]>();
  /** The job shown per experiment: a number, null when the user closed it, absent when never chosen. */
  selection = $state<Record<string, number | null>>({});
  /** Bumped whenever the stored history changed (a job started, finished, was renamed, deleted, imported…). */
  historyVersion = $state(0);
  /** The runs of the last comparison, so that coming back to Compare shows them again. */
  compareRuns = $state.raw<number[]>([]);

  readonly #pending = new Map<number, Promise<void>>();
  /** Jobs that finished while their getJob reply was pending: the reply may predate the end. */
  readonly #finishedWhilePending = new Set<number>();
  /** When each job was last loaded or marked running (performance.now()), to skip stale pings. */
  readonly #touched = new Map<number, number>();
  readonly #listGeneration = new Map<string, number>();
  readonly #forms = new Map<string, ParamForm>();
  #unsubscribe: (() => void) | null = null;
  #ping: ReturnType<typeof setInterval> | null = null;

  /** Subscribes to events (once) and loads the catalog and the jobs still training. */
  async start(): Promise<void> {
    if (this.#unsubscribe) return;
    if (typeof window.lab?.onEvent !== 'function') {
      this.phase = 'no-bridge';
      return;
    }
    this.#unsubscribe = window.lab.onEvent((event) => this.#onEvent(event));
    try {
      const [info, active] = await Promise.all([window.lab.getAppInfo(), window.lab.activeJobs()]);
      this.info = info;
      this.phase = 'ready';
      for (const jobId of active) void this.load(jobId);
    } catch (error) {
      this.loadError = messageOf(error);
      this.phase = 'failed';
      if (isConnectionError(error)) this.connected = false;
    }
    this.#ping = setInterval(() => void this.sync(), PING_MS);
  }

  stop(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    if (this.#ping) clearInterval(this.#ping);
  }

  experiment(id: string): ExperimentSpec | undefined {
    return isExperimentId(id) ? EXPERIMENTS[id] : undefined;
  }

  /** The form of an experiment, kept for the whole session (switching pages keeps what was typed). */
  formFor(info: ExperimentSpec): ParamForm {
    let form = this.#forms.get(info.id);
    if (!form) {
      // Built in a root of its own: its $derived fields would otherwise belong to the effect of the page
      // that asked first, and outlive it (the pattern Svelte's "derived_inert" warning is about; the
      // warning itself was not reproduced in the browser tests, dev build included).
      $effect.root(() => {
        form = new ParamForm(info);
      });
      this.#forms.set(info.id, form!);
    }
    return form!;
  }

  isRunning(experiment: string): boolean {
    for (const value of this.running.values()) if (value === experiment) return true;
    return false;
  }

  /** The newest job of an experiment that is training now. */
  newestRunning(experiment: string): number | null {
    let newest: number | null = null;
    for (const [jobId, value] of this.running) if (value === experiment && (newest === null || jobId > newest)) newest = jobId;
    return newest;
  }

  /** Loads a job from the store (once; concurrent calls share the reply). */
  load(jobId: number): Promise<void> {
    const pending = this.#pending.get(jobId);
    if (pending) return pending;
    const promise = (async () => {
      try {
        const detail = await window.lab.getJob(jobId);
        this.#setView(jobId, detail ? new JobView(detail) : 'missing');
        this.#touched.set(jobId, performance.now());
        if (detail?.active) this.running.set(jobId, detail.experiment);
        else this.running.delete(jobId);
      } catch (error) {
        this.#failed(error);
      } finally {
        this.#pending.delete(jobId);
      }
      if (this.#finishedWhilePending.delete(jobId)) {
        const view = this.views.get(jobId);
        if (view instanceof JobView && view.active) await this.load(jobId);
      }
    })();
    this.#pending.set(jobId, promise);
    return promise;
  }

  /** Re-reads a job list; replies that come back out of order are ignored. */
  async refreshList(experiment: string): Promise<void> {
    const generation = (this.#listGeneration.get(experiment) ?? 0) + 1;
    this.#listGeneration.set(experiment, generation);
    try {
      const jobs = await window.lab.listJobs({ experiment, limit: LIST_LIMIT });
      if (this.#listGeneration.get(experiment) === generation) this.lists.set(experiment, jobs);
    } catch (error) {
      this.#failed(error);
    }
  }

  async startJob(experiment: string, params: ParamValues, seed: number | undefined, repeats = 1): Promise<StartJobResult> {
    const result = await window.lab.startJob({
      experiment: experiment as ExperimentId,
      params,
      ...(seed === undefined ? {} : { seed }),
      ...(repeats > 1 ? { repeats } : {}),
    });
    if (result.ok) {
      this.historyVersion++;
      this.#touched.set(result.jobId, performance.now());
      this.running.set(result.jobId, experiment);
      this.selection[experiment] = result.jobId;
      void this.refreshList(experiment);
      await this.load(result.jobId);
    }
    return result;
  }

  cancelJob(jobId: number): Promise<boolean> {
    return window.lab.cancelJob(jobId);
  }

  /**
   * Runs a stored job again exactly: the same parameters (its `repeats` included) and the same seed,
   * so that its curves come out identical.
   */
  runAgain(job: { experiment: string; params: Record<string, unknown>; seed: number }): Promise<StartJobResult> {
    const { repeats, ...params } = job.params;
    return this.startJob(job.experiment, params as ParamValues, job.seed, typeof repeats === 'number' ? repeats : 1);
  }

  /** "Edit and run": the experiment's form filled with a stored job's parameters, seed and repeats, no job shown. */
  prefill(info: ExperimentSpec, job: { jobId: number; params: Record<string, unknown>; seed: number }): void {
    const form = this.formFor(info);
    form.fill(job.params, job.seed, null);
    form.editingFrom = job.jobId;
    this.selection[info.id] = null;
  }

  /**
   * The form filled for a next round from a stored job (the search's "narrow the range"): its
   * parameters with `changes` over them, a new random seed, no job shown.
   */
  prefillNext(info: ExperimentSpec, job: { jobId: number; params: Record<string, unknown> }, changes: Record<string, unknown>): void {
    const form = this.formFor(info);
    form.fill({ ...job.params, ...changes }, null, null);
    form.editingFrom = job.jobId;
    this.selection[info.id] = null;
  }

  async deleteJob(experiment: string, jobId: number): Promise<boolean> {
    const deleted = await window.lab.deleteJob(jobId);
    this.views.delete(jobId);
    if (this.selection[experiment] === jobId) this.selection[experiment] = null;
    this.historyVersion++;
    await this.refreshList(experiment);
    return deleted;
  }

  async renameJob(experiment: string, jobId: number, name: string): Promise<void> {
    await window.lab.renameJob(jobId, name);
    const view = this.views.get(jobId);
    if (view instanceof JobView) view.name = name.trim();
    this.historyVersion++;
    await this.refreshList(experiment);
  }

  async setJobNotes(jobId: number, notes: string): Promise<void> {
    await window.lab.setJobNotes(jobId, notes);
    const view = this.views.get(jobId);
    if (view instanceof JobView) view.notes = notes;
    this.historyVersion++;
  }

  async setJobTags(experiment: string, jobId: number, tags: string[]): Promise<void> {
    await window.lab.setJobTags(jobId, tags);
    // The store trims and drops duplicates: show what it kept.
    const detail = await window.lab.getJob(jobId);
    const view = this.views.get(jobId);
    if (view instanceof JobView && detail) view.tags = detail.tags;
    this.historyVersion++;
    await this.refreshList(experiment);
  }

  /** Adds an exported job (JSON text) as a new job. */
  async importJob(text: string): Promise<ImportResult> {
    const result = await window.lab.importJob(text);
    if (result.ok) {
      this.historyVersion++;
      const detail = await window.lab.getJob(result.jobId);
      if (detail) await this.refreshList(detail.experiment);
    }
    return result;
  }

  #setView(jobId: number, view: LoadedJob): void {
    this.views.delete(jobId); // re-insert: the map's order is the order of use
    this.views.set(jobId, view);
    if (this.views.size <= KEEP_VIEWS) return;
    const shown = new Set(Object.values(this.selection));
    for (const [id, old] of this.views) {
      if (this.views.size <= KEEP_VIEWS) break;
      if (id !== jobId && !shown.has(id) && !(old instanceof JobView && old.active)) this.views.delete(id);
    }
  }

  #onEvent(event: LabEvent): void {
    const view = this.views.get(event.jobId);
    if (view instanceof JobView) view.apply(event);
    else if (this.#pending.has(event.jobId)) {
      if (event.type === 'job-finished') this.#finishedWhilePending.add(event.jobId);
    } else if (event.type !== 'job-finished') void this.load(event.jobId);
    if (event.type !== 'progress') this.historyVersion++;
    if (event.type === 'job-started') {
      this.#touched.set(event.jobId, performance.now());
      this.running.set(event.jobId, event.experiment);
      void this.refreshList(event.experiment);
    } else if (event.type === 'job-finished') {
      this.running.delete(event.jobId);
      void this.refreshList(event.experiment);
      if (view instanceof JobView) void this.#reconcile(view);
    }
  }

  /** After a job ends: keep the live view if it matches the store, else show what the store kept. */
  async #reconcile(view: JobView): Promise<void> {
    try {
      const detail = await window.lab.getJob(view.jobId);
      if (!detail) {
        this.views.set(view.jobId, 'missing');
        return;
      }
      if (!sameCurves(view, detail)) this.#setView(view.jobId, new JobView(detail));
      else {
        view.status = detail.status;
        view.problem = detail.problem;
        view.durationMs = detail.durationMs;
        for (const run of view.runs) {
          const stored = detail.runs.find((r) => r.id === run.runId);
          if (!stored) continue;
          run.status = stored.status;
          run.final = stored.final;
          run.problem = stored.problem;
        }
      }
    } catch (error) {
      this.#failed(error);
    }
  }

  /**
   * Asks the lab which jobs are training (every couple of seconds, and when a page opens): notices a
   * lost or restored connection, loads jobs started elsewhere, and re-reads jobs whose end was missed.
   */
  async sync(): Promise<void> {
    const sentAt = performance.now();
    const stale = (jobId: number) => (this.#touched.get(jobId) ?? 0) > sentAt;
    try {
      const active = await window.lab.activeJobs();
      const wasDisconnected = !this.connected;
      this.connected = true;
      if (this.phase === 'failed') {
        this.phase = 'loading';
        this.#unsubscribe?.();
        this.#unsubscribe = null;
        if (this.#ping) clearInterval(this.#ping);
        await this.start();
        return;
      }
      const activeSet = new Set(active);
      // Jobs that ended or started while we were not listening.
      for (const [jobId, view] of this.views) {
        if (view instanceof JobView && view.active && !stale(jobId) && (!activeSet.has(jobId) || wasDisconnected)) void this.load(jobId);
      }
      for (const jobId of active) if (!this.views.has(jobId)) void this.load(jobId);
      for (const jobId of [...this.running.keys()]) if (!activeSet.has(jobId) && !stale(jobId)) this.running.delete(jobId);
      if (wasDisconnected) for (const experiment of this.lists.keys()) void this.refreshList(experiment);
    } catch (error) {
      if (isConnectionError(error)) this.connected = false;
    }
  }

  #failed(error: unknown): void {
    if (isConnectionError(error)) this.connected = false;
    else console.error(error);
  }
}

function sameCurves(view: JobView, detail: JobDetail): boolean {
  if (view.runs.length !== detail.runs.length) return false;
  for (const stored of detail.runs) {
    const run = view.runs.find((r) => r.runId === stored.id);
    if (!run) return false;
    for (const curve of stored.curves) {
      if (run.curves[curve.metric]?.length !== curve.points.length) return false;
    }
  }
  return true;
}

export const lab = new LabState();
