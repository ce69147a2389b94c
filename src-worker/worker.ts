// Worker thread entry: trains the runs main hands it, one at a time, streaming curve points in
// batches (a few messages a second, not one per iteration) and polling a shared cancel flag.
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort, workerData, type TransferListItem } from 'node:worker_threads';
import { EXPERIMENTS } from '../src-shared/experiments/catalog.ts';
import { errorMessage } from '../src-shared/outcome.ts';
import type { Mnist, MnistSet } from './data/mnist-types.ts';
import { defaultKernelKind, threadKernels } from './engine/kernels/create-kernels.ts';
import type { RunContext, RunOutcome } from './experiments/runner.ts';
import { RUNNERS } from './experiments/runners.ts';
import { serveMeasurements, type HelpLink } from './experiments/shared-evaluation.ts';
import type { CurveDelta, FromWorker, SharedMnist, ToWorker, WorkerData, XrayDelta } from './protocol.ts';

if (!parentPort) throw new Error('worker.ts must run in a worker thread');
const port = parentPort;
const data = workerData as WorkerData;
const cancelFlags = new Int32Array(data.cancelFlags);
const helpBoard = new Int32Array(data.helpBoard);
/** Nice value of a training thread: below the main thread (0), so that the service and the UI come first. */
const WORKER_NICENESS = 10;

function mnistFromShared(shared: SharedMnist | null): Mnist | null {
  if (!shared) return null;
  const set = (images: SharedArrayBuffer, labels: SharedArrayBuffer): MnistSet => ({
    images: new Uint8Array(images),
    labels: new Uint8Array(labels),
    count: labels.byteLength,
    rows: 28,
    cols: 28,
  });
  return { train: set(shared.trainImages, shared.trainLabels), test: set(shared.testImages, shared.testLabels) };
}

let mnist = mnistFromShared(data.mnist);
const send = (message: FromWorker, transfer: TransferListItem[] = []) => port.postMessage(message, transfer);

function runTask(task: Extract<ToWorker, { type: 'run' }>): void {
  const experiment = EXPERIMENTS[task.experiment];
  const runner = RUNNERS[task.experiment];
  if (!experiment || !runner) throw new Error(`unknown experiment ${task.experiment}`);
  const total = experiment.units(task.params, task.run);
  let done = 0;
  let pending: CurveDelta = {};
  let replaced = new Set<string>();
  let xray: XrayDelta | null = null;
  let lastSent = performance.now();

  const flush = () => {
    const samples = xray?.samples.map((s) => s.data.buffer as ArrayBuffer) ?? [];
    send(
      { type: 'progress', taskId: task.taskId, done, total, curves: pending, replace: [...replaced], ...(xray ? { xray } : {}) },
      samples,
    );
    pending = {};
    replaced = new Set();
    xray = null;
    lastSent = performance.now();
  };
  const maybeFlush = () => {
    if (performance.now() - lastSent >= data.progressIntervalMs) flush();
  };

  const help: HelpLink = {
    board: helpBoard,
    slot: data.slot,
    offer: (setup) => send({ type: 'share', taskId: task.taskId, setup }),
    helpedGroups: 0,
  };
  const ctx: RunContext = {
    params: task.params,
    seed: task.seed,
    runIndex: task.runIndex,
    run: task.run,
    mnist: experiment.usesMnist ? mnist : null,
    emit(metric, ...values) {
      (pending[metric] ??= []).push(...values);
      maybeFlush();
    },
    setCurve(metric, values) {
      pending[metric] = Array.from(values);
      replaced.add(metric);
    },
    advance(n = 1) {
      done += n;
      maybeFlush();
    },
    cancelled: () => Atomics.load(cancelFlags, data.slot) !== 0,
    xray(layout, iteration, sample) {
      (xray ??= { layout, samples: [] }).samples.push({ iteration, data: sample });
    },
    help,
  };
  if (experiment.usesMnist && !mnist) throw new Error(`${task.experiment} needs MNIST, which this worker was not given`);

  // Runs train one after another in this thread's kernel memory: the last run's buffers are free.
  threadKernels().reset();
  let outcome: RunOutcome;
  try {
    outcome = runner(ctx);
  } finally {
    flush(); // whatever was computed is kept, also when the run throws
  }
  send(
    { type: 'finished', taskId: task.taskId, outcome, helpedGroups: help.helpedGroups },
    outcome.network?.tensors.map((t) => t.values.buffer as ArrayBuffer) ?? [],
  );
}

port.on('message', (task: ToWorker) => {
  if (task.type === 'mnist') {
    mnist = mnistFromShared(task.mnist);
    return;
  }
  if (task.type === 'help') {
    try {
      if (mnist) serveMeasurements(helpBoard, data.slot, task.lease, task.setup, mnist);
    } catch (error) {
      // The trainer measures this helper's share itself (it saw GONE); the worker stays usable.
      if (process.env.DL_LAB_DEBUG) console.error(error);
    }
    send({ type: 'helped', lease: task.lease });
    return;
  }
  try {
    runTask(task);
  } catch (error) {
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    send({ type: 'failed', taskId: task.taskId, message: errorMessage(error), detail });
  }
});

/**
 * Trains at a lower priority than the process's main thread (Linux): with every core training, the
 * lab service (IPC, the web host) and the page still get the CPU when they need it. On Linux a
 * thread has an id of its own that setpriority accepts; elsewhere the OS's default scheduling stays.
 */
function yieldToTheService(): void {
  if (process.platform !== 'linux') return;
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isSafeInteger(tid) && tid !== process.pid) setPriority(tid, WORKER_NICENESS);
  } catch {
    // No /proc, or not permitted: train at the normal priority.
  }
}

yieldToTheService();
send({ type: 'ready', kernel: defaultKernelKind() });
