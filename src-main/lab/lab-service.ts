// The lab service: the one door into the lab. The desktop app (over IPC), the web test host and the
// CLI all call it and nothing else: it owns the store (private) and the run manager, validates
// every request with the same validator the form uses before anything starts, and carries the
// history's rules (a running job cannot be deleted; exports never pass damaged curves off as
// whole). No Electron here.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ExportFile, ExportFormat, HistoryPage, ImportResult, JobDetail, RunWithCurves } from '../../src-shared/api.ts';
import { EXPERIMENTS, EXPERIMENT_LIST } from '../../src-shared/experiments/catalog.ts';
import { EXPERIMENT_IDS, isExperimentId, type ExperimentSpec } from '../../src-shared/experiments/spec.ts';
import type { LabEvent } from '../../src-shared/events.ts';
import { errorMessage } from '../../src-shared/outcome.ts';
import { problem, problemLine, type Problem } from '../../src-shared/params/problems.ts';
import type { ParamValues } from '../../src-shared/params/spec.ts';
import { validateParams } from '../../src-shared/params/validate.ts';
import type { JobQuery, JobRow, JobSummary, JsonObject, ListJobsQuery, RunPage, RunQuery } from '../../src-shared/records.ts';
import { MAX_NAME_LENGTH, MAX_REPEATS, MAX_SEED, MAX_WORKERS, type JobStatus } from '../../src-shared/vocabulary.ts';
import { loadMnist, loadMnistAsync, type Mnist } from '../../src-worker/data/mnist.ts';
import type { SharedMnist } from '../../src-worker/protocol.ts';
import { AnnotationError } from '../store/annotations.ts';
import { StoreWriteError, type StoreFault } from '../store/errors.ts';
import { startCheckpointer, type Checkpointer } from '../store/checkpointer.ts';
import { openStore, type Store } from '../store/store.ts';
import type { InterruptedAtOpen, JobImport, XrayWrite } from '../store/types.ts';
import { jobCsv, jobDocument, jsonNumber, selectionCsv, selectionDocument, type JobDocument } from './job-document.ts';
import { IMPORT_LIMITS, JobImportError } from './job-import.ts';
import { RunManager } from './run-manager.ts';
import { Inspector, type JobNetworks } from './inspector.ts';
import { xrayForListeners } from './run-extras.ts';
import { defaultWorkerUrl, entryUrl, inspectWorkerUrl } from './worker-url.ts';
import { bytesToBase64 } from '../../src-shared/base64.ts';
import type { DigitPrediction, InspectReport, JobExtras, RunXrayData, TestImages } from '../../src-shared/inspect.ts';
import { PIXELS } from '../../src-worker/data/mnist.ts';

/** Thrown for a request that fails validation; `problems` lists every one, and nothing was written. */
export class InvalidRequestError extends Error {
  readonly problems: Problem[];
  constructor(problems: Problem[]) {
    const lines = problems.map((p) => problemLine(p));
    super(lines.length === 1 ? lines[0] : `${lines.length} problems:\n- ${lines.join('\n- ')}`);
    this.name = 'InvalidRequestError';
    this.problems = problems;
  }
}

/** A history operation the lab refuses as asked (a running job deleted, a bad note): the message says why. */
export class LabRequestError extends Error {
  override name = 'LabRequestError';
}

export interface LabServiceOptions {
  dbPath: string;
  /** Open the database read-only: listing, showing and exporting work; anything that writes is refused. */
  readonly?: boolean;
  /** Worker threads; default: the number of cores. */
  workers?: number;
  workerUrl?: URL;
  execArgv?: string[];
  eventIntervalMs?: number;
  storeIntervalMs?: number;
  /** Told when the database refuses a write (the CLI prints it). */
  onStoreFault?: (fault: StoreFault, error: unknown) => void;
}

export interface StartRequest {
  experiment: unknown;
  params?: unknown;
  seed?: unknown;
  name?: unknown;
  /** Run the whole job again with seeds seed+1 … seed+repeats-1 (1 by default). */
  repeats?: unknown;
}

