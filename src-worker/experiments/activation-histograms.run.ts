// 6.2 — one preset of the activation histograms: standard-normal inputs through `layers` layers
// of `nodes` units without bias, W = randn·scale, a histogram of each layer's activations. Float64
// and plain loops, as the book's numpy script: a few tens of millions of multiply-adds.
import { PRESETS, type PresetId } from '../../src-shared/experiments/activation-histograms.ts';
import type { ParamValues } from '../../src-shared/params/spec.ts';
import { deriveRng } from '../../src-shared/rng.ts';
import type { RunContext, RunOutcome } from './runner.ts';

const activate: Record<string, (a: number) => number> = {
  sigmoid: (a) => 1 / (1 + Math.exp(-a)),
  tanh: Math.tanh,
  relu: (a) => (a > 0 ? a : 0),
};

/** Range of the histogram: the book's (0, 1), or the activation's whole range. */
function binRange(activation: string, range: string, maxValue: number): [number, number] {
  if (range === 'book') return [0, 1];
  if (activation === 'tanh') return [-1, 1];
  if (activation === 'relu') return [0, Math.max(maxValue, 1e-12)];
  return [0, 1];
}

export function runActivationHistograms(ctx: RunContext): RunOutcome {
  const p = ctx.params as ParamValues & { samples: number; nodes: number; layers: number; bins: number; range: string };
  const preset = PRESETS[ctx.run.params.preset as PresetId];
  const rng = deriveRng(ctx.seed, `histograms/${ctx.runIndex}`);
  const n = p.nodes;
  const f = activate[preset.activation];
  const scale = preset.init === 'xavier' ? Math.sqrt(1 / n) : preset.init === 'he' ? Math.sqrt(2 / n) : preset.scale;
  // x = np.random.randn(1000, 100)
  let x: Float64Array = rng.fillNormal(new Float64Array(p.samples * n)) as Float64Array;
  const w = new Float64Array(n * n);
  const layers: Float64Array[] = [];
  let maxValue = 0;
  for (let layer = 0; layer < p.layers; layer++) {
    // w = np.random.randn(node_num, node_num) * scale; z = activation(x · w)
    rng.fillNormal(w, scale);
    const z = new Float64Array(p.samples * n);
    for (let i = 0; i < p.samples; i++) {
      for (let k = 0; k < n; k++) {
        const xik = x[i * n + k];
        if (xik === 0) continue;
        for (let j = 0; j < n; j++) z[i * n + j] += xik * w[k * n + j];
      }
    }
    for (let i = 0; i < z.length; i++) {
      z[i] = f(z[i]);
      if (z[i] > maxValue) maxValue = z[i];
    }
    layers.push(z);
    x = z;
    if (ctx.cancelled()) break; // the layers computed so far are kept
    ctx.advance();
  }
  const [lo, hi] = binRange(preset.activation, p.range, maxValue);
  const final: Record<string, number> = {};
  layers.forEach((z, index) => {
    ctx.setCurve(`layer${index + 1}`, histogram(z, p.bins, lo, hi));
    final[`std${index + 1}`] = standardDeviation(z);
  });
  return { status: layers.length < p.layers ? 'cancelled' : 'done', final, runParams: { binLo: lo, binHi: hi, bins: p.bins } };
}

/** Counts per bin over [lo, hi], like numpy's histogram: the last bin includes hi; values outside are dropped. */
export function histogram(values: ArrayLike<number>, bins: number, lo: number, hi: number): Float32Array {
  const counts = new Float32Array(bins);
  const width = (hi - lo) / bins;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v < lo || v > hi) continue;
    counts[v === hi ? bins - 1 : Math.min(bins - 1, Math.floor((v - lo) / width))]++;
  }
  return counts;
}

function standardDeviation(values: Float64Array): number {
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / values.length;
  let sq = 0;
  for (const v of values) sq += (v - mean) * (v - mean);
  return Math.sqrt(sq / values.length);
}
