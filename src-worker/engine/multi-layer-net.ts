// A fully connected network, the book's MultiLayerNet and MultiLayerNetExtend in one class:
//   (Affine → [BatchNorm] → activation → [Dropout]) × hidden layers → Affine → SoftmaxWithLoss,
// with optional weight decay (½·λ·ΣW² over the Affine weights).
//
// Every buffer comes from the network's own kernel context, once per batch size. Arrays returned by
// `predict` and the gradients in `params()` are the network's own buffers: read them before the
// next call.
import { createKernels } from './kernels/create-kernels.ts';
import type { Kernels, RowGroups, SparseRows } from './kernels/kernels.ts';
import { isRowGroups } from './kernels/row-groups.ts';
import { Affine } from './layers/affine.ts';
import { BatchNorm } from './layers/batch-norm.ts';
import { Dropout } from './layers/dropout.ts';
import { RowBuffers, checkRows, type Layer } from './layers/layer.ts';
import { Relu } from './layers/relu.ts';
import { Sigmoid } from './layers/sigmoid.ts';
import { CROSS_ENTROPY_DELTA, SoftmaxWithLoss, type Labels } from './layers/softmax-with-loss.ts';
import { Tanh } from './layers/tanh.ts';
import type { Param } from './param.ts';
import { networkLoss64, type ReluWatch } from './reference-forward.ts';
import { deriveRng, type Rng } from '../../src-shared/rng.ts';
import { runningMeanName, runningVarName, tensorsByName, type NetworkSnapshot } from '../../src-shared/network.ts';
import { weightInitStd, type WeightInit } from './weight-init.ts';

export type Activation = 'relu' | 'sigmoid' | 'tanh';

/** The architecture and regularization of a network: what `toJSON` stores. */
export interface MultiLayerNetConfig {
  inputSize: number;
  hiddenSizes: number[];
  outputSize: number;
  activation: Activation;
  weightInit: WeightInit;
  weightDecayLambda: number;
  useBatchnorm: boolean;
  useDropout: boolean;
  dropoutRatio: number;
}

export interface MultiLayerNetOptions {
  inputSize: number;
  hiddenSizes: readonly number[];
  outputSize: number;
  /** Default 'relu'. */
  activation?: Activation;
  /** A standard deviation, 'xavier' (= 'sigmoid') or 'he' (= 'relu'). Default 'he', as the book. */
  weightInit?: WeightInit;
  /** Default 0. */
  weightDecayLambda?: number;
  /** Affine → BatchNorm → activation. Default false. */
  useBatchnorm?: boolean;
  /** Dropout after every hidden activation. Default false. */
  useDropout?: boolean;
  /** Default 0.5 (the book's `dropout_ration`). */
  dropoutRatio?: number;
  /** Seeds the 'init' and 'dropout' streams when `rngs` does not give them. Default 0. */
  seed?: number;
  /** Explicit streams, e.g. from `streamsFromSeed(jobSeed)`. `init` is drawn from once, here. */
  rngs?: { init?: Rng; dropout?: Rng };
  /** The kernel context that owns every buffer. Default: a new `createKernels()` context. */
  kernels?: Kernels;
  /**
   * Fuse Affine + ReLU into one `addBias(..., relu=true)` pass when no BatchNorm sits between
   * them. Same results bit for bit; default true (off only to test that claim).
   */
  fuseBiasRelu?: boolean;
  /** Rows per forward pass in `accuracy`. Default 1000. */
  evalChunkRows?: number;
  /**
   * The first Affine multiplies through the input's non-zero entries (layers/affine.ts). Default
   * true; off only to compare with the dense product.
   */
  sparseInput?: boolean;
}

export interface MultiLayerNetJson {
  format: 'dl-lab.multi-layer-net';
  version: 1;
  config: MultiLayerNetConfig;
  /** Every parameter's values by the book's name (W1, b1, gamma1, beta1, …), row-major. */
  params: Record<string, number[]>;
  /** Running statistics of each BatchNorm layer, in layer order. */
  batchNorm: { name: string; runningMean: number[]; runningVar: number[] }[];
}

/**
 * What the X-ray reads during one real training step (`gradient(x, t, rows, probe)`): each hidden
 * layer's activation output, and the gradient backpropagated to its pre-activation ∂L/∂z (what
 * reaches that layer's Affine). `values` are the network's own buffers: read them in the call.
 */
