// The lab service: one object that the desktop app, the CLI and the test host all call. It owns the
// store and the run manager, validates every request before anything starts, and knows the
// experiment catalog. No Electron here.
import { availableParallelism } from 'node:os';
import { loadMnist } from '../../src-worker/data/mnist.ts';
import { EXPERIMENTS, EXPERIMENT_LIST } from '../../src-worker/experiments/catalog.ts';
import type { Experiment } from '../../src-worker/experiments/experiment.ts';
import { validateParams, type ParamValues } from '../../src-worker/experiments/params.ts';
import type { SharedMnist } from '../../src-worker/protocol.ts';
import { openStore, type Store } from '../store/store.ts';
import type { InterruptedAtOpen } from '../store/types.ts';
import type { LabEvent } from './events.ts';
import { RunManager } from './run-manager.ts';
import { defaultWorkerUrl } from './worker-url.ts';

export const MAX_WORKERS = 64;

/** Thrown for a request that fails validation; `problems` lists every one, and nothing was written. */
export class InvalidRequestError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(problems.length === 1 ? problems[0] : `${problems.length} problems:\n- ${problems.join('\n- ')}`);
    this.name = 'InvalidRequestError';
    this.problems = problems;
  }
}

export interface LabServiceOptions {
  dbPath: string;
  /** Worker threads; default: the number of cores. */
  workers?: number;
  workerUrl?: URL;
  execArgv?: string[];
  flushIntervalMs?: number;
}

export interface StartRequest {
  experiment: unknown;
  params?: unknown;
  seed?: unknown;
  name?: unknown;
  /** Run the whole job again with seeds seed+1 … seed+repeats-1 (1 by default). */
  repeats?: unknown;
}

export const MAX_REPEATS = 20;

export class LabService {
  readonly store: Store;
  readonly interruptedAtOpen: InterruptedAtOpen;
  private readonly options: LabServiceOptions;
  private manager: RunManager | null = null;

  constructor(options: LabServiceOptions) {
    const workers = options.workers ?? availableParallelism();
    if (!Number.isInteger(workers) || workers < 1 || workers > MAX_WORKERS) {
      throw new InvalidRequestError([`workers must be a whole number from 1 to ${MAX_WORKERS} (got ${workers})`]);
    }
    this.options = { ...options, workers };
    this.store = openStore(options.dbPath);
    this.interruptedAtOpen = this.store.interruptedAtOpen;
  }

  /** The worker pool and MNIST start on the first job, so that listing and browsing stay instant. */
  private runManager(): RunManager {
    if (!this.manager) {
      this.manager = new RunManager({
        store: this.store,
        workers: this.options.workers!,
        workerUrl: this.options.workerUrl ?? defaultWorkerUrl(),
        mnist: loadSharedMnist(),
        execArgv: this.options.execArgv,
        flushIntervalMs: this.options.flushIntervalMs,
      });
      for (const listener of this.pendingListeners) this.manager.onEvent(listener);
    }
    return this.manager;
  }

  private readonly pendingListeners = new Set<(event: LabEvent) => void>();

  onEvent(listener: (event: LabEvent) => void): () => void {
    this.pendingListeners.add(listener);
    const off = this.manager?.onEvent(listener);
    return () => {
      this.pendingListeners.delete(listener);
      off?.();
    };
  }

  get dbPath(): string {
    return this.options.dbPath;
  }

  activeJobIds(): number[] {
    return this.manager?.activeJobIds() ?? [];
  }

  get workerCount(): number {
    return this.options.workers!;
  }

  listExperiments(): readonly Experiment[] {
    return EXPERIMENT_LIST;
  }

  /** Checks a start request completely; throws InvalidRequestError listing every problem. */
  validate(request: StartRequest): { experiment: Experiment; params: ParamValues; seed: number; name?: string; repeats: number } {
    const problems: string[] = [];
    const experiment = typeof request.experiment === 'string' ? EXPERIMENTS[request.experiment as keyof typeof EXPERIMENTS] : undefined;
    if (!experiment) {
      problems.push(`unknown experiment ${JSON.stringify(request.experiment)} (known: ${EXPERIMENT_LIST.map((e) => e.id).join(', ')})`);
    }
    let seed = Math.floor(Math.random() * 2 ** 31);
    if (request.seed !== undefined) {
      if (typeof request.seed !== 'number' || !Number.isSafeInteger(request.seed) || request.seed < 0) {
        problems.push(`seed must be a whole number ≥ 0 (got ${JSON.stringify(request.seed)})`);
      } else seed = request.seed;
    }
    if (request.name !== undefined && (typeof request.name !== 'string' || request.name.length > 200)) {
      problems.push('name must be text of at most 200 characters');
    }
    // A stored job's params carry its `repeats`, so that they can be submitted again as they are.
    let rawParams = request.params;
    if (rawParams && typeof rawParams === 'object' && !Array.isArray(rawParams) && 'repeats' in rawParams) {
      const { repeats: stored, ...rest } = rawParams as Record<string, unknown>;
      rawParams = rest;
      if (request.repeats === undefined) request = { ...request, repeats: stored };
    }
    let repeats = 1;
    if (request.repeats !== undefined) {
      if (typeof request.repeats !== 'number' || !Number.isInteger(request.repeats) || request.repeats < 1 || request.repeats > MAX_REPEATS) {
        problems.push(`repeats must be a whole number from 1 to ${MAX_REPEATS} (got ${JSON.stringify(request.repeats)})`);
      } else repeats = request.repeats;
    }
    let params: ParamValues = {};
    if (experiment) {
      const result = validateParams(experiment.params, rawParams, experiment.check);
      if (result.ok) params = result.value;
      else problems.push(...result.errors);
    }
    if (problems.length > 0) throw new InvalidRequestError(problems);
    return { experiment: experiment!, params, seed, name: request.name as string | undefined, repeats };
  }

  /** Validates, then starts a job; returns its id at once. */
  start(request: StartRequest): number {
    const { experiment, params, seed, name, repeats } = this.validate(request);
    return this.runManager().start(experiment, params, seed, name, repeats);
  }

  whenSettled(jobId: number) {
    return this.runManager().whenSettled(jobId);
  }

  isActive(jobId: number): boolean {
    return this.manager?.isActive(jobId) ?? false;
  }

  cancel(jobId: number): boolean {
    return this.manager?.cancel(jobId) ?? false;
  }

  /** Cancels running jobs (keeping their points), stops the workers, closes the database. */
  async close(): Promise<void> {
    await this.manager?.close();
    this.store.close();
  }
}

let sharedMnist: SharedMnist | null = null;

/** MNIST read once per process into SharedArrayBuffers that every worker reads without a copy. */
export function loadSharedMnist(): SharedMnist {
  if (!sharedMnist) {
    const mnist = loadMnist(undefined, { shared: true });
    sharedMnist = {
      trainImages: mnist.train.images.buffer as SharedArrayBuffer,
      trainLabels: mnist.train.labels.buffer as SharedArrayBuffer,
      testImages: mnist.test.images.buffer as SharedArrayBuffer,
      testLabels: mnist.test.labels.buffer as SharedArrayBuffer,
    };
  }
  return sharedMnist;
}
