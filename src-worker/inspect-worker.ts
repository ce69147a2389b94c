// Inspection worker thread: holds the trained networks of one job (rebuilt from their snapshots in
// this thread's kernel memory) and answers main's inspector — the test-set verdicts of every
// network, and every network's softmax for a drawn digit — off the UI and off main's event loop,
// with the training engine. One job at a time: loading another frees the last one's memory.
import { parentPort, workerData, type TransferListItem } from 'node:worker_threads';
import { errorMessage } from '../src-shared/outcome.ts';
import type { MnistSet } from './data/mnist-types.ts';
import { threadKernels } from './engine/kernels/create-kernels.ts';
import { MultiLayerNet } from './engine/multi-layer-net.ts';
import { loadProblem, type FromInspector, type InspectWorkerData, type ToInspector } from './inspect-protocol.ts';
import { predictAll, verdictOn } from './inspect/verdicts.ts';

if (!parentPort) throw new Error('inspect-worker.ts must run in a worker thread');
const port = parentPort;
const data = workerData as InspectWorkerData;
const test: MnistSet = {
  images: new Uint8Array(data.testImages),
  labels: new Uint8Array(data.testLabels),
  count: data.testLabels.byteLength,
  rows: 28,
  cols: 28,
};

let loaded: { jobId: number; runIds: number[]; nets: MultiLayerNet[] } | null = null;
const send = (message: FromInspector, transfer: TransferListItem[] = []) => port.postMessage(message, transfer);

function handle(message: ToInspector): void {
  if (message.type === 'load') {
    const problem = loadProblem(message.networks);
    if (problem) throw new Error(problem);
    const kernels = threadKernels();
    loaded = null;
    kernels.reset(); // the last job's networks go
    loaded = {
      jobId: message.jobId,
      runIds: message.networks.map((n) => n.runId),
      nets: message.networks.map((n) => MultiLayerNet.fromSnapshot(n.snapshot, { kernels })),
    };
    return;
  }
  if (!loaded || loaded.jobId !== message.jobId) throw new Error(`the networks of job ${message.jobId} are not loaded`);
  const t0 = performance.now();
  if (message.type === 'evaluate') {
    const { runIds, nets } = loaded;
    const verdicts = nets.map((net, i) => verdictOn(net, runIds[i], test));
    const transfer = verdicts.flatMap(
      (v) => [v.confusion.buffer, v.predicted.buffer, v.mistakes.buffer, v.mistakeTop.buffer] as ArrayBuffer[],
    );
    send({ type: 'report', requestId: message.requestId, verdicts, ms: performance.now() - t0 }, transfer);
  } else {
    const probs = predictAll(loaded.nets, message.pixels);
    send({ type: 'prediction', requestId: message.requestId, runIds: loaded.runIds, probs, ms: performance.now() - t0 }, [
      probs.buffer as ArrayBuffer,
    ]);
  }
}

port.on('message', (message: ToInspector) => {
  try {
    handle(message);
  } catch (error) {
    send({ type: 'error', requestId: message.type === 'load' ? null : message.requestId, message: errorMessage(error) });
  }
});

send({ type: 'ready' });
