// The X-ray: what every hidden layer of an MNIST network does while it trains, sampled every K
// iterations during the real training steps (src-worker/experiments/xray-sampler.ts) — the
// histogram of its activations, the histogram of the gradient backpropagated to it, and per layer
// ‖∂L/∂W‖, ‖W‖ and the update-to-weight ratio ‖ΔW‖/‖W‖. A sample is a flat Float32Array laid out as
// `XrayLayout` says, one record per hidden layer; the layout travels and is stored with the samples,
// so that samples stored by an older layout still read back.
import type { ExperimentId } from './experiments/spec.ts';
import type { NetworkActivation } from './network.ts';

/** The experiments whose runs are X-rayed (not the search: a hundred trials, looked at by their curves). */
export const XRAY_EXPERIMENTS: readonly ExperimentId[] = [
  'optimizer-compare',
  'weight-init-compare',
  'batchnorm-compare',
  'overfit-weight-decay',
  'dropout',
];
export const hasXray = (experiment: string): boolean => (XRAY_EXPERIMENTS as readonly string[]).includes(experiment);

/**
 * Sample every K-th iteration at least. Measured by `src-worker/bench/xray-bench.ts` (medians of 15
 * back-to-back runs with and without it, on a shared 2-core machine): one sample costs 0.3–1.0 of a
 * training step of the chapter's networks, the most for the 6-layer dropout network (0.85–0.97).
 * K = 20 would cost that one up to 4.9 %; K = 25 keeps every X-rayed network under 4 %.
 */
export const XRAY_EVERY = 25;
/** …and at most this many samples per run (a 100,000-iteration run is sampled every 250th). */
export const XRAY_MAX_SAMPLES = 400;

/** K for a run of `iterations` updates. */
export const xrayEvery = (iterations: number): number => Math.max(XRAY_EVERY, Math.ceil(iterations / XRAY_MAX_SAMPLES));

export interface XrayLayout {
  version: 1;
  /** Hidden layers, in order (layer 1 is the one after the input). */
  layers: number;
  /** Bins of the activation histogram over [lo, hi]; values outside are counted in the end bins. */
  actBins: number;
  actRange: [number, number];
  /** Bins of the gradient histogram over log10|∂L/∂z| in [lo, hi]; exact zeros are counted apart. */
  gradBins: number;
  gradLog10Range: [number, number];
}

/** Where each number sits in one layer's record. Fractions are of all of the layer's values in the batch. */
export interface LayerRecord {
  /** Fraction of the non-zero activations in each bin (exact zeros — ReLU off — are `actZero`). */
  actHist: Float32Array;
  actZero: number;
  actMean: number;
  actStd: number;
  /** Fraction of the non-zero gradients ∂L/∂z in each log10 bin (exact zeros are `gradZero`). */
  gradHist: Float32Array;
  gradZero: number;
  /** √(mean of (∂L/∂z)²) over the batch: the size of the gradient reaching the layer. */
  gradRms: number;
  /** ‖∂L/∂W‖ of the layer's incoming weights (Frobenius). */
  weightGradNorm: number;
  weightNorm: number;
  /** ‖ΔW‖/‖W‖ of this step's update. */
  updateRatio: number;
}

const STATS = ['actZero', 'actMean', 'actStd', 'gradZero', 'gradRms', 'weightGradNorm', 'weightNorm', 'updateRatio'] as const;
export type LayerStat = (typeof STATS)[number];

/** Floats of one layer's record. */
export const layerRecordLength = (layout: XrayLayout): number => layout.actBins + layout.gradBins + STATS.length;
/** Floats of one sample. */
export const sampleLength = (layout: XrayLayout): number => layout.layers * layerRecordLength(layout);

/** Offsets inside a layer record: the two histograms, then the stats in STATS order. */
export function statOffset(layout: XrayLayout, stat: LayerStat): number {
  return layout.actBins + layout.gradBins + STATS.indexOf(stat);
}

