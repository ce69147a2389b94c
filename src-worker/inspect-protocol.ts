// Messages between main's inspector (src-main/lab/inspector.ts) and the inspection worker
// (inspect-worker.ts): the trained networks of one job go in, their verdicts on the 10,000 test
// images and on a drawn digit come out. Everything the worker sends is checked by
// `parseInspectMessage` before main believes it.
import { MNIST_CLASSES, networkSnapshotProblem, type NetworkSnapshot } from '../src-shared/network.ts';

export interface InspectWorkerData {
  /** MNIST's test set as read once in main (no copy). */
  testImages: SharedArrayBuffer;
  testLabels: SharedArrayBuffer;
}

export type ToInspector =
  /** The networks of a job: replaces whatever the worker held (it holds one job's at a time). */
  | { type: 'load'; jobId: number; networks: { runId: number; snapshot: NetworkSnapshot }[] }
  /** Every loaded network on the whole test set. */
  | { type: 'evaluate'; requestId: number; jobId: number }
  /** Every loaded network's softmax for one 28×28 input (784 values in [0, 1]). */
  | { type: 'predict'; requestId: number; jobId: number; pixels: Float32Array };

/** How many of a network's mistakes come back (the most confident first); the count says how many there were. */
export const MISTAKES_SENT = 500;

export interface NetworkVerdict {
  runId: number;
  /** 10×10 counts: row = true label, column = predicted label. */
  confusion: Int32Array;
  /** The predicted label of every test image. */
  predicted: Uint8Array;
  /** Test indices of the wrong predictions, most confident first (at most MISTAKES_SENT). */
  mistakes: Int32Array;
  /** For each mistake its top 3 classes and their probabilities, [c1, p1, c2, p2, c3, p3] each. */
  mistakeTop: Float32Array;
  mistakeCount: number;
}

export type FromInspector =
  | { type: 'ready' }
  | { type: 'report'; requestId: number; verdicts: NetworkVerdict[]; ms: number }
  /** `probs`: 10 per loaded network, in load order; `ms`: the worker's time for all of them. */
  | { type: 'prediction'; requestId: number; runIds: number[]; probs: Float32Array; ms: number }
  | { type: 'error'; requestId: number | null; message: string };

export const TEST_COUNT = 10_000;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isWhole = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v);

/** Checks a 'load' message's networks (main builds it from the store, the worker checks it again before building nets). */
export function loadProblem(networks: unknown): string | null {
  if (!Array.isArray(networks)) return 'the networks are not a list';
  for (const entry of networks) {
    if (!isRecord(entry) || !isWhole(entry.runId)) return 'a network has no run id';
    const problem = networkSnapshotProblem(entry.snapshot);
    if (problem) return `run ${entry.runId}: ${problem}`;
  }
  return null;
}

function verdictProblem(v: unknown): string | null {
  if (!isRecord(v) || !isWhole(v.runId)) return 'a verdict has no run id';
  if (!(v.confusion instanceof Int32Array) || v.confusion.length !== MNIST_CLASSES * MNIST_CLASSES)
    return 'a confusion matrix is not 10×10';
  const total = v.confusion.reduce((a, b) => a + b, 0);
  if (total !== TEST_COUNT || v.confusion.some((n) => n < 0)) return `a confusion matrix does not count the ${TEST_COUNT} test images`;
  if (!(v.predicted instanceof Uint8Array) || v.predicted.length !== TEST_COUNT || v.predicted.some((c) => c >= MNIST_CLASSES))
    return 'the predictions are not one class per test image';
  if (!(v.mistakes instanceof Int32Array) || v.mistakes.length > MISTAKES_SENT || v.mistakes.some((i) => i < 0 || i >= TEST_COUNT))
    return 'the mistakes are not test indices';
  if (!(v.mistakeTop instanceof Float32Array) || v.mistakeTop.length !== 6 * v.mistakes.length) return 'the mistakes lack their top 3';
  for (let i = 0; i < v.mistakeTop.length; i += 2) {
    const c = v.mistakeTop[i];
    const p = v.mistakeTop[i + 1];
    if (!(Number.isInteger(c) && c >= 0 && c < MNIST_CLASSES && p >= 0 && p <= 1)) return 'a top-3 entry is not a class and a probability';
  }
  if (!isWhole(v.mistakeCount) || v.mistakeCount < v.mistakes.length || v.mistakeCount > TEST_COUNT) return 'the mistake count is wrong';
  return null;
}

/** Validates a message from the inspection worker; throws with what is wrong. */
export function parseInspectMessage(message: unknown): FromInspector {
  if (!isRecord(message) || typeof message.type !== 'string') throw new Error('the inspection worker sent a message without a type');
  const requestOk = () => {
    if (!isWhole(message.requestId)) throw new Error(`inspection ${message.type} message has no request id`);
  };
  switch (message.type) {
    case 'ready':
      return message as FromInspector;
    case 'report': {
      requestOk();
      if (!Array.isArray(message.verdicts) || typeof message.ms !== 'number') throw new Error('inspection report lacks its verdicts');
      for (const verdict of message.verdicts) {
        const problem = verdictProblem(verdict);
        if (problem) throw new Error(`inspection report: ${problem}`);
      }
      return message as FromInspector;
    }
    case 'prediction': {
      requestOk();
      const { runIds, probs } = message;
      if (!Array.isArray(runIds) || !runIds.every(isWhole)) throw new Error('inspection prediction has no run ids');
      if (!(probs instanceof Float32Array) || probs.length !== MNIST_CLASSES * runIds.length || !probs.every((p) => p >= 0 && p <= 1))
        throw new Error('inspection prediction: not 10 probabilities per network');
      if (typeof message.ms !== 'number') throw new Error('inspection prediction has no time');
      return message as FromInspector;
    }
    case 'error':
      if (message.requestId !== null) requestOk();
      if (typeof message.message !== 'string') throw new Error('inspection error has no text');
      return message as FromInspector;
    default:
      throw new Error(`the inspection worker sent an unknown message type ${JSON.stringify(message.type)}`);
  }
}
