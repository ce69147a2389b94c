// The X-ray (src-shared/xray.ts) at the book's defaults: what a student must be able to see, pinned
// on the numbers the runners emit — and that taking it changes nothing about the training.
import { describe, expect, it } from 'vitest';
import { layerRecord, statSeries, XRAY_EVERY, xrayLayout, type XraySeries } from '../../src-shared/xray.ts';
import { MultiLayerNet } from '../engine/multi-layer-net.ts';
import { runOne } from './run-harness.ts';
import { XraySampler } from './xray-sampler.ts';

/** The fraction of a layer's activations (zeros included) in bins [from, to) of its histogram. */
function massIn(xray: XraySeries, sample: number, layer: number, from: number, to: number): number {
  const record = layerRecord(xray.layout, xray.samples[sample], layer);
  let mass = 0;
  for (let b = from; b < to; b++) mass += record.actHist[b];
  return mass;
}

describe('the X-ray sampler', () => {
  it('leaves training exactly as it is: the same curves and weights with and without it', () => {
    const input = { iterations: 2 * XRAY_EVERY + 5, batchSize: 32, hiddenSizes: [20, 10] };
    const seen = runOne('optimizer-compare', input, 3, 3);
    const blind = runOne('optimizer-compare', input, 3, 3, { noXray: true });
    expect(blind.xray).toBeNull();
    expect(seen.xray!.iterations).toEqual([0, XRAY_EVERY, 2 * XRAY_EVERY]);
    expect(seen.curves).toEqual(blind.curves);
    expect(seen.outcome.final).toEqual(blind.outcome.final);
    const weights = (r: typeof seen) => r.outcome.network!.tensors.map((t) => Array.from(t.values));
    expect(weights(seen)).toEqual(weights(blind));
  });

  it('bins gradients exactly as floor((log10|g| − lo)·bins/(hi − lo)), including values on and beside the edges', () => {
    const net = new MultiLayerNet({ inputSize: 4, hiddenSizes: [3], outputSize: 2, seed: 1 });
    const layout = xrayLayout('relu', 1);
    const emitted: Float32Array[] = [];
    const sampler = new XraySampler(net, 1, (_, sample) => emitted.push(sample));
    const values: number[] = [];
    for (let e = -15; e <= 2; e += 0.5) {
      const edge = Math.fround(10 ** e);
      values.push(edge, Math.fround(edge * (1 + 2 ** -20)), Math.fround(edge * (1 - 2 ** -20)), -edge);
    }
    for (let i = 0; i < 2000; i++) values.push(Math.fround((Math.random() - 0.5) * 10 ** (-14 + 15 * Math.random())));
    const gradients = Float32Array.from(values);
    sampler.gradient(0, gradients, gradients.length);
    sampler.beforeUpdate();
    sampler.afterUpdate(0);
    const expected = new Array<number>(layout.gradBins).fill(0);
    const [lo, hi] = layout.gradLog10Range;
    for (const g of gradients) {
      const bin = Math.floor((Math.log10(Math.abs(g)) - lo) * (layout.gradBins / (hi - lo)));
      expected[Math.min(layout.gradBins - 1, Math.max(0, bin))]++;
    }
    const hist = Array.from(layerRecord(layout, emitted[0], 0).gradHist, (f) => Math.round(f * gradients.length));
    expect(hist).toEqual(expected);
  });

  it('measures ‖W‖, ‖∂L/∂W‖ and ‖ΔW‖/‖W‖ of each layer: for SGD the ratio is lr·‖∂L/∂W‖/‖W‖', () => {
    const { xray } = runOne('weight-init-compare', { iterations: 1, batchSize: 16, hiddenSizes: [12, 8], inits: ['He'] }, 2, 0);
    for (let layer = 0; layer < 2; layer++) {
      const r = layerRecord(xray!.layout, xray!.samples[0], layer);
      expect(r.weightNorm).toBeGreaterThan(0);
      expect(r.updateRatio).toBeCloseTo((0.01 * r.weightGradNorm) / r.weightNorm, 6);
      const histMass = r.actHist.reduce((a, b) => a + b, 0) + r.actZero;
      expect(histMass).toBeCloseTo(1, 5);
      expect(r.gradHist.reduce((a, b) => a + b, 0) + r.gradZero).toBeCloseTo(1, 5);
    }
  });
});