/** The activation range of the histogram: sigmoid's (0, 1), tanh's (−1, 1), ReLU's (0, 4) — BN's outputs stay within ±3σ. */
export function activationRange(activation: NetworkActivation): [number, number] {
  return activation === 'sigmoid' ? [0, 1] : activation === 'tanh' ? [-1, 1] : [0, 4];
}

export function xrayLayout(activation: NetworkActivation, layers: number): XrayLayout {
  return { version: 1, layers, actBins: 30, actRange: activationRange(activation), gradBins: 26, gradLog10Range: [-13, 0] };
}

/** One layer's record of a sample, as views into `sample` (no copies). */
export function layerRecord(layout: XrayLayout, sample: Float32Array, layer: number): LayerRecord {
  const at = layer * layerRecordLength(layout);
  const stat = (name: LayerStat) => sample[at + statOffset(layout, name)];
  return {
    actHist: sample.subarray(at, at + layout.actBins),
    gradHist: sample.subarray(at + layout.actBins, at + layout.actBins + layout.gradBins),
    actZero: stat('actZero'),
    actMean: stat('actMean'),
    actStd: stat('actStd'),
    gradZero: stat('gradZero'),
    gradRms: stat('gradRms'),
    weightGradNorm: stat('weightGradNorm'),
    weightNorm: stat('weightNorm'),
    updateRatio: stat('updateRatio'),
  };
}

/** One stat of one layer in every sample, in order (a curve over the iterations). */
export function statSeries(layout: XrayLayout, samples: readonly Float32Array[], layer: number, stat: LayerStat): number[] {
  const at = layer * layerRecordLength(layout) + statOffset(layout, stat);
  return samples.map((s) => s[at]);
}

const isRange = (v: unknown): v is [number, number] =>
  Array.isArray(v) && v.length === 2 && v.every((x) => typeof x === 'number' && Number.isFinite(x)) && v[0] < v[1];
const isWhole = (v: unknown, min: number, max: number): v is number => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;

/** What is wrong with a layout from outside (a worker, a file), or null. */
export function xrayLayoutProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'the X-ray layout is not an object';
  const l = value as Record<string, unknown>;
  if (l.version !== 1) return `the X-ray layout version ${JSON.stringify(l.version)} is unknown`;
  if (!isWhole(l.layers, 1, 64)) return 'the X-ray layout has no layer count from 1 to 64';
  if (!isWhole(l.actBins, 1, 1000) || !isWhole(l.gradBins, 1, 1000)) return 'the X-ray layout has no bin counts from 1 to 1000';
  if (!isRange(l.actRange) || !isRange(l.gradLog10Range)) return 'the X-ray layout has no increasing finite ranges';
  return null;
}

/** Only the layout's own fields (what a file or message carried besides is dropped). */
export function cleanXrayLayout(l: XrayLayout): XrayLayout {
  return {
    version: 1,
    layers: l.layers,
    actBins: l.actBins,
    actRange: [l.actRange[0], l.actRange[1]],
    gradBins: l.gradBins,
    gradLog10Range: [l.gradLog10Range[0], l.gradLog10Range[1]],
  };
}

/** A run's X-ray: its layout and the samples in iteration order. */
export interface XraySeries {
  layout: XrayLayout;
  iterations: number[];
  samples: Float32Array[];
}

/** What is wrong with samples of this layout (whole iteration numbers, right lengths), or null. */
export function xraySamplesProblem(layout: XrayLayout, samples: readonly { iteration: unknown; data: unknown }[]): string | null {
  const length = sampleLength(layout);
  for (const sample of samples) {
    if (!isWhole(sample.iteration, 0, Number.MAX_SAFE_INTEGER)) return 'an X-ray sample has no iteration number';
    if (!(sample.data instanceof Float32Array) || sample.data.length !== length)
      return `an X-ray sample does not hold the ${length} float32 values its layout says`;
  }
  return null;
}
