// Messages between main's run manager and a training worker (discriminated unions). Everything a
// worker sends is checked by `parseWorkerMessage` before main believes it.
import type { ExperimentId, RunPlan } from '../src-shared/experiments/spec.ts';
import { networkConfigProblem, networkSnapshotProblem, type NetworkConfig } from '../src-shared/network.ts';
import { parseRunProblem } from '../src-shared/outcome.ts';
import type { ParamValues } from '../src-shared/params/spec.ts';
import { xrayLayoutProblem, xraySamplesProblem, type XrayLayout } from '../src-shared/xray.ts';
import { MNIST_COUNTS } from './data/mnist-types.ts';
import type { RunOutcome } from './experiments/runner.ts';
import { MAX_SHARED_SETS } from './help-board.ts';
import { mirrorLayout } from './network-mirror.ts';

/** MNIST as SharedArrayBuffers: read once in main, shared with every worker without a copy. */
export interface SharedMnist {
  trainImages: SharedArrayBuffer;
  trainLabels: SharedArrayBuffer;
  testImages: SharedArrayBuffer;
  testLabels: SharedArrayBuffer;
}

export interface WorkerData {
  /** Set when the worker starts after MNIST was loaded; else it comes in a 'mnist' message. */
  mnist: SharedMnist | null;
  /** Int32 flags, one per task slot: main stores 1 to cancel, the worker polls it with Atomics. */
  cancelFlags: SharedArrayBuffer;
  /** Which slot of cancelFlags belongs to this worker. */
  slot: number;
  /** Milliseconds between progress messages (about 10–20 per second per job). */
  progressIntervalMs: number;
  /** The help board (help-board.ts), a record per slot. */
  helpBoard: SharedArrayBuffer;
}

/**
 * What a helper needs to measure a run's accuracy (experiments/shared-evaluation.ts): the network's
 * architecture, its values' shared mirror (network-mirror.ts) and the sets measured every epoch.
 */
export interface ShareSetup {
  config: NetworkConfig;
  weights: SharedArrayBuffer;
  sets: { set: 'train' | 'test'; indices: Int32Array }[];
}

export type ToWorker =
  | {
      type: 'run';
      taskId: number;
      experiment: ExperimentId;
      params: ParamValues;
      seed: number;
      runIndex: number;
      run: RunPlan;
    }
  /** MNIST arrives with the first job that needs it (the 2-D paths and the histograms do not). */
  | { type: 'mnist'; mnist: SharedMnist }
  /** Lent to a running task: measure its accuracy while the lease on the help board lasts. */
  | { type: 'help'; lease: number; setup: ShareSetup };

/** Points appended to each curve since the last message. */
export type CurveDelta = Record<string, number[]>;

/** X-ray samples taken since the last message (src-shared/xray.ts), with their layout. */
export interface XrayDelta {
  layout: XrayLayout;
  samples: { iteration: number; data: Float32Array }[];
}

export type FromWorker =
  | { type: 'ready'; kernel: string }
  | { type: 'progress'; taskId: number; done: number; total: number; curves: CurveDelta; replace: string[]; xray?: XrayDelta }
  | { type: 'finished'; taskId: number; outcome: RunOutcome; helpedGroups?: number }
  /** The run can use helpers: what one needs, kept by main for every core it lends the run. */
  | { type: 'share'; taskId: number; setup: ShareSetup }
  /** A helper left its lease (asked back, or its setup failed): the worker is idle again. */
  | { type: 'helped'; lease: number }
  /** The run threw: `message` is what a user may read (first line, no paths); `detail` the stack, for logs. */
  | { type: 'failed'; taskId: number; message: string; detail: string };