describe("the X-ray at the book's defaults", () => {
  // weight-init-compare as the book runs it (784-100×4-10, ReLU, SGD 0.01, batch 128), 100 iterations.
  const weightInit = (runIndex: number) => runOne('weight-init-compare', { iterations: 100 }, 1, runIndex);

  it('with std = 0.01 the first layers’ gradients shrink towards zero; with He they do not', () => {
    const small = weightInit(0);
    const he = weightInit(2);
    expect([small.run.label, he.run.label]).toEqual(['std=0.01', 'He']);
    const layers = small.xray!.layout.layers;
    for (let s = 0; s < small.xray!.samples.length; s++) {
      const first = (x: XraySeries) => layerRecord(x.layout, x.samples[s], 0);
      const last = (x: XraySeries) => layerRecord(x.layout, x.samples[s], layers - 1);
      // std = 0.01: every layer back towards the input divides the gradient by ~15 — the first gets ~10⁻⁴ of the last…
      expect(first(small.xray!).gradRms).toBeLessThan(1e-3 * last(small.xray!).gradRms);
      // …and ~10⁻⁴ of what He's first layer gets, whose gradients are as large at the first layer as at the last.
      expect(first(small.xray!).gradRms).toBeLessThan(1e-3 * first(he.xray!).gradRms);
      expect(first(he.xray!).gradRms).toBeGreaterThan(0.5 * last(he.xray!).gradRms);
    }
    // The update ratio tells the same: std = 0.01 hardly moves its first layer.
    const ratios = (x: XraySeries) => statSeries(x.layout, x.samples, 0, 'updateRatio');
    expect(Math.max(...ratios(small.xray!))).toBeLessThan(1e-5);
    expect(Math.min(...ratios(he.xray!))).toBeGreaterThan(1e-4);
  });

  it('with sigmoid and std = 1 the activations pile up at 0 and 1', () => {
    const { xray, run } = runOne('weight-init-compare', { iterations: 100, activation: 'sigmoid', inits: ['std'], weightStd: 1 }, 1, 0);
    expect(run.label).toBe('std=1');
    const bins = xray!.layout.actBins; // 30 bins over (0, 1)
    for (let s = 0; s < xray!.samples.length; s++) {
      for (let layer = 0; layer < xray!.layout.layers; layer++) {
        const ends = massIn(xray!, s, layer, 0, 3) + massIn(xray!, s, layer, bins - 3, bins); // below 0.1 or above 0.9
        expect(ends, `sample ${s}, layer ${layer + 1}`).toBeGreaterThan(0.6);
        expect(massIn(xray!, s, layer, 12, 18)).toBeLessThan(0.1); // hardly any in 0.4–0.6
      }
    }
  });

  it('with BatchNorm the activations stay spread at every weight scale of the 4×4 grid, where the plain networks collapse or explode', () => {
    // 8 epochs of 10 iterations: samples at 0, K, 2K (the test would prove nothing with fewer; a
    // plain network at the largest scales diverges after its first).
    const input = { epochs: 8 };
    const plan = runOne('batchnorm-compare', input, 1, 0).plan;
    expect(plan).toHaveLength(32);
    for (let runIndex = 0; runIndex < 32; runIndex++) {
      const { xray, run } = runOne('batchnorm-compare', input, 1, runIndex);
      const scale = run.params.weightScale as number;
      const std = (s: number, layer: number) => layerRecord(xray!.layout, xray!.samples[s], layer).actStd;
      const layers = xray!.layout.layers;
      if (run.params.batchnorm) {
        expect(xray!.iterations, run.label).toEqual([0, XRAY_EVERY, 2 * XRAY_EVERY]);
        // From the first epoch's end on, at every scale, every layer: a spread of activations, neither gone nor exploding.
        for (let s = 1; s < xray!.samples.length; s++)
          for (let layer = 0; layer < layers; layer++) {
            expect(std(s, layer), `${run.label}, iteration ${xray!.iterations[s]}, layer ${layer + 1}`).toBeGreaterThan(0.3);
            expect(std(s, layer), `${run.label}, iteration ${xray!.iterations[s]}, layer ${layer + 1}`).toBeLessThan(2);
          }
      } else if (scale < 0.03) {
        expect(std(0, layers - 1), run.label).toBeLessThan(0.01); // the last layer's activations are gone
      } else if (scale > 0.5) {
        expect(std(0, layers - 1), run.label).toBeGreaterThan(100); // they explode
      }
    }
  });
});

