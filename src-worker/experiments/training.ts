// What the MNIST experiments share: building a seeded network, drawing minibatches with
// replacement, measuring accuracy straight from MNIST's bytes, and noticing a diverging loss.
import { gatherBatch, gatherBatchBytes, gatherGroups } from '../data/mnist-batches.ts';
import type { RowGroups, SparseRows } from '../engine/kernels/kernels.ts';
import { sparseInputCapacity } from '../engine/layers/affine.ts';
import { GROUP_ROWS, groupCount, rowGroupRange } from '../engine/kernels/row-groups.ts';
import type { MnistSet } from '../data/mnist-types.ts';
import { threadKernels } from '../engine/kernels/create-kernels.ts';
import { MultiLayerNet, type Activation, type MultiLayerNetOptions, type NetInput } from '../engine/multi-layer-net.ts';
import { createOptimizer, type Optimizer } from '../engine/optimizers.ts';
import type { RunProblem } from '../../src-shared/outcome.ts';
import { deriveRng, type Rng } from '../../src-shared/rng.ts';
import type { OptimizerName } from '../../src-shared/vocabulary.ts';
import type { NetworkSnapshot } from '../../src-shared/network.ts';
import type { RunContext } from './runner.ts';
import type { XraySampler } from './xray-sampler.ts';

export interface NetSpec {
  hiddenSizes: number[];
  activation?: Activation;
  weightInit?: MultiLayerNetOptions['weightInit'];
  weightDecayLambda?: number;
  useBatchnorm?: boolean;
  useDropout?: boolean;
  dropoutRatio?: number;
}

/**
 * A 784-…-10 network whose initial weights and dropout masks come from streams of the job seed
 * separated by run index, so sibling runs differ and the same job replays bit for bit.
 */
export function buildNet(ctx: RunContext, spec: NetSpec): MultiLayerNet {
  return new MultiLayerNet({
    inputSize: 784,
    outputSize: 10,
    hiddenSizes: spec.hiddenSizes,
    activation: spec.activation ?? 'relu',
    weightInit: spec.weightInit ?? 'he',
    weightDecayLambda: spec.weightDecayLambda ?? 0,
    useBatchnorm: spec.useBatchnorm ?? false,
    useDropout: spec.useDropout ?? false,
    dropoutRatio: spec.dropoutRatio ?? 0.5,
    rngs: { init: initRng(ctx), dropout: deriveRng(ctx.seed, `dropout/${ctx.runIndex}`) },
    // The worker's one context, reset before each run (see worker.ts).
    kernels: threadKernels(),
  });
}

/**
 * The initial weights' stream: the run's own, or with `sharedInit` one stream for the whole job, so
 * that networks of the same architecture start from the same weights and only the technique differs.
 */
function initRng(ctx: RunContext): Rng {
  return deriveRng(ctx.seed, ctx.params.sharedInit === true ? 'init/shared' : `init/${ctx.runIndex}`);
}

export function buildOptimizer(net: MultiLayerNet, name: OptimizerName, lr: number): Optimizer {
  return createOptimizer(name, { lr, kernels: net.kernels });
}

/** The job's shared minibatch stream: networks compared in one job see the same batches, as the book's do. */
export const sharedBatchRng = (ctx: RunContext): Rng => deriveRng(ctx.seed, 'batch');
/** A stream of this run's own (the search's trials are independent experiments). */
export const ownBatchRng = (ctx: RunContext): Rng => deriveRng(ctx.seed, `batch/${ctx.runIndex}`);

/** A training set: MNIST samples picked by index (the first N, or a shuffled split). */
export interface Samples {
  set: MnistSet;
  indices: Int32Array;
}

export const firstN = (set: MnistSet, n: number): Samples => ({ set, indices: Int32Array.from({ length: n }, (_, i) => i) });