export interface StepProbe {
  activation(hidden: number, values: Float32Array, length: number): void;
  gradient(hidden: number, values: Float32Array, length: number): void;
}

/** A batch: dense rows×inputSize floats, or their non-zero entries (kernels.ts, SparseRows). */
export type NetInput = Float32Array | SparseRows;

/** Fills a chunk for `accuracyOf`: rows start..start+rows-1 into x (rows×inputSize) and t. */
export type ChunkFiller = (start: number, rows: number, x: Float32Array, t: Int32Array) => void;

const JSON_FORMAT = 'dl-lab.multi-layer-net';
const ACTIVATIONS: readonly Activation[] = ['relu', 'sigmoid', 'tanh'];

export class MultiLayerNet {
  readonly kernels: Kernels;
  readonly config: Readonly<MultiLayerNetConfig>;
  /** The layers in forward order (the book's `self.layers`), without the final SoftmaxWithLoss. */
  readonly layers: readonly Layer[];
  readonly lastLayer: SoftmaxWithLoss;
  readonly affines: readonly Affine[];
  readonly batchNorms: readonly BatchNorm[];
  readonly dropouts: readonly Dropout[];
  readonly evalChunkRows: number;
  private readonly paramList: Param[];
  /** For each entry of `layers`: the hidden layer whose activation it is, else -1 (for a StepProbe). */
  private readonly hiddenOfActivation: number[];
  /** For each entry of `layers`: the hidden layer whose Affine it is, else -1. */
  private readonly hiddenOfAffine: number[];
  private readonly inputs: RowBuffers;
  private readonly evalInputs: RowBuffers;
  private readonly labels = new Map<number, Int32Array>();
  // accuracy() has its own inputs and labels, so it never overwrites a caller's batch buffers.
  private readonly evalLabels = new Map<number, Int32Array>();

  constructor(options: MultiLayerNetOptions) {
    const config = resolveConfig(options);
    this.config = config;
    const kernels = options.kernels ?? createKernels();
    this.kernels = kernels;
    this.evalChunkRows = options.evalChunkRows ?? 1000;
    checkRows(this.evalChunkRows);
    const seed = options.seed ?? 0;
    const initRng = options.rngs?.init ?? deriveRng(seed, 'init');
    const dropoutRng = options.rngs?.dropout ?? deriveRng(seed, 'dropout');
    const fuse = (options.fuseBiasRelu ?? true) && config.activation === 'relu' && !config.useBatchnorm;

    const sizes = [config.inputSize, ...config.hiddenSizes, config.outputSize];
    const layers: Layer[] = [];
    const affines: Affine[] = [];
    const batchNorms: BatchNorm[] = [];
    const dropouts: Dropout[] = [];
    const params: Param[] = [];
    const hiddenOfActivation: number[] = [];
    const hiddenOfAffine: number[] = [];
    for (let idx = 1; idx < sizes.length; idx++) {
      const isHidden = idx < sizes.length - 1;
      const affine = new Affine(kernels, sizes[idx - 1], sizes[idx], {
        index: idx,
        fuseRelu: isHidden && fuse,
        computeInputGradient: idx > 1,
        sparseInput: idx === 1 && (options.sparseInput ?? true),
      });
      // W = scale * np.random.randn(fan_in, fan_out); b = np.zeros(fan_out)
      initRng.fillNormal(affine.W.value, weightInitStd(config.weightInit, sizes[idx - 1]));
      layers.push(affine);
      hiddenOfAffine.push(isHidden ? idx - 1 : -1);
      hiddenOfActivation.push(-1);
      affines.push(affine);
      params.push(affine.W, affine.b);
      if (!isHidden) break;
      if (config.useBatchnorm) {
        const bn = new BatchNorm(kernels, sizes[idx], { index: idx });
        layers.push(bn);
        hiddenOfAffine.push(-1);
        hiddenOfActivation.push(-1);
        batchNorms.push(bn);
        params.push(bn.gamma, bn.beta);
      }
      layers.push(createActivation(kernels, config.activation, sizes[idx], idx, fuse));
      hiddenOfAffine.push(-1);
      hiddenOfActivation.push(idx - 1);
      if (config.useDropout) {
        const dropout = new Dropout(kernels, sizes[idx], dropoutRng, { index: idx, ratio: config.dropoutRatio });
        layers.push(dropout);
        hiddenOfAffine.push(-1);
        hiddenOfActivation.push(-1);
        dropouts.push(dropout);
      }
    }
    this.hiddenOfActivation = hiddenOfActivation;
    this.hiddenOfAffine = hiddenOfAffine;
    this.layers = layers;
    this.affines = affines;
    this.batchNorms = batchNorms;
    this.dropouts = dropouts;
    this.paramList = params;
    this.lastLayer = new SoftmaxWithLoss(kernels, config.outputSize);
    this.inputs = RowBuffers.inKernels(kernels, config.inputSize);
    this.evalInputs = RowBuffers.inKernels(kernels, config.inputSize);
  }