describe('a trained network as data', () => {
  it('comes back from its snapshot predicting what it predicted (BatchNorm running statistics included)', () => {
    const { outcome } = runOne('batchnorm-compare', { epochs: 2, scales: 1, hiddenSizes: [16, 8] }, 1, 0);
    const snapshot = outcome.network!;
    expect(snapshot.config).toMatchObject({ hiddenSizes: [16, 8], useBatchnorm: true });
    expect(snapshot.tensors.map((t) => t.name)).toEqual([
      'W1',
      'b1',
      'gamma1',
      'beta1',
      'W2',
      'b2',
      'gamma2',
      'beta2',
      'W3',
      'b3',
      'runningMean1',
      'runningVar1',
      'runningMean2',
      'runningVar2',
    ]);
    const rebuilt = MultiLayerNet.fromSnapshot(snapshot);
    const again = MultiLayerNet.fromSnapshot(rebuilt.snapshot());
    const x = rebuilt.inputBuffer(3);
    for (let i = 0; i < x.length; i++) x[i] = ((i * 37) % 255) / 255;
    const a = Array.from(rebuilt.predict(x, 3));
    const bx = again.inputBuffer(3);
    bx.set(x);
    expect(Array.from(again.predict(bx, 3))).toEqual(a);
    expect(a.every(Number.isFinite)).toBe(true);
  });

  it('is not kept when the run diverged', () => {
    const { outcome } = runOne('optimizer-compare', { optimizers: ['SGD'], lrSGD: 100, iterations: 300 }, 5, 0);
    expect(outcome.status).toBe('diverged');
    expect(outcome.network).toBeUndefined();
  });
});

describe('shared initial weights', () => {
  const first = (r: ReturnType<typeof runOne>) => Array.from(r.outcome.network!.tensors.find((t) => t.name === 'W1')!.values.slice(0, 50));

  it('start every network of an optimizer comparison from the same weights when asked, and from their own otherwise', () => {
    // No iterations: the kept network is the initial one.
    const input = { iterations: 1, hiddenSizes: [10], lrSGD: 1e-30, lrAdam: 1e-30, lrMomentum: 1e-30, lrAdaGrad: 1e-30 };
    const shared = [0, 3].map((i) => runOne('optimizer-compare', { ...input, sharedInit: true }, 4, i));
    expect(first(shared[0])).toEqual(first(shared[1]));
    const own = [0, 3].map((i) => runOne('optimizer-compare', input, 4, i));
    expect(first(own[0])).not.toEqual(first(own[1]));
  });

  it('start the dropout pair and the weight-decay pair from the same weights', () => {
    const dropout = [0, 1].map((i) => runOne('dropout', { compareWithout: true, sharedInit: true, epochs: 1, lr: 1e-30 }, 2, i));
    expect(dropout.map((r) => r.run.label)).toEqual(['dropout 0.2', 'no dropout']);
    expect(first(dropout[0])).toEqual(first(dropout[1]));
    const decay = [0, 1].map((i) => runOne('overfit-weight-decay', { sharedInit: true, epochs: 1, lr: 1e-30 }, 2, i));
    expect(first(decay[0])).toEqual(first(decay[1]));
  });
});