/**
 * `np.random.choice(train_size, batch_size)`: the picked images' bytes copied into the network's
 * kernel memory and scaled there (/255) into what its first layer takes: the batch's non-zero
 * pixels (the default sparse first layer; a batch denser than the layer's limit, which MNIST never
 * is, as dense floats instead), or dense floats.
 */
export class BatchSampler {
  readonly t: Int32Array;
  private readonly picks: Int32Array;
  private readonly samples: Samples;
  private readonly rng: Rng;
  private readonly net: MultiLayerNet;
  private readonly bytes: Uint8Array;
  private readonly entries: SparseRows | null;
  private dense: Float32Array | null = null;
  private current: NetInput;

  constructor(net: MultiLayerNet, samples: Samples, batchSize: number, rng: Rng) {
    this.samples = samples;
    this.rng = rng;
    this.net = net;
    const D = net.config.inputSize;
    this.t = net.labelBuffer(batchSize);
    this.picks = new Int32Array(batchSize);
    this.bytes = net.kernels.allocBytes(batchSize * D);
    this.entries = net.affines[0].sparseInput ? net.kernels.allocSparse(batchSize, D, sparseInputCapacity(batchSize, D)) : null;
    this.current = this.entries ?? this.denseBuffer();
  }

  /** The batch `next` drew, for net.gradient(sampler.input, sampler.t, …). */
  get input(): NetInput {
    return this.current;
  }

  next(): void {
    const { indices, set } = this.samples;
    this.rng.fillInts(this.picks, indices.length);
    for (let i = 0; i < this.picks.length; i++) this.picks[i] = indices[this.picks[i]];
    gatherBatchBytes(set, this.picks, this.bytes, this.t);
    const k = this.net.kernels;
    if (this.entries && k.sparseFromBytes(this.picks.length, this.bytes, this.entries) >= 0) {
      this.current = this.entries;
    } else {
      this.current = this.denseBuffer();
      k.unitFromBytes(this.bytes.length, this.bytes, this.current);
    }
  }

  private denseBuffer(): Float32Array {
    return (this.dense ??= this.net.inputBuffer(this.picks.length));
  }
}

/** Accuracy in inference mode over samples, gathered chunk by chunk from the bytes. */
export function accuracyOn(net: MultiLayerNet, samples: Samples): number {
  const { set, indices } = samples;
  return net.accuracyOf(indices.length, (start, rows, x, t) => gatherBatch(set, indices.subarray(start, start + rows), x, t));
}

/**
 * Samples kept once, in the network's own memory, for accuracy measured every epoch: as row groups
 * (kernels.ts, RowGroups: six images of similar strokes over the union of their non-zero pixels),
 * so each measurement is a pure forward pass whose first layer runs as a dense tile (converting
 * 10,000 images from bytes again every epoch cost a sixth of the time; as sparse rows, the first
 * layer took half of each measurement).
 */
export class EvalSet {
  readonly count: number;
  private readonly groups: RowGroups;
  /** The labels in the groups' row order. */
  private readonly t: Int32Array;

  /** Multiply-adds of groups 0 … g-1 at [g] (for splitting a measurement into equal shares). */
  private readonly work: Float64Array;

  /**
   * The grid shares are cut on. A network keeps buffers for every row count it forwards
   * (layers/layer.ts, RowBuffers): chunks start on multiples of the chunk size (`correctIn`) and
   * shares on multiples of a quarter of it, so a share's pieces come in a few sizes, where shares
   * cut anywhere grew each thread's memory by tens of MB over a run.
   */
  private readonly grid: number;

