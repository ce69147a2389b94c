// The inspector's host side: one inspection worker thread (src-worker/inspect-worker.ts), started on
// the first question, that holds one job's trained networks at a time. Its own thread rather than
// the training pool's: a drawn digit must be answered in milliseconds even while a search keeps
// every training worker busy (the lab service keeps two: one for the test-set reports, which take
// seconds, one for drawn digits, so that neither waits for the other). Replies are checked (parseInspectMessage); a worker that dies fails
// the questions it had and is started again on the next one.
import { Worker } from 'node:worker_threads';
import { bytesToBase64 } from '../../src-shared/base64.ts';
import type { DigitPrediction, InspectReport } from '../../src-shared/inspect.ts';
import type { NetworkSnapshot } from '../../src-shared/network.ts';
import { errorMessage } from '../../src-shared/outcome.ts';
import {
  parseInspectMessage,
  type FromInspector,
  type InspectWorkerData,
  type NetworkVerdict,
  type ToInspector,
} from '../../src-worker/inspect-protocol.ts';

/** A job's kept networks as the inspector asks for them: which runs (cheap), and the tensors when it must load them. */
export interface JobNetworks {
  jobId: number;
  /** The runs that kept a network, in run order, with their labels. */
  runs: { runId: number; label: string }[];
  /** Reads the networks from the store (only when the worker does not hold exactly these yet). */
  read(): { networks: { runId: number; snapshot: NetworkSnapshot }[]; unavailable: { runId: number; label: string; reason: string }[] };
}

export interface InspectorOptions {
  workerUrl: URL;
  execArgv?: string[];
  /** MNIST's test set, read once in main. */
  test: () => InspectWorkerData;
}

type Reply = Exclude<FromInspector, { type: 'ready' } | { type: 'error' }>;

/** Reports kept for the last few jobs asked about (a report of a 32-network job takes a couple of seconds). */
const KEEP_REPORTS = 4;

export class Inspector {
  readonly #options: InspectorOptions;
  #worker: Worker | null = null;
  /** The job whose networks the worker holds, and which of its runs (a job that kept more since is loaded again). */
  #loaded: { jobId: number; key: string; unavailable: JobNetworksRead['unavailable'] } | null = null;
  #nextRequest = 1;
  readonly #pending = new Map<number, { resolve: (reply: Reply) => void; reject: (error: Error) => void }>();
  readonly #reports = new Map<string, InspectReport>();

  constructor(options: InspectorOptions) {
    this.#options = options;
  }