export interface ValidRequest {
  spec: ExperimentSpec;
  params: ParamValues;
  seed: number;
  name?: string;
  repeats: number;
}

/** Most runs one comparison (getRuns) or selection export may name. */
export const MAX_COMPARE_RUNS = 200;
/** Runs a job's details carry at once (getJob pages the rest). */
export const JOB_RUN_PAGE = 1000;

export class LabService {
  readonly interruptedAtOpen: InterruptedAtOpen;
  readonly #store: Store;
  readonly #options: LabServiceOptions & { workers: number };
  #manager: RunManager | null = null;
  #checkpointer: Checkpointer | null = null;
  /** Two inspection workers: one computes test-set reports (seconds), one answers drawn digits (milliseconds) meanwhile. */
  #inspectors: { report: Inspector; predict: Inspector } | null = null;
  readonly #listeners = new Set<(event: LabEvent) => void>();

  constructor(options: LabServiceOptions) {
    const workers = options.workers ?? availableParallelism();
    if (!Number.isInteger(workers) || workers < 1 || workers > MAX_WORKERS) {
      throw new InvalidRequestError([problem('workers', 'bad-repeats', { max: MAX_WORKERS, got: workers })]);
    }
    this.#options = { ...options, workers };
    this.#store = openStore(options.dbPath, { readonly: options.readonly });
    this.interruptedAtOpen = this.#store.interruptedAtOpen;
  }