  constructor(net: MultiLayerNet, samples: Samples) {
    this.grid = Math.max(1, Math.floor(evalChunkGroups(net) / 4));
    this.count = samples.indices.length;
    this.t = new Int32Array(this.count);
    this.groups = gatherGroups(samples.set, samples.indices, net.kernels, this.t);
    const { hiddenSizes, outputSize } = net.config;
    const sizes = [...hiddenSizes, outputSize];
    let denseRow = 0;
    for (let l = 1; l < sizes.length; l++) denseRow += sizes[l - 1] * sizes[l];
    const start = this.groups.start;
    this.work = new Float64Array(this.groupCount + 1);
    for (let g = 0; g < this.groupCount; g++) {
      const rows = Math.min(GROUP_ROWS, this.count - g * GROUP_ROWS);
      this.work[g + 1] = this.work[g] + (start[g + 1] - start[g]) * GROUP_ROWS * sizes[0] + rows * denseRow;
    }
  }

  /** How many row groups the samples make (the last one may be short). */
  get groupCount(): number {
    return groupCount(this.count);
  }

  /**
   * The groups in contiguous ranges holding about these fractions of the work: the groups hold
   * images in order of pixel count, so equal numbers of groups would not be equal work.
   */
  split(fractions: readonly number[]): { first: number; groups: number }[] {
    const total = this.work[this.groupCount];
    const bounds = [0];
    let sum = 0;
    for (let p = 0; p + 1 < fractions.length; p++) {
      sum += fractions[p];
      let g = bounds[p];
      while (g < this.groupCount && this.work[g] < total * sum) g++;
      bounds.push(Math.max(bounds[p], Math.min(this.groupCount, Math.round(g / this.grid) * this.grid)));
    }
    bounds.push(this.groupCount);
    return fractions.map((_, p) => ({ first: bounds[p], groups: bounds[p + 1] - bounds[p] }));
  }

  /** The multiply-adds of a range of groups. */
  workOf(range: { first: number; groups: number }): number {
    return this.work[range.first + range.groups] - this.work[range.first];
  }

  /** np.sum(np.argmax(y, axis=1) == t) / N in inference mode, in chunks of at most the net's eval size. */
  accuracy(net: MultiLayerNet): number {
    return this.correctIn(net, 0, this.groupCount) / this.count;
  }

  /**
   * np.sum(np.argmax(y, axis=1) == t) over groups first … first+groups-1: each image's scores are
   * the same whichever range it is measured in, so ranges measured apart add up to the whole.
   */
  correctIn(net: MultiLayerNet, first: number, groups: number): number {
    const C = net.config.outputSize;
    const chunk = evalChunkGroups(net);
    const end = first + groups;
    let correct = 0;
    for (let start = first, stop: number; start < end; start = stop) {
      stop = Math.min(end, (Math.floor(start / chunk) + 1) * chunk); // chunks aligned to the set
      const range = rowGroupRange(this.groups, start, stop - start);
      const scores = net.predict(range, range.rows);
      const offset = start * GROUP_ROWS;
      for (let i = 0; i < range.rows; i++) {
        const o = i * C;
        let best = 0; // the first maximum wins, as np.argmax
        for (let j = 1; j < C; j++) if (scores[o + j] > scores[o + best]) best = j;
        if (best === this.t[offset + i]) correct++;
      }
    }
    return correct;
  }
}

/** Row groups per forward of an evaluation: as many as fit in the network's eval chunk. */
const evalChunkGroups = (net: MultiLayerNet): number => Math.max(1, Math.floor(net.evalChunkRows / GROUP_ROWS));

/** Accuracy over a whole MNIST set (all 10,000 test images). */
export function accuracyOnSet(net: MultiLayerNet, set: MnistSet): number {
  return accuracyOn(net, firstN(set, set.count));
}

/**
 * The network to keep with a run that ended `done` or `cancelled` (a diverged one is not worth
 * inspecting), unless a weight is no longer finite.
 */
export function keptNetwork(net: MultiLayerNet, status: 'done' | 'cancelled' | 'diverged'): NetworkSnapshot | undefined {
  if (status === 'diverged') return undefined;
  const snapshot = net.snapshot();
  return snapshot.tensors.every((t) => t.values.every(Number.isFinite)) ? snapshot : undefined;
}

