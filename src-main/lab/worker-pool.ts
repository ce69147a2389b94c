// A pool of training worker threads, one per core. Each worker runs one task at a time; a worker that
// dies (an uncaught error, out of memory, process.exit) fails its task and is replaced, so the
// other tasks go on. Up to as many extra workers again can be started for one task each
// (`extraSlot`): the run manager starts a job's last few runs on them rather than let them wait
// for a core (run-manager.ts, `pump`); an extra worker ends with its task. An idle worker of the
// pool's own can be lent to a running task that offered to share its accuracy measurements
// (`lendIdleCores`, src-worker/help-board.ts), and is asked back when work is queued.
import { Worker } from 'node:worker_threads';
import { errorMessage, type RunProblem } from '../../src-shared/outcome.ts';
import { helpBoardBuffer, lend, markGone, recall } from '../../src-worker/help-board.ts';
import {
  parseWorkerMessage,
  type FromWorker,
  type ShareSetup,
  type SharedMnist,
  type ToWorker,
  type WorkerData,
} from '../../src-worker/protocol.ts';

export interface TaskHandlers {
  onProgress(message: Extract<FromWorker, { type: 'progress' }>): void;
  onFinished(message: Extract<FromWorker, { type: 'finished' }>): void;
  onFailed(taskId: number, problem: RunProblem): void;
  /**
   * A lent worker came back (or died and was replaced), or a running task offered to share its
   * measurements: the caller may start queued work or lend idle workers (`lendIdleCores`).
   */
  onHelpChanged?(): void;
}

/** A worker lent to a running task. */
interface Lending {
  taskId: number;
  lease: number;
  /** Whether the setup went to the worker (a 'helped' answer then frees it); else it is freed at once. */
  sent: boolean;
  /** Asked back (recall): it leaves after the request it is on. */
  recalled: boolean;
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
  /** Set while the worker is lent to a running task as a helper. */
  lending: Lending | null;
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
  private readonly helpBoard: Int32Array;
  /** The setups of running tasks that offered to share their measurements, by task id. */
  private readonly setups = new Map<number, ShareSetup>();
  private lastLease = 0;
  private readonly options: WorkerPoolOptions;
  private mnist: SharedMnist | null = null;
  private closed = false;

  constructor(options: WorkerPoolOptions) {
    if (!Number.isInteger(options.size) || options.size < 1) throw new RangeError(`worker pool size must be ≥ 1 (got ${options.size})`);
    this.options = options;
    this.size = options.size;
    this.cancelFlags = new Int32Array(new SharedArrayBuffer(4 * 2 * options.size));
    this.helpBoard = new Int32Array(helpBoardBuffer(2 * options.size));
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
      helpBoard: this.helpBoard.buffer as SharedArrayBuffer,
    };
    const worker = new Worker(this.options.workerUrl, { workerData, execArgv: this.options.execArgv, name: `dl-lab-worker-${index}` });
    const slot: Slot = { index, worker, taskId: null, dead: false, extra, lending: null };
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
    if (message.type === 'helped') {
      if (slot.lending?.lease === message.lease) this.giveBack(slot);
      return;
    }
    if (message.taskId !== slot.taskId) return; // a late message of a task already settled
    const handlers = this.options.handlers;
    if (message.type === 'progress') handlers.onProgress(message);
    else if (message.type === 'share') {
      this.setups.set(message.taskId, message.setup);
      handlers.onHelpChanged?.();
    } else {
      slot.taskId = null;
      this.settled(message.taskId);
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
    if (taskId !== null) this.settled(taskId);
    if (slot.lending) {
      // A helper's death fails nothing: its trainer measures the share itself from now on.
      markGone(this.helpBoard, slot.index);
      slot.lending = null;
      if (!this.closed) {
        this.slots[slot.index] = this.spawn(slot.index);
        this.options.handlers.onHelpChanged?.();
      }
      return;
    }
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
      if (slot.taskId === null && !slot.dead && !slot.lending) return i;
    }
    return -1;
  }

  private *helpersOf(taskId: number): Generator<Slot> {
    for (const slot of this.live()) if (slot.lending?.taskId === taskId) yield slot;
  }

  /**
   * Lends idle workers to running tasks that offered to share their measurements, the task with
   * the fewest helpers first, while fewer threads than cores are busy (extra workers count).
   */
  lendIdleCores(): void {
    if (this.closed) return;
    let busy = 0;
    for (const slot of this.live()) if (slot.taskId !== null || slot.lending) busy++;
    for (; busy < this.size; busy++) {
      const idle = this.idleSlot();
      if (idle < 0) return;
      let best: { taskId: number; helpers: number } | null = null;
      for (const taskId of this.setups.keys()) {
        const helpers = [...this.helpersOf(taskId)].length;
        if (!best || helpers < best.helpers) best = { taskId, helpers };
      }
      if (!best) return;
      const trainer = [...this.live()].find((slot) => slot.taskId === best.taskId);
      if (!trainer) return;
      const slot = this.slots[idle]!;
      slot.lending = { taskId: best.taskId, lease: ++this.lastLease, sent: false, recalled: false };
      lend(this.helpBoard, idle, trainer.index, slot.lending.lease);
      this.sendSetup(slot);
    }
  }

  /** The threads lent out now (a test kills one to see its trainer carry on). */
  lentThreads(): Worker[] {
    return [...this.live()].filter((slot) => slot.lending).map((slot) => slot.worker);
  }

  /** Asks every lent worker back; true when some are idle at once (they had not started helping). */
  reclaimHelpers(): boolean {
    let freed = false;
    for (const slot of [...this.live()]) if (slot.lending && this.askBack(slot)) freed = true;
    return freed;
  }

  /** Asks a lent worker back: true when it is idle at once, else it answers 'helped' when it has left. */
  private askBack(slot: Slot): boolean {
    const lending = slot.lending!;
    if (lending.recalled) return false;
    lending.recalled = true;
    recall(this.helpBoard, slot.index);
    if (lending.sent) return false;
    this.giveBack(slot, false);
    return true;
  }

  /** Whether lent workers were asked back and have not yet returned. */
  reclaiming(): boolean {
    for (const slot of this.live()) if (slot.lending?.recalled) return true;
    return false;
  }

  private sendSetup(slot: Slot): void {
    const lending = slot.lending;
    const setup = lending && this.setups.get(lending.taskId);
    if (!lending || !setup || lending.sent || lending.recalled) return;
    lending.sent = true;
    slot.worker.postMessage({ type: 'help', lease: lending.lease, setup } satisfies ToWorker);
  }

  /** The lent worker is idle again (it answered 'helped', or had not started). */
  private giveBack(slot: Slot, notify = true): void {
    markGone(this.helpBoard, slot.index);
    slot.lending = null;
    if (notify) this.options.handlers.onHelpChanged?.();
  }

  /** A task ended: its helpers are asked back. */
  private settled(taskId: number): void {
    this.setups.delete(taskId);
    for (const slot of [...this.helpersOf(taskId)]) this.askBack(slot);
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
    if (!slot || slot.taskId !== null || slot.dead || slot.lending) throw new Error(`worker slot ${slotIndex} is busy`);
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
    for (const slot of this.live()) if (slot.lending) recall(this.helpBoard, slot.index);
    await Promise.all([...this.live()].map((slot) => slot.worker.terminate()));
  }
}
