// A pool of training worker threads, one per core. Each worker runs one task at a time; a worker that
// dies (an uncaught error, out of memory, process.exit) fails its task and is replaced, so the
// other tasks go on. Up to as many extra workers again can be started for one task each
// (`extraSlot`): the run manager starts a job's last few runs on them rather than let them wait
// for a core (run-manager.ts, `pump`); an extra worker ends with its task.
import { Worker } from 'node:worker_threads';
import { errorMessage, type RunProblem } from '../../src-shared/outcome.ts';
import { parseWorkerMessage, type FromWorker, type SharedMnist, type ToWorker, type WorkerData } from '../../src-worker/protocol.ts';

export interface TaskHandlers {
  onProgress(message: Extract<FromWorker, { type: 'progress' }>): void;
  onFinished(message: Extract<FromWorker, { type: 'finished' }>): void;
  onFailed(taskId: number, problem: RunProblem): void;
}

interface Slot {
  index: number;
  worker: Worker;
  /** The task it is running, or null when idle. */
  taskId: number | null;
  /** Set when the worker exits by itself; a replacement is started (none for an extra one). */
  dead: boolean;
  /** Started for one task beside the pool's own workers, ended when it settles. */
  extra: boolean;
}

export interface WorkerPoolOptions {
  size: number;
  workerUrl: URL;
  handlers: TaskHandlers;
  progressIntervalMs?: number;
  /** Node flags for the workers (tests use this to run the TypeScript sources directly). */
  execArgv?: string[];
}

export class WorkerPool {
  readonly size: number;
  /** By slot index: the pool's own workers at 0 … size-1, the extra ones above (holes where none runs). */
  private readonly slots: (Slot | undefined)[] = [];
  private readonly cancelFlags: Int32Array;
  private readonly options: WorkerPoolOptions;
  private mnist: SharedMnist | null = null;
  private closed = false;

  constructor(options: WorkerPoolOptions) {
    if (!Number.isInteger(options.size) || options.size < 1) throw new RangeError(`worker pool size must be ≥ 1 (got ${options.size})`);
    this.options = options;
    this.size = options.size;
    this.cancelFlags = new Int32Array(new SharedArrayBuffer(4 * 2 * options.size));
    for (let i = 0; i < options.size; i++) this.slots.push(this.spawn(i));
  }

  private *live(): Generator<Slot> {
    for (const slot of this.slots) if (slot) yield slot;
  }

  private spawn(index: number, extra = false): Slot {
    const workerData: WorkerData = {
      mnist: this.mnist,
      cancelFlags: this.cancelFlags.buffer as SharedArrayBuffer,
      slot: index,
      progressIntervalMs: this.options.progressIntervalMs ?? 66,
    };
    const worker = new Worker(this.options.workerUrl, { workerData, execArgv: this.options.execArgv, name: `dl-lab-worker-${index}` });
    const slot: Slot = { index, worker, taskId: null, dead: false, extra };
    worker.on('message', (raw: unknown) => this.onMessage(slot, raw));
    worker.on('error', (error) => this.onDeath(slot, { code: 'error', message: `the worker crashed: ${errorMessage(error)}` }));
    worker.on('exit', (code) => this.onDeath(slot, { code: 'worker-exited', exitCode: code }));
    return slot;
  }

  private onMessage(slot: Slot, raw: unknown): void {
    let message: FromWorker;
    try {
      message = parseWorkerMessage(raw);
    } catch (error) {
      // A worker that speaks nonsense cannot be trusted with its task any longer.
      this.onDeath(slot, { code: 'error', message: `invalid message from the worker: ${errorMessage(error)}` });
      return;
    }
    if (message.type === 'ready') return;
    if (message.taskId !== slot.taskId) return; // a late message of a task already settled
    const handlers = this.options.handlers;
    if (message.type === 'progress') handlers.onProgress(message);
    else {
      slot.taskId = null;
      if (slot.extra) this.retire(slot);
      if (message.type === 'finished') handlers.onFinished(message);
      else {
        if (process.env.DL_LAB_DEBUG) console.error(message.detail);
        handlers.onFailed(message.taskId, { code: 'error', message: message.message });
      }
    }
  }

  private onDeath(slot: Slot, reason: RunProblem): void {
    if (slot.dead) return;
    slot.dead = true;
    const taskId = slot.taskId;
    slot.taskId = null;
    void slot.worker.terminate();
    if (slot.extra) {
      this.slots[slot.index] = undefined;
      if (taskId !== null && !this.closed) this.options.handlers.onFailed(taskId, reason);
    } else if (!this.closed) {
      this.slots[slot.index] = this.spawn(slot.index);
      if (taskId !== null) this.options.handlers.onFailed(taskId, reason);
    }
  }

  /** Hands MNIST (shared, not copied) to every worker, and to the ones started later. */
  provideMnist(mnist: SharedMnist): void {
    this.mnist = mnist;
    for (const slot of this.live()) slot.worker.postMessage({ type: 'mnist', mnist } satisfies ToWorker);
  }

  /** An idle slot index of the pool's own workers, or -1. */
  idleSlot(): number {
    for (let i = 0; i < this.size; i++) {
      const slot = this.slots[i]!;
      if (slot.taskId === null && !slot.dead) return i;
    }
    return -1;
  }

  /** A new worker for one task (dispatch it at once), or -1 when as many extra workers as the pool's own already run. */
  extraSlot(): number {
    if (this.closed) return -1;
    for (let i = this.size; i < 2 * this.size; i++) {
      if (this.slots[i]) continue;
      this.slots[i] = this.spawn(i, true);
      return i;
    }
    return -1;
  }

  private retire(slot: Slot): void {
    slot.dead = true;
    this.slots[slot.index] = undefined;
    void slot.worker.terminate();
  }

  /** Starts a task on an idle slot (see `idleSlot`). */
  dispatch(slotIndex: number, task: Extract<ToWorker, { type: 'run' }>): void {
    const slot = this.slots[slotIndex];
    if (!slot || slot.taskId !== null || slot.dead) throw new Error(`worker slot ${slotIndex} is busy`);
    Atomics.store(this.cancelFlags, slotIndex, 0);
    slot.taskId = task.taskId;
    slot.worker.postMessage(task);
  }

  /** Asks the worker running `taskId` to stop; it returns what it computed within a second. */
  cancel(taskId: number): void {
    for (const slot of this.live()) if (slot.taskId === taskId) Atomics.store(this.cancelFlags, slot.index, 1);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (let i = 0; i < this.cancelFlags.length; i++) Atomics.store(this.cancelFlags, i, 1);
    await Promise.all([...this.live()].map((slot) => slot.worker.terminate()));
  }
}