  /** Every parameter in layer order: W1, b1, [gamma1, beta1,] W2, b2, … */
  params(): Param[] {
    return this.paramList;
  }

  /** The input buffer for a batch of `rows` (rows×inputSize, in this network's kernel memory). */
  inputBuffer(rows: number): Float32Array {
    return this.inputs.get(rows);
  }

  /** A label buffer for a batch of `rows`. */
  labelBuffer(rows: number): Int32Array {
    return labelsFor(this.labels, rows);
  }

  /**
   * The scores before softmax (rows×outputSize), the book's predict(x, train_flg). `x` is a dense
   * batch (rows×inputSize) or one given as its non-zero entries (SparseRows holding `rows` rows,
   * e.g. a minibatch of MNIST bytes), which the first Affine multiplies through (it must have
   * `sparseInput`, the default), or in inference as row groups (kernels.ts, RowGroups: a range
   * of an evaluation set), whose scores come in the groups' row order.
   */
  predict(x: NetInput | RowGroups, rows: number, training = false): Float32Array {
    let h: Float32Array;
    if (isRowGroups(x)) {
      // an evaluation set's rows, in the groups' order
      if (training || x.rows !== rows)
        throw new RangeError(`grouped rows are for inference only, and these hold ${x.rows} rows, not ${rows}`);
      h = this.affines[0].forwardGroups(x);
    } else h = this.forwardFirst(x, rows, training);
    for (let i = 1; i < this.layers.length; i++) h = this.layers[i].forward(h, rows, training);
    return h;
  }

  private forwardFirst(x: NetInput, rows: number, training: boolean): Float32Array {
    if (x instanceof Float32Array) return this.layers[0].forward(x, rows, training);
    if (x.rows !== rows) throw new RangeError(`the sparse input holds ${x.rows} rows, not ${rows}`);
    return this.affines[0].forwardEntries(x);
  }

  /** The mean cross-entropy of the last `loss` (or `gradient`), without the weight-decay term. */
  lastCrossEntropy = NaN;

  /** The share of the last `loss`'s (or `gradient`'s) rows whose highest probability is their label. */
  lastBatchAccuracy(t: Labels, rows: number): number {
    const y = this.lastLayer.probabilitiesOfLastForward();
    const C = this.config.outputSize;
    let right = 0;
    for (let i = 0; i < rows; i++) {
      let best = 0;
      for (let j = 1; j < C; j++) if (y[i * C + j] > y[i * C + best]) best = j;
      if (best === t[i]) right++;
    }
    return right / rows;
  }

  /** Mean cross-entropy loss plus ½·λ·ΣW². In training mode BatchNorm and Dropout act as in training. */
  loss(x: NetInput, t: Labels, rows: number, training = false): number {
    const scores = this.predict(x, rows, training);
    this.lastCrossEntropy = this.lastLayer.forward(scores, t, rows);
    return this.lastCrossEntropy + this.weightDecayLoss();
  }

  /** ½·λ·ΣW² over every Affine weight (0 without weight decay). */
  weightDecayLoss(): number {
    const lambda = this.config.weightDecayLambda;
    if (lambda === 0) return 0;
    let decay = 0;
    for (const affine of this.affines) {
      const W = affine.W.value;
      // weight_decay += 0.5 * weight_decay_lambda * np.sum(W**2)
      decay += 0.5 * lambda * this.kernels.sumSquares(W.length, W);
    }
    return decay;
  }