/** Mean of the last `n` values (a steadier "final loss" than the last, noisy minibatch). */
export function tailMean(values: readonly number[], n = 100): number {
  const tail = values.slice(-n);
  return tail.reduce((a, b) => a + b, 0) / Math.max(1, tail.length);
}

export interface LoopOptions {
  net: MultiLayerNet;
  optimizer: Optimizer;
  sampler: BatchSampler;
  iterations: number;
  /** Records the loss of every iteration as the `loss` curve. */
  recordLoss: boolean;
  /** Called after the update of iterations 0, every, 2·every, … (the book records epochs this way). */
  every?: number;
  onCheckpoint?: (iteration: number) => void;
  /** Samples the X-ray during the steps it is due (xray-sampler.ts). */
  xray?: XraySampler;
}

/**
 * The training loop all MNIST experiments share: sample, gradient, update; stop on a NaN/Inf loss
 * (status `diverged`, keeping the curve so far) or when the job is cancelled.
 */
export function trainLoop(
  ctx: RunContext,
  options: LoopOptions,
): { status: 'done' | 'cancelled' | 'diverged'; losses: number[]; problem?: RunProblem } {
  const { net, optimizer, sampler, iterations, every, onCheckpoint, xray } = options;
  const losses: number[] = [];
  const crossEntropy = new Float32Array(iterations);
  const accuracy = new Float32Array(iterations);
  const params = net.params();
  for (let i = 0; i < iterations; i++) {
    if (ctx.cancelled()) return { status: 'cancelled', losses };
    sampler.next();
    const sampled = xray?.due(i) === true;
    const loss = net.gradient(sampler.input, sampler.t, sampler.t.length, sampled ? xray : undefined);
    if (!Number.isFinite(loss)) {
      if (options.recordLoss) ctx.emit('loss', loss);
      return { status: 'diverged', losses, problem: { code: 'diverged', iteration: i + 1, loss: null } };
    }
    if (sampled) xray!.beforeUpdate();
    optimizer.step(params);
    if (sampled) xray!.afterUpdate(i);
    losses.push(loss);
    crossEntropy[i] = net.lastCrossEntropy;
    accuracy[i] = net.lastBatchAccuracy(sampler.t, sampler.t.length);
    if (options.recordLoss) ctx.emit('loss', loss);
    if (every && onCheckpoint && i % every === 0) onCheckpoint(i);
    ctx.advance();
  }
  const exploded = explodedAt(crossEntropy, accuracy, net.config.outputSize);
  return exploded ? { status: 'diverged', losses, problem: exploded } : { status: 'done', losses };
}

/**
 * A loss that blew up but stayed finite (Adam at lr 100 ends near 13, its ReLUs dead): over its
 * last tenth the run's cross-entropy stayed above twice that of guessing uniformly (2·ln C) while
 * its minibatches were classified no better than twice chance (2/C). Reported at the iteration from
 * which the loss stayed up. A net that only fails to learn (std = 0.01 stays at ln 10) is not
 * diverged — that is the lesson — nor is one that is confidently wrong but learning (its accuracy
 * rises: BatchNorm at large weight scales early on).
 */
export function explodedAt(crossEntropy: Float32Array, accuracy: Float32Array, classes: number): RunProblem | null {
  const n = crossEntropy.length;
  // Too short a run says nothing yet about where its loss settles.
  if (n < 100) return null;
  const tail = Math.floor(n / 10);
  const limit = 2 * Math.log(classes);
  let sum = 0;
  let right = 0;
  for (let i = n - tail; i < n; i++) {
    sum += crossEntropy[i];
    right += accuracy[i];
  }
  if (sum / tail <= limit || right / tail > 2 / classes) return null;
  let from = n - 1;
  while (from > 0 && crossEntropy[from - 1] > limit) from--;
  return { code: 'diverged', iteration: from + 1, loss: +(sum / tail).toPrecision(4) };
}