  #start(): Worker {
    if (this.#worker) return this.#worker;
    const worker = new Worker(this.#options.workerUrl, {
      workerData: this.#options.test(),
      execArgv: this.#options.execArgv,
      name: 'dl-lab-inspector',
    });
    worker.on('message', (raw: unknown) => {
      let message: FromInspector;
      try {
        message = parseInspectMessage(raw);
      } catch (error) {
        this.#fail(worker, new Error(`invalid message from the inspection worker: ${errorMessage(error)}`));
        return;
      }
      if (message.type === 'ready') return;
      if (message.type === 'error') {
        if (message.requestId === null) {
          this.#loaded = null; // a load that failed leaves nothing loaded
          return;
        }
        const waiting = this.#pending.get(message.requestId);
        this.#pending.delete(message.requestId);
        waiting?.reject(new Error(message.message));
        return;
      }
      const waiting = this.#pending.get(message.requestId);
      this.#pending.delete(message.requestId);
      waiting?.resolve(message);
    });
    worker.on('error', (error) => this.#fail(worker, new Error(`the inspection worker crashed: ${errorMessage(error)}`)));
    worker.on('exit', (code) => this.#fail(worker, new Error(`the inspection worker exited with code ${code}`)));
    this.#worker = worker;
    return worker;
  }

  #fail(worker: Worker, error: Error): void {
    if (this.#worker !== worker) return;
    this.#worker = null;
    this.#loaded = null;
    void worker.terminate();
    for (const waiting of this.#pending.values()) waiting.reject(error);
    this.#pending.clear();
  }

  /** Sends the job's networks unless the worker holds exactly these already, then asks. */
  #ask(job: JobNetworks, question: (requestId: number) => ToInspector): Promise<Reply> {
    const worker = this.#start();
    const key = keyOf(job);
    if (this.#loaded?.jobId !== job.jobId || this.#loaded.key !== key) {
      const { networks, unavailable } = job.read();
      worker.postMessage({ type: 'load', jobId: job.jobId, networks } satisfies ToInspector);
      this.#loaded = { jobId: job.jobId, key, unavailable };
    }
    const requestId = this.#nextRequest++;
    return new Promise<Reply>((resolve, reject) => {
      this.#pending.set(requestId, { resolve, reject });
      worker.postMessage(question(requestId));
    });
  }

  /** Every network of the job on the 10,000 test images (kept for the last few jobs asked). */
  async report(job: JobNetworks, testLabels: Uint8Array): Promise<InspectReport> {
    const key = `${job.jobId}:${keyOf(job)}`;
    const kept = this.#reports.get(key);
    if (kept) return kept;
    const reply = await this.#ask(job, (requestId) => ({ type: 'evaluate', requestId, jobId: job.jobId }));
    if (reply.type !== 'report') throw new Error('the inspection worker answered another question');
    const labelOf = new Map(job.runs.map((n) => [n.runId, n.label]));
    const report: InspectReport = {
      jobId: job.jobId,
      labels: bytesToBase64(testLabels),
      networks: reply.verdicts.map((verdict) => inspected(verdict, labelOf.get(verdict.runId) ?? '', testLabels)),
      unavailable: this.#loaded?.jobId === job.jobId ? this.#loaded.unavailable : [],
      ms: reply.ms,
    };
    this.#reports.delete(key);
    this.#reports.set(key, report);
    for (const old of this.#reports.keys()) if (this.#reports.size > KEEP_REPORTS) this.#reports.delete(old);
    return report;
  }

  /** Every network's softmax for a 28×28 input (784 values in [0, 1], checked by the caller). */
  async predict(job: JobNetworks, pixels: Float32Array): Promise<DigitPrediction> {
    const reply = await this.#ask(job, (requestId) => ({ type: 'predict', requestId, jobId: job.jobId, pixels }));
    if (reply.type !== 'prediction') throw new Error('the inspection worker answered another question');
    const labelOf = new Map(job.runs.map((n) => [n.runId, n.label]));
    return {
      networks: reply.runIds.map((runId, i) => ({
        runId,
        label: labelOf.get(runId) ?? '',
        probs: Array.from(reply.probs.subarray(i * 10, i * 10 + 10)),
      })),
      ms: reply.ms,
    };
  }

  /** Forgets a job (deleted): its report and, if loaded, its networks at the next question. */
  forget(jobId: number): void {
    for (const key of [...this.#reports.keys()]) if (key.startsWith(`${jobId}:`)) this.#reports.delete(key);
    if (this.#loaded?.jobId === jobId) this.#loaded = null;
  }

  async close(): Promise<void> {
    const worker = this.#worker;
    this.#worker = null;
    for (const waiting of this.#pending.values()) waiting.reject(new Error('the lab is shutting down'));
    this.#pending.clear();
    await worker?.terminate();
  }
}

type JobNetworksRead = ReturnType<JobNetworks['read']>;

const keyOf = (job: JobNetworks): string => job.runs.map((n) => n.runId).join(',');

function inspected(verdict: NetworkVerdict, label: string, testLabels: Uint8Array): InspectedNetwork {
  let correct = 0;
  for (let c = 0; c < 10; c++) correct += verdict.confusion[c * 11];
  const mistakes = Array.from(verdict.mistakes, (index, m) => ({
    index,
    label: testLabels[index],
    top: [0, 1, 2].map((k) => ({ digit: verdict.mistakeTop[6 * m + 2 * k], p: verdict.mistakeTop[6 * m + 2 * k + 1] })),
  }));
  return {
    runId: verdict.runId,
    label,
    accuracy: correct / verdict.predicted.length,
    confusion: Array.from(verdict.confusion),
    predicted: bytesToBase64(verdict.predicted),
    mistakes,
    mistakeCount: verdict.mistakeCount,
  };
}

type InspectedNetwork = InspectReport['networks'][number];