  /**
   * Backpropagation: a training forward, then backward through every layer. Fills every
   * Param.grad (dW including λ·W) and returns the loss of that forward (before any update).
   */
  gradient(x: NetInput, t: Labels, rows: number, probe?: StepProbe): number {
    const loss = probe ? this.probedLoss(x, t, rows, probe) : this.loss(x, t, rows, true);
    let dout = this.lastLayer.backward(rows);
    for (let i = this.layers.length - 1; i >= 0; i--) {
      const hidden = probe ? this.hiddenOfAffine[i] : -1;
      if (hidden >= 0) probe!.gradient(hidden, dout, rows * this.config.hiddenSizes[hidden]);
      dout = this.layers[i].backward(dout, rows);
    }
    const lambda = this.config.weightDecayLambda;
    if (lambda !== 0) {
      // grads['W'] = dW + weight_decay_lambda * W
      for (const affine of this.affines) this.kernels.axpy(affine.W.value.length, lambda, affine.W.value, affine.W.grad);
    }
    return loss;
  }

  /** The training-mode loss, showing each hidden activation to `probe` on the way: the same arithmetic as `loss`. */
  private probedLoss(x: NetInput, t: Labels, rows: number, probe: StepProbe): number {
    let h = this.forwardFirst(x, rows, true);
    for (let i = 1; i < this.layers.length; i++) {
      h = this.layers[i].forward(h, rows, true);
      const hidden = this.hiddenOfActivation[i];
      if (hidden >= 0) probe.activation(hidden, h, rows * this.config.hiddenSizes[hidden]);
    }
    return this.lastLayer.forward(h, t, rows) + this.weightDecayLoss();
  }

  /**
   * Fraction of rows whose highest score is the label, in inference mode (no dropout, BatchNorm
   * with running statistics). `x` may be any Float32Array (rows×inputSize): it is copied into this
   * network's memory `evalChunkRows` rows at a time, into buffers of its own (never the ones
   * `inputBuffer`/`labelBuffer` hand out).
   */
  accuracy(x: Float32Array, t: Labels, rows: number): number {
    const D = this.config.inputSize;
    if (x.length < rows * D) throw new RangeError(`x holds ${x.length / D} rows, fewer than ${rows}`);
    if (t.length < rows) throw new RangeError(`need ${rows} labels, got ${t.length}`);
    return this.accuracyOf(rows, (start, n, xChunk, tChunk) => {
      xChunk.set(x.subarray(start * D, (start + n) * D));
      for (let i = 0; i < n; i++) tChunk[i] = t[start + i];
    });
  }

  /**
   * Accuracy over `count` samples that `fill` writes chunk by chunk (e.g. straight from MNIST's
   * bytes, so no count×784 float copy of a data set is ever needed).
   */
  accuracyOf(count: number, fill: ChunkFiller): number {
    checkRows(count);
    const C = this.config.outputSize;
    let correct = 0;
    for (let start = 0; start < count; start += this.evalChunkRows) {
      const rows = Math.min(this.evalChunkRows, count - start);
      const x = this.evalInputs.get(rows);
      const t = labelsFor(this.evalLabels, rows);
      fill(start, rows, x, t);
      const scores = this.predict(x, rows, false);
      // np.sum(np.argmax(y, axis=1) == t): the first maximum wins, as np.argmax
      for (let i = 0; i < rows; i++) {
        const o = i * C;
        let best = 0;
        for (let j = 1; j < C; j++) if (scores[o + j] > scores[o + best]) best = j;
        if (best === t[i]) correct++;
      }
    }
    return correct / count;
  }

