// The X-ray of a training network (src-shared/xray.ts): every K iterations, during the real training
// step (so the training itself is exactly the same with or without it), each hidden layer's
// activations and backpropagated gradients are binned, and the norms of its weights, their gradient
// and this step's update are measured. The trainLoop calls `due`, passes the sampler as the
// gradient's StepProbe, then `beforeUpdate` / `afterUpdate` around the optimizer's step.
import { layerRecordLength, statOffset, xrayEvery, xrayLayout, type LayerStat, type XrayLayout } from '../../src-shared/xray.ts';
import type { MultiLayerNet, StepProbe } from '../engine/multi-layer-net.ts';
import type { RunContext } from './runner.ts';

export class XraySampler implements StepProbe {
  readonly layout: XrayLayout;
  readonly every: number;
  private readonly net: MultiLayerNet;
  private readonly emit: (iteration: number, sample: Float32Array) => void;
  private sample: Float32Array;
  /** W of every hidden layer before this step's update, to measure ΔW. */
  private readonly before: Float32Array[];
  private readonly binTable: { cellBin: Int32Array; cellEdge: Float64Array };
  /** Counts per bin while a histogram is taken (integers: faster to increment than the sample's floats). */
  private readonly counts: Int32Array;

  /** `every`: K, by default the one src-shared/xray.ts gives a run of `iterations` (the bench tries others). */
  constructor(
    net: MultiLayerNet,
    iterations: number,
    emit: (iteration: number, sample: Float32Array) => void,
    every = xrayEvery(iterations),
  ) {
    this.net = net;
    this.emit = emit;
    this.layout = xrayLayout(net.config.activation, net.config.hiddenSizes.length);
    this.every = every;
    this.sample = new Float32Array(this.layout.layers * layerRecordLength(this.layout));
    // In the network's kernel memory, so that the kernels measure the update (afterUpdate).
    this.before = net.affines.slice(0, this.layout.layers).map((affine) => net.kernels.alloc(affine.W.value.length));
    this.binTable = gradientBinTable(this.layout);
    this.counts = new Int32Array(Math.max(this.layout.actBins, this.layout.gradBins));
  }

  /** Whether iteration `i` (from 0) is sampled. */
  due(i: number): boolean {
    return i % this.every === 0;
  }

  activation(hidden: number, values: Float32Array, length: number): void {
    const { actBins, actRange } = this.layout;
    const at = hidden * layerRecordLength(this.layout);
    const hist = this.counts;
    hist.fill(0);
    const lo = actRange[0];
    const scale = actBins / (actRange[1] - actRange[0]);
    const last = actBins - 1;
    let zeros = 0;
    let sum = 0;
    let sumSq = 0;
    for (let i = 0; i < length; i++) {
      const v = values[i];
      sum += v;
      sumSq += v * v;
      if (v === 0) {
        zeros++;
        continue;
      }
      const position = (v - lo) * scale; // outside the range: the end bins
      hist[position < 1 ? 0 : position >= last ? last : position | 0]++;
    }
    for (let b = 0; b < actBins; b++) this.sample[at + b] = hist[b] / length;
    const mean = sum / length;
    this.set(at, 'actZero', zeros / length);
    this.set(at, 'actMean', mean);
    this.set(at, 'actStd', Math.sqrt(Math.max(0, sumSq / length - mean * mean)));
  }

  gradient(hidden: number, values: Float32Array, length: number): void {
    const { actBins, gradBins } = this.layout;
    const at = hidden * layerRecordLength(this.layout);
    const hist = this.counts;
    hist.fill(0);
    // The bin of |v| from its float32 bits (exponent and 4 mantissa bits pick a cell; one compare
    // settles a cell that straddles a bin edge): exactly floor((log10|v| − lo)·bins/(hi − lo)), 3× faster.
    const bits = new Uint32Array(values.buffer, values.byteOffset, length);
    const { cellBin, cellEdge } = this.binTable;
    let zeros = 0;
    let sumSq = 0;
    for (let i = 0; i < length; i++) {
      const magnitude = bits[i] & 0x7fffffff;
      if (magnitude === 0) {
        zeros++;
        continue;
      }
      const v = values[i];
      sumSq += v * v;
      const cell = magnitude >>> 19;
      hist[(v < 0 ? -v : v) >= cellEdge[cell] ? cellBin[cell] + 1 : cellBin[cell]]++;
    }
    for (let b = 0; b < gradBins; b++) this.sample[at + actBins + b] = hist[b] / length;
    this.set(at, 'gradZero', zeros / length);
    this.set(at, 'gradRms', Math.sqrt(sumSq / length));
  }