const isFiniteOrNaN = (v: unknown): v is number => typeof v === 'number';
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Validates a message from a worker; throws with what is wrong. */
export function parseWorkerMessage(message: unknown): FromWorker {
  if (!isRecord(message) || typeof message.type !== 'string') throw new Error('worker sent a message without a type');
  const taskId = message.taskId;
  const needTask = () => {
    if (typeof taskId !== 'number' || !Number.isInteger(taskId)) throw new Error(`worker ${message.type} message has no task id`);
  };
  switch (message.type) {
    case 'ready':
      if (typeof message.kernel !== 'string') throw new Error('worker ready message has no kernel name');
      return message as FromWorker;
    case 'progress': {
      needTask();
      if (typeof message.done !== 'number' || typeof message.total !== 'number') throw new Error('worker progress lacks done/total');
      if (!isRecord(message.curves) || !Array.isArray(message.replace)) throw new Error('worker progress lacks curves');
      for (const [metric, points] of Object.entries(message.curves)) {
        if (!Array.isArray(points) || !points.every(isFiniteOrNaN))
          throw new Error(`worker progress: curve ${metric} is not a list of numbers`);
      }
      if (message.xray !== undefined) {
        const xray = message.xray as Record<string, unknown>;
        const problem =
          (isRecord(xray) ? xrayLayoutProblem(xray.layout) : 'the X-ray is not an object') ??
          (Array.isArray(xray.samples) ? xraySamplesProblem(xray.layout as XrayLayout, xray.samples) : 'the X-ray has no samples');
        if (problem) throw new Error(`worker progress: ${problem}`);
      }
      return message as FromWorker;
    }
    case 'finished': {
      needTask();
      const outcome = message.outcome;
      if (!isRecord(outcome) || !['done', 'cancelled', 'diverged'].includes(outcome.status as string) || !isRecord(outcome.final)) {
        throw new Error('worker finished message has no valid outcome');
      }
      if (outcome.problem !== undefined && parseRunProblem(outcome.problem) === null)
        throw new Error('worker finished message has a malformed problem');
      if (outcome.network !== undefined) {
        const problem = networkSnapshotProblem(outcome.network);
        if (problem) throw new Error(`worker finished message: ${problem}`);
      }
      return message as FromWorker;
    }
    case 'share': {
      needTask();
      const problem = shareSetupProblem(message.setup);
      if (problem) throw new Error(`worker share message: ${problem}`);
      return message as FromWorker;
    }
    case 'helped':
      if (typeof message.lease !== 'number' || !Number.isInteger(message.lease)) throw new Error('worker helped message has no lease');
      return message as FromWorker;
    case 'failed':
      needTask();
      if (typeof message.message !== 'string' || typeof message.detail !== 'string')
        throw new Error('worker failed message has no error text');
      return message as FromWorker;
    default:
      throw new Error(`worker sent an unknown message type ${JSON.stringify(message.type)}`);
  }
}

/** What is wrong with a helper's setup from a worker, or null. */
export function shareSetupProblem(value: unknown): string | null {
  if (!isRecord(value)) return 'the setup is not an object';
  const configProblem = networkConfigProblem(value.config);
  if (configProblem) return configProblem;
  const bytes = mirrorLayout(value.config as NetworkConfig).bytes;
  if (!(value.weights instanceof SharedArrayBuffer) || value.weights.byteLength !== bytes)
    return `the weights are not a shared buffer of ${bytes} bytes`;
  const sets = value.sets;
  if (!Array.isArray(sets) || sets.length < 1 || sets.length > MAX_SHARED_SETS)
    return `the setup has no list of 1 to ${MAX_SHARED_SETS} sets`;
  for (const s of sets) {
    if (!isRecord(s) || (s.set !== 'train' && s.set !== 'test')) return 'a set is neither train nor test';
    const size = MNIST_COUNTS[s.set];
    const indices = s.indices;
    if (!(indices instanceof Int32Array) || indices.length < 1 || indices.length > size)
      return `the ${s.set} set has no list of image indices`;
    for (let i = 0; i < indices.length; i++)
      if (indices[i] < 0 || indices[i] >= size) return `the ${s.set} set has an index outside 0…${size - 1}`;
  }
  return null;
}