  /**
   * Central differences (L(p+h) - L(p-h)) / 2h of the training-mode loss for every parameter, by
   * the book's name. The loss is evaluated by a float64 re-implementation of the forward pass
   * (reference-forward.ts) on float64 copies of the parameters, so the result is accurate to
   * ~h² rather than to float32 rounding / h. Dropout replays the mask of the last training forward
   * with `rows` rows; BatchNorm uses batch statistics and its running ones are left untouched.
   * Cost: two full forwards per parameter value — meant for small networks.
   *
   * `crossEntropyDelta` is the book's 1e-7 in log(y + 1e-7). Backprop's (y - t)/N is the exact
   * gradient of the loss without it, so pass 0 to compare against backprop at full precision
   * (with it, elements differ by a relative ~1e-7/y_t).
   */
  numericalGradient(
    x: Float32Array,
    t: Labels,
    rows: number,
    h = 1e-4,
    crossEntropyDelta = CROSS_ENTROPY_DELTA,
    kinks?: Record<string, Uint8Array>,
  ): Record<string, Float64Array> {
    const values = new Map<Param, Float64Array>();
    for (const p of this.paramList) values.set(p, Float64Array.from(p.value));
    const x64 = Float64Array.from(x.subarray(0, rows * this.config.inputSize));
    const { outputSize, weightDecayLambda } = this.config;
    // With `kinks`: the ReLU inputs' signs at the parameters as they are, and for each element
    // whether θ ± h moved any of them across 0.
    const watch: ReluWatch | undefined = kinks ? { signs: null, crossed: false } : undefined;
    const lossAt = (): number =>
      networkLoss64(this.layers, values, x64, t, rows, outputSize, weightDecayLambda, true, crossEntropyDelta, watch);
    if (watch) lossAt();
    const grads: Record<string, Float64Array> = {};
    for (const p of this.paramList) {
      const v = values.get(p)!;
      const g = new Float64Array(v.length);
      const kink = watch ? new Uint8Array(v.length) : null;
      for (let i = 0; i < v.length; i++) {
        const original = v[i];
        if (watch) watch.crossed = false;
        v[i] = original + h;
        const plus = lossAt();
        v[i] = original - h;
        const minus = lossAt();
        v[i] = original;
        // grad = (f(x+h) - f(x-h)) / (2*h)
        g[i] = (plus - minus) / (2 * h);
        if (watch?.crossed) kink![i] = 1;
      }
      grads[p.name] = g;
      if (kinks) kinks[p.name] = kink!;
    }
    return grads;
  }

  /** Reuse each Dropout layer's current mask in training forwards (true) or draw new ones (false). */
  freezeDropoutMasks(frozen = true): void {
    for (const dropout of this.dropouts) dropout.frozen = frozen;
  }

  /**
   * The trained network as data (src-shared/network.ts): its config and copies of every parameter
   * and of the BatchNorm running statistics, as float32 (the running statistics are kept in
   * float64 while training; a rebuilt network differs from this one by float32 rounding there).
   */
  snapshot(): NetworkSnapshot {
    const tensors = this.paramList.map((p) => ({ name: p.name, shape: [...p.shape], values: Float32Array.from(p.value) }));
    this.batchNorms.forEach((bn, i) => {
      const index = i + 1;
      tensors.push(
        { name: runningMeanName(index), shape: [bn.size], values: Float32Array.from(bn.runningMean) },
        { name: runningVarName(index), shape: [bn.size], values: Float32Array.from(bn.runningVar) },
      );
    });
    return { config: { ...this.config, hiddenSizes: [...this.config.hiddenSizes] }, tensors };
  }

  /**
   * Every parameter and BatchNorm running statistic by its snapshot name, as the live arrays
   * (float32 parameters, float64 statistics): what a copy of this network needs to equal it.
   */
  tensorViews(): Map<string, Float32Array | Float64Array> {
    const views = new Map<string, Float32Array | Float64Array>(this.paramList.map((p) => [p.name, p.value]));
    this.batchNorms.forEach((bn, i) => {
      views.set(runningMeanName(i + 1), bn.runningMean);
      views.set(runningVarName(i + 1), bn.runningVar);
    });
    return views;
  }

  /** A network with a snapshot's architecture and values (checked with `networkSnapshotProblem` first). */
  static fromSnapshot(snapshot: NetworkSnapshot, options: Pick<MultiLayerNetOptions, 'kernels' | 'evalChunkRows'> = {}): MultiLayerNet {
    const config = snapshot.config;
    const net = new MultiLayerNet({ ...config, weightInit: config.weightInit as WeightInit, ...options });
    const tensors = tensorsByName(snapshot);
    const values = (name: string, length: number): Float32Array => {
      const tensor = tensors.get(name);
      if (!tensor || tensor.values.length !== length) throw new Error(`the snapshot has no ${length} values for ${name}`);
      return tensor.values;
    };
    for (const p of net.paramList) p.value.set(values(p.name, p.value.length));
    net.batchNorms.forEach((bn, i) => {
      bn.runningMean.set(values(runningMeanName(i + 1), bn.size));
      bn.runningVar.set(values(runningVarName(i + 1), bn.size));
    });
    return net;
  }