  /** After the gradient, before the update: ‖∂L/∂W‖, ‖W‖, and W kept to measure the update. */
  beforeUpdate(): void {
    const k = this.net.kernels;
    for (let h = 0; h < this.layout.layers; h++) {
      const { value, grad } = this.net.affines[h].W;
      this.before[h].set(value);
      const at = h * layerRecordLength(this.layout);
      this.set(at, 'weightGradNorm', Math.sqrt(k.sumSquares(grad.length, grad)));
      this.set(at, 'weightNorm', Math.sqrt(k.sumSquares(value.length, value)));
    }
  }

  /** After the update: ‖ΔW‖/‖W‖ per layer; the sample is complete and goes out. */
  afterUpdate(iteration: number): void {
    const k = this.net.kernels;
    for (let h = 0; h < this.layout.layers; h++) {
      const after = this.net.affines[h].W.value;
      const delta = this.before[h];
      k.axpy(after.length, -1, after, delta); // W before - W after: the update, sign aside
      const sumSq = k.sumSquares(delta.length, delta);
      const at = h * layerRecordLength(this.layout);
      const weightNorm = this.sample[at + statOffset(this.layout, 'weightNorm')];
      this.set(at, 'updateRatio', weightNorm > 0 ? Math.sqrt(sumSq) / weightNorm : NaN);
    }
    this.emit(iteration, this.sample);
    this.sample = new Float32Array(this.sample.length); // the sent one now belongs to the message
  }

  private set(at: number, stat: LayerStat, value: number): void {
    this.sample[at + statOffset(this.layout, stat)] = value;
  }
}

/**
 * For the gradient histogram: per cell of float32 bit patterns (|v|'s bits >>> 19: the exponent and
 * the top 4 mantissa bits), the bin of the cell's smallest value and the edge where the next bin
 * starts (Infinity when the cell lies in one bin). Bins are half-open [10^e, 10^(e+step)).
 */
function gradientBinTable(layout: XrayLayout): { cellBin: Int32Array; cellEdge: Float64Array } {
  const { gradBins } = layout;
  const [lo, hi] = layout.gradLog10Range;
  const step = (hi - lo) / gradBins;
  const edges = Float64Array.from({ length: gradBins - 1 }, (_, k) => 10 ** (lo + (k + 1) * step));
  const cellBin = new Int32Array(1 << 12);
  const cellEdge = new Float64Array(1 << 12);
  const cellBits = new Uint32Array(1);
  const cellValue = new Float32Array(cellBits.buffer);
  for (let cell = 0; cell < cellBin.length; cell++) {
    cellBits[0] = cell << 19;
    const smallest = cellValue[0];
    let bin = 0;
    while (bin < edges.length && smallest >= edges[bin]) bin++;
    cellBin[cell] = bin;
    // The cell's values run up to the next cell's start; at most one edge falls inside (cells are narrower than bins).
    cellEdge[cell] = bin < edges.length ? edges[bin] : Infinity;
  }
  return { cellBin, cellEdge };
}

/** The sampler of an X-rayed run, or undefined when the run's context takes no X-ray. */
export function xraySamplerFor(ctx: RunContext, net: MultiLayerNet, iterations: number): XraySampler | undefined {
  const emit = ctx.xray;
  if (!emit) return undefined;
  const sampler: XraySampler = new XraySampler(net, iterations, (iteration, sample) => emit(sampler.layout, iteration, sample));
  return sampler;
}