  /** The worker pool starts on the first job and MNIST on the first that needs it, so that listing and browsing stay instant. */
  #runManager(): RunManager {
    if (!this.#manager) {
      // Training writes a lot: the WAL is checkpointed beside the service, not in its event loop.
      if (this.#store.file !== ':memory:') this.#checkpointer = startCheckpointer(this.#store, { execArgv: this.#options.execArgv });
      this.#manager = new RunManager({
        store: this.#store,
        workers: this.#options.workers,
        workerUrl: this.#options.workerUrl ?? defaultWorkerUrl(),
        loadMnist: loadSharedMnist,
        execArgv: this.#options.execArgv,
        eventIntervalMs: this.#options.eventIntervalMs,
        storeIntervalMs: this.#options.storeIntervalMs,
        onStoreFault: (fault, error) => {
          // On a full disk the service checkpoints itself to win back the space its last writes need.
          if (fault === 'full') this.#checkpointer?.pause();
          this.#options.onStoreFault?.(fault, error);
        },
      });
      for (const listener of this.#listeners) this.#manager.onEvent(listener);
    }
    return this.#manager;
  }

  /**
   * Reads MNIST in the background, so that the first job that needs it does not wait for the disk
   * (from a cold disk, the 55 MB took about a second to read). Hosts with a UI call it at launch; a
   * problem with the files is reported when a job needs them.
   */
  async warmUp(): Promise<void> {
    try {
      sharedMnist ??= toShared(await loadMnistAsync(undefined, { shared: true }));
    } catch {
      // Reported by the first job that needs MNIST, with the file's name.
    }
  }

  onEvent(listener: (event: LabEvent) => void): () => void {
    this.#listeners.add(listener);
    const off = this.#manager?.onEvent(listener);
    return () => {
      this.#listeners.delete(listener);
      off?.();
    };
  }

  get dbPath(): string {
    return this.#options.dbPath;
  }

  get readonly(): boolean {
    return this.#store.readonly;
  }

  get workerCount(): number {
    return this.#options.workers;
  }

  activeJobIds(): number[] {
    return this.#manager?.activeJobIds() ?? [];
  }

  experiments(): readonly ExperimentSpec[] {
    return EXPERIMENT_LIST;
  }

  // ---- jobs ----------------------------------------------------------------------------------------

  /** Checks a start request completely; throws InvalidRequestError listing every problem. */
  validate(request: StartRequest): ValidRequest {
    const problems: Problem[] = [];
    const spec = isExperimentId(request.experiment) ? EXPERIMENTS[request.experiment] : undefined;
    if (!spec)
      problems.push(
        problem('experiment', 'unknown-experiment', {
          known: EXPERIMENT_IDS.join(', '),
          got: JSON.stringify(request.experiment) ?? 'nothing',
        }),
      );
    let seed = Math.floor(Math.random() * 2 ** 31);
    if (request.seed !== undefined) {
      if (typeof request.seed !== 'number' || !Number.isSafeInteger(request.seed) || request.seed < 0 || request.seed > MAX_SEED) {
        problems.push(problem('seed', 'bad-seed', { got: JSON.stringify(request.seed) }));
      } else seed = request.seed;
    }
    if (request.name !== undefined && (typeof request.name !== 'string' || request.name.trim().length > MAX_NAME_LENGTH)) {
      problems.push(problem('name', 'bad-name', { max: MAX_NAME_LENGTH }));
    }
    // A stored job's params carry its `repeats`, so that they can be submitted again as they are.
    let rawParams = request.params;
    let repeatsArg = request.repeats;
    if (rawParams && typeof rawParams === 'object' && !Array.isArray(rawParams) && Object.hasOwn(rawParams, 'repeats')) {
      const { repeats: stored, ...rest } = rawParams as Record<string, unknown>;
      rawParams = rest;
      repeatsArg ??= stored;
    }
    let repeats = 1;
    if (repeatsArg !== undefined) {
      if (typeof repeatsArg !== 'number' || !Number.isInteger(repeatsArg) || repeatsArg < 1 || repeatsArg > MAX_REPEATS) {
        problems.push(problem('repeats', 'bad-repeats', { max: MAX_REPEATS, got: JSON.stringify(repeatsArg) }));
      } else repeats = repeatsArg;
    }
    let params: ParamValues = {};
    if (spec) {
      const result = validateParams(spec.params, rawParams, spec.check);
      if (result.ok) params = result.value;
      else problems.push(...result.problems);
    }
    if (problems.length > 0) throw new InvalidRequestError(problems);
    return { spec: spec!, params, seed, name: request.name as string | undefined, repeats };
  }

  /**
   * Validates, then starts a job; returns its id at once. Throws InvalidRequestError (nothing
   * written), MnistError when the experiment needs MNIST and it cannot be read, and StoreWriteError
   * when the database refuses the new job.
   */
  start(request: StartRequest): number {
    const { spec, params, seed, name, repeats } = this.validate(request);
    if (this.#store.readonly) throw new StoreWriteError(this.dbPath, 'readonly');
    return this.#runManager().start(spec, params, seed, name, repeats);
  }

  whenSettled(jobId: number): Promise<JobStatus> {
    return this.#runManager().whenSettled(jobId);
  }

  isActive(jobId: number): boolean {
    return this.#manager?.isActive(jobId) ?? false;
  }

  cancel(jobId: number): boolean {
    return this.#manager?.cancel(jobId) ?? false;
  }

  // ---- history -------------------------------------------------------------------------------------

  listJobs(query: ListJobsQuery = {}): JobSummary[] {
    return this.#store.listJobs(query);
  }

  /** One page of the history, each job with the range of each final metric over its runs. */
  queryJobs(query: JobQuery): HistoryPage {
    const page = this.#store.queryJobs(query);
    const ranges = page.jobs.length > 0 ? this.#store.jobFinalRanges(page.jobs.map((job) => job.id)) : new Map();
    return { total: page.total, jobs: page.jobs.map((job) => ({ ...job, finals: ranges.get(job.id) ?? {} })) };
  }

  queryRuns(query: RunQuery): RunPage {
    return this.#store.queryRuns(query);
  }

  /** A job row without its runs, or undefined. */
  jobRow(jobId: number): JobRow | undefined {
    return this.#store.getJobRow(jobId);
  }

  /**
   * A job with a page of its runs (the first JOB_RUN_PAGE by default) and their curves so far; null
   * when there is no such job. A 200,000-run job is read a page at a time, never all at once.
   */
  getJob(jobId: number, page: { offset: number; limit: number } = { offset: 0, limit: JOB_RUN_PAGE }): JobDetail | null {
    const job = this.#store.getJobRow(jobId);
    if (!job) return null;
    const runs = this.#store.getJobRuns(jobId, page.offset, page.limit);
    const curves = this.#store.getJobCurves(jobId, page);
    const byRun = new Map<number, typeof curves>();
    for (const curve of curves) {
      const own = byRun.get(curve.runId);
      if (own) own.push(curve);
      else byRun.set(curve.runId, [curve]);
    }
    return {
      ...job,
      active: this.isActive(jobId),
      runTotal: runs.length < page.limit && page.offset === 0 ? runs.length : this.#store.countJobRuns(jobId),
      runOffset: page.offset,
      runs: runs.map((run) => {
        // A run training here: what listeners were told, which the next events continue.
        const live = this.#manager?.liveRun(jobId, run.idx, run.id);
        if (live) {
          const curves = live.curves.map((c) => ({ ...c, points: Array.from(c.points, jsonNumber), damage: null }));
          return { ...run, status: live.status, final: live.final, problem: live.problem, curves };
        }
        return {
          ...run,
          curves: (byRun.get(run.id) ?? []).map((c) => ({
            metric: c.metric,
            xKind: c.xKind,
            points: Array.from(c.points, jsonNumber),
            damage: c.damage,
          })),
        };
      }),
    };
  }

  /** These runs (at most MAX_COMPARE_RUNS; missing ones left out) with their job's params and their curves. */
  getRuns(runIds: readonly number[]): RunWithCurves[] {
    const jobParams = new Map<number, JsonObject>();
    return this.#store.getRuns(runIds.slice(0, MAX_COMPARE_RUNS)).map((run) => {
      let params = jobParams.get(run.jobId);
      if (params === undefined) jobParams.set(run.jobId, (params = this.#store.getJobRow(run.jobId)?.params ?? {}));
      return {
        ...run,
        jobParams: params,
        curves: this.#store
          .getCurves(run.id)
          .map((c) => ({ metric: c.metric, xKind: c.xKind, points: Array.from(c.points, jsonNumber), damage: c.damage })),
      };
    });
  }

  /** Deletes a job with its runs and curves; refuses one that is training (here or in another process). */
  deleteJob(jobId: number): boolean {
    if (this.isActive(jobId) || this.#store.isJobLive(jobId)) throw new LabRequestError('a running job cannot be deleted: cancel it first');
    this.#inspectors?.report.forget(jobId);
    this.#inspectors?.predict.forget(jobId);
    return this.#store.deleteJob(jobId);
  }

  renameJob(jobId: number, name: string): boolean {
    return annotating(() => this.#store.renameJob(jobId, name));
  }

  setJobNotes(jobId: number, notes: string): boolean {
    return annotating(() => this.#store.setJobNotes(jobId, notes));
  }

  setJobTags(jobId: number, tags: readonly string[]): boolean {
    return annotating(() => this.#store.setJobTags(jobId, tags));
  }

  /** The job as the one self-contained document `lab export --format json` writes; null if there is no such job. */
  jobDocument(jobId: number): JobDocument | null {
    return jobDocument(this.#store, jobId);
  }

  /** A job as a file: the CSV or the JSON document (the same bytes `lab export` writes); null if there is no such job. */
  exportJob(jobId: number, format: ExportFormat): ExportFile | null {
    const doc = jobDocument(this.#store, jobId, { inside: format === 'json' });
    if (!doc) return null;
    const name = slug(doc.name);
    const base = `dl-lab-job-${doc.jobId}-${doc.experiment}${name ? `-${name}` : ''}`;
    return exportFile(base, format, format === 'csv' ? jobCsv(doc) : `${JSON.stringify(doc, null, 1)}\n`);
  }

  /** Runs picked from any jobs as one file; throws (MissingRunsError) if some no longer exist. */
  exportSelection(runIds: readonly number[], format: ExportFormat): ExportFile {
    const doc = selectionDocument(this.#store, runIds);
    const jobs = new Set(doc.runs.map((run) => run.jobId)).size;
    const base = `dl-lab-selection-${doc.runs.length}-run${doc.runs.length === 1 ? '' : 's'}-${jobs}-job${jobs === 1 ? '' : 's'}`;
    return exportFile(base, format, format === 'csv' ? selectionCsv(doc) : `${JSON.stringify(doc, null, 1)}\n`);
  }

  /**
   * Adds a job exported as JSON as a NEW job; a file that is not one changes nothing and says why.
   * The text is read and checked in a worker thread (the service stays responsive, and the memory a
   * file can cost is capped), then written in one transaction.
   */
  async importJob(text: string): Promise<ImportResult> {
    if (text.length > IMPORT_LIMITS.fileBytes) return { ok: false, message: tooLarge(text.length) };
    return this.#importRead({ text });
  }

  /** The same from a file (the CLI); a file too large to be an export is refused before it is read. */
  async importJobFile(file: string): Promise<ImportResult> {
    return this.#importRead({ file });
  }

  async #importRead(source: { text?: string; file?: string }): Promise<ImportResult> {
    if (this.#store.readonly) throw new StoreWriteError(this.dbPath, 'readonly');
    const read = await new Promise<{ ok: true; job: JobImport } | { ok: false; message: string }>((resolve) => {
      const worker = new Worker(entryUrl('import-worker'), {
        workerData: source,
        execArgv: this.#options.execArgv,
        resourceLimits: { maxOldGenerationSizeMb: IMPORT_LIMITS.workerHeapMb },
      });
      worker.once('message', resolve);
      worker.once('error', (error) =>
        resolve({
          ok: false,
          message:
            (error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY'
              ? 'Cannot import: the file needs more memory to read than an import may take; nothing was imported.'
              : `Cannot import: ${errorMessage(error)}; nothing was imported.`,
        }),
      );
    });
    if (!read.ok) return read;
    return importing(() => ({ jobId: this.#store.importJob(read.job) }));
  }

  // ---- inside the networks: X-ray and inspector ----------------------------------------------------

  /** What the job kept besides its curves (trained networks, X-ray samples); null if there is no such job. */
  jobExtras(jobId: number): JobExtras | null {
    if (!this.#store.getJobRow(jobId)) return null;
    return { networkRunIds: this.#store.jobNetworkRunIds(jobId), xrayRunIds: this.#store.jobXrayRunIds(jobId) };
  }

  /** The X-ray samples of every run of the job, as stored; null if there is no such job. */
  getXray(jobId: number): RunXrayData[] | null {
    if (!this.#store.getJobRow(jobId)) return null;
    // A job training here: the samples not written yet too (the X-ray is written with chunks of
    // points, up to 10 s behind the events), so that a view opened now has no gap.
    const unstored = this.#manager?.unstoredXray(jobId) ?? new Map<number, XrayWrite>();
    const runs = this.#store.getJobXray(jobId).map((x) => {
      const samples = x.samples.map((data, i) => ({ iteration: x.iterations[i], data }));
      const last = x.iterations.at(-1) ?? -1;
      samples.push(...(unstored.get(x.runId)?.samples.filter((s) => s.iteration > last) ?? []));
      unstored.delete(x.runId);
      return { runId: x.runId, ...xrayForListeners(x.layout, samples), damage: x.damage };
    });
    for (const [runId, xray] of unstored) runs.push({ runId, ...xrayForListeners(xray.layout, xray.samples), damage: null });
    return runs;
  }

  /** Every kept network of the job on the 10,000 test images, computed in the inspection worker; null without networks. */
  async inspectJob(jobId: number): Promise<InspectReport | null> {
    const job = this.#jobNetworks(jobId);
    if (!job) return null;
    return this.#inspectorsOf().report.report(job, new Uint8Array(loadSharedMnist().testLabels));
  }

  /** Every kept network's softmax for a drawn digit (784 values in [0, 1], checked by the caller); null without networks. */
  async predictDigit(jobId: number, pixels: Float32Array): Promise<DigitPrediction | null> {
    const job = this.#jobNetworks(jobId);
    if (!job) return null;
    return this.#inspectorsOf().predict.predict(job, pixels);
  }

  /** MNIST test images by index (checked by the caller), 784 bytes each. */
  testImages(indices: readonly number[]): TestImages {
    const images = new Uint8Array(loadSharedMnist().testImages);
    const pixels = new Uint8Array(indices.length * PIXELS);
    indices.forEach((index, i) => pixels.set(images.subarray(index * PIXELS, (index + 1) * PIXELS), i * PIXELS));
    return { indices: [...indices], pixels: bytesToBase64(pixels) };
  }

  /** Which runs of the job kept a network (a cheap read on every question); their tensors only when the inspector loads them. */
  #jobNetworks(jobId: number): JobNetworks | null {
    const runIds = this.#store.jobNetworkRunIds(jobId);
    if (runIds.length === 0) return null;
    const labelOf = new Map(this.#store.getRuns(runIds).map((run) => [run.id, run.label]));
    const label = (runId: number) => labelOf.get(runId) ?? '';
    return {
      jobId,
      runs: runIds.map((runId) => ({ runId, label: label(runId) })),
      read: () => {
        const stored = this.#store.getJobNetworks(jobId);
        return {
          networks: stored.flatMap((n) => (n.snapshot ? [{ runId: n.runId, snapshot: n.snapshot }] : [])),
          unavailable: stored.flatMap((n) => (n.snapshot ? [] : [{ runId: n.runId, label: label(n.runId), reason: n.damage ?? '' }])),
        };
      },
    };
  }

  #inspectorsOf(): { report: Inspector; predict: Inspector } {
    const inspector = () =>
      new Inspector({
        workerUrl: inspectWorkerUrl(),
        execArgv: this.#options.execArgv,
        test: () => {
          const mnist = loadSharedMnist();
          return { testImages: mnist.testImages, testLabels: mnist.testLabels };
        },
      });
    return (this.#inspectors ??= { report: inspector(), predict: inspector() });
  }

  /** Cancels running jobs (keeping their points), stops the workers, closes the database. */
  async close(): Promise<void> {
    await this.#manager?.close();
    await this.#inspectors?.report.close();
    await this.#inspectors?.predict.close();
    await this.#checkpointer?.stop();
    this.#store.close();
  }
}

function annotating<T>(write: () => T): T {
  try {
    return write();
  } catch (error) {
    if (error instanceof AnnotationError) throw new LabRequestError(error.message);
    throw error;
  }
}

const tooLarge = (bytes: number): string =>
  `Cannot import: the file is too large to be a DL Lab export (${(bytes / 2 ** 20).toFixed(1)} MiB, at most ${IMPORT_LIMITS.fileBytes / 2 ** 20} MiB); nothing was imported.`;

function importing(write: () => { jobId: number }): ImportResult {
  try {
    return { ok: true, ...write() };
  } catch (error) {
    if (error instanceof JobImportError) return { ok: false, message: error.message };
    if (error instanceof AnnotationError) return { ok: false, message: `Cannot import: ${error.message}; nothing was imported.` };
    throw error;
  }
}

/** A file name part from free text: letters and digits of any script kept, the rest dashes. */
function slug(text: string, max = 40): string {
  return text
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max)
    .replace(/-+$/, '');
}

function exportFile(base: string, format: ExportFormat, text: string): ExportFile {
  return format === 'csv'
    ? { fileName: `${base}.csv`, mimeType: 'text/csv', text }
    : { fileName: `${base}.json`, mimeType: 'application/json', text };
}

let sharedMnist: SharedMnist | null = null;

const toShared = (mnist: Mnist): SharedMnist => ({
  trainImages: mnist.train.images.buffer as SharedArrayBuffer,
  trainLabels: mnist.train.labels.buffer as SharedArrayBuffer,
  testImages: mnist.test.images.buffer as SharedArrayBuffer,
  testLabels: mnist.test.labels.buffer as SharedArrayBuffer,
});

/** MNIST read once per process into SharedArrayBuffers that every worker reads without a copy. */
export function loadSharedMnist(): SharedMnist {
  return (sharedMnist ??= toShared(loadMnist(undefined, { shared: true })));
}