  /** Options, every parameter value and the BatchNorm running statistics, as plain JSON. */
  toJSON(): MultiLayerNetJson {
    const params: Record<string, number[]> = {};
    for (const p of this.paramList) params[p.name] = Array.from(p.value);
    return {
      format: JSON_FORMAT,
      version: 1,
      config: { ...this.config, hiddenSizes: [...this.config.hiddenSizes] },
      params,
      batchNorm: this.batchNorms.map((bn) => ({
        name: bn.name,
        runningMean: Array.from(bn.runningMean),
        runningVar: Array.from(bn.runningVar),
      })),
    };
  }

  /** A network equal to the one that wrote `json`: same parameters and running statistics, bit for bit. */
  static fromJSON(
    json: MultiLayerNetJson,
    options: Pick<MultiLayerNetOptions, 'kernels' | 'seed' | 'rngs' | 'evalChunkRows'> = {},
  ): MultiLayerNet {
    if (json?.format !== JSON_FORMAT || json.version !== 1) {
      throw new Error(`not a version-1 ${JSON_FORMAT} object`);
    }
    const net = new MultiLayerNet({ ...json.config, ...options });
    for (const p of net.paramList) {
      p.value.set(checkedNumbers(json.params?.[p.name], p.value.length, p.name));
    }
    if ((json.batchNorm?.length ?? 0) !== net.batchNorms.length) {
      throw new Error(`expected running statistics for ${net.batchNorms.length} BatchNorm layers`);
    }
    net.batchNorms.forEach((bn, i) => {
      const stats = json.batchNorm[i];
      bn.runningMean.set(checkedNumbers(stats.runningMean, bn.size, `${bn.name} running mean`));
      bn.runningVar.set(checkedNumbers(stats.runningVar, bn.size, `${bn.name} running var`));
    });
    return net;
  }
}

function labelsFor(cache: Map<number, Int32Array>, rows: number): Int32Array {
  let t = cache.get(rows);
  if (t === undefined) {
    checkRows(rows);
    t = new Int32Array(rows);
    cache.set(rows, t);
  }
  return t;
}

function createActivation(kernels: Kernels, activation: Activation, size: number, index: number, fused: boolean): Layer {
  switch (activation) {
    case 'relu':
      return new Relu(kernels, size, { index, appliedByAffine: fused });
    case 'sigmoid':
      return new Sigmoid(kernels, size, { index });
    case 'tanh':
      return new Tanh(kernels, size, { index });
  }
}

function resolveConfig(options: MultiLayerNetOptions): MultiLayerNetConfig {
  const positive = (n: number, what: string): number => {
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`${what} must be a positive integer, got ${n}`);
    return n;
  };
  const activation = options.activation ?? 'relu';
  if (!ACTIVATIONS.includes(activation)) throw new RangeError(`unknown activation ${JSON.stringify(activation)}`);
  const weightInit = options.weightInit ?? 'he';
  weightInitStd(weightInit, 1); // validates
  const weightDecayLambda = options.weightDecayLambda ?? 0;
  if (!(Number.isFinite(weightDecayLambda) && weightDecayLambda >= 0)) {
    throw new RangeError(`weightDecayLambda must be a finite number >= 0, got ${weightDecayLambda}`);
  }
  const dropoutRatio = options.dropoutRatio ?? 0.5;
  if (!(dropoutRatio >= 0 && dropoutRatio < 1)) throw new RangeError(`dropoutRatio must be in [0, 1), got ${dropoutRatio}`);
  return {
    inputSize: positive(options.inputSize, 'inputSize'),
    hiddenSizes: options.hiddenSizes.map((n, i) => positive(n, `hiddenSizes[${i}]`)),
    outputSize: positive(options.outputSize, 'outputSize'),
    activation,
    weightInit,
    weightDecayLambda,
    useBatchnorm: options.useBatchnorm ?? false,
    useDropout: options.useDropout ?? false,
    dropoutRatio,
  };
}

/** The numbers of a JSON array; `null` (what JSON makes of NaN and ±Infinity) reads back as NaN. */
function checkedNumbers(values: unknown, length: number, what: string): number[] {
  if (!Array.isArray(values) || values.length !== length) {
    throw new Error(`${what}: expected ${length} numbers`);
  }
  return values.map((v: unknown) => {
    if (v === null) return Number.NaN;
    if (typeof v !== 'number') throw new Error(`${what}: not a number: ${String(v)}`);
    return v;
  });
}
