import { describe, expect, it } from 'vitest';
import { checkNetworkGradients, type GradientDifference } from './gradient-check.ts';
import { createKernels } from './kernels/create-kernels.ts';
import { MultiLayerNet, type MultiLayerNetOptions } from './multi-layer-net.ts';
import { createOptimizer } from './optimizers.ts';
import { trainStep } from './test-helpers.ts';
import { networkLoss64 } from './reference-forward.ts';
import { Rng, streamsFromSeed } from '../../src-shared/rng.ts';
import { loadMnist } from '../data/mnist.ts';
import { gatherBatch, gatherBatchBytes, nonZeroPixels } from '../data/mnist-batches.ts';
import { fillRowGroups, groupCount, planRowGroups } from './kernels/row-groups.ts';

const SMALL: MultiLayerNetOptions = { inputSize: 6, hiddenSizes: [5, 4], outputSize: 3, seed: 1 };

/** A batch of `rows` standard-normal inputs and random labels, in the net's memory. */
function batch(net: MultiLayerNet, rows: number, seed: number): { x: Float32Array; t: Int32Array } {
  const rng = new Rng(seed, 'test-data');
  const x = net.inputBuffer(rows);
  rng.fillNormal(x, 1, 0, rows * net.config.inputSize);
  const t = net.labelBuffer(rows);
  for (let i = 0; i < rows; i++) t[i] = rng.nextInt(net.config.outputSize);
  return { x, t };
}

// Tolerance, as in layers.test.ts: the numerical gradient comes from the float64 forward and is
// good to ~1e-8; backprop runs in float32, and differs from it here by at most ~5e-8 of the
// largest gradient. Two things are kept out of the comparison because they are not errors:
//  - the book's 1e-7 in log(y + 1e-7): backprop's (y - t)/N is the exact gradient of the loss
//    without it, so the numerical side uses delta = 0 (with it, elements differ by ~1e-7/y_t);
//  - ReLU's kink: with biases at 0, a row whose inputs are all rectified or dropped has a
//    pre-activation of exactly 0, where backprop takes the subgradient 0 and central differences
//    give ½. Biases are set to small random values so no pre-activation sits on the kink.
// A bias right before a BatchNorm has a true gradient of 0 that float32 only approximates, hence
// the bound is relative to the largest gradient of the whole net as well:
// |backprop - numerical| <= 1e-5·(max|numerical| of the parameter + max|numerical| of the net),
// ~200× the differences observed, while a wrong term in any backward is off by a large fraction.
function expectGradientsMatch(diffs: GradientDifference[]): void {
  const scale = Math.max(...diffs.map((d) => d.scale));
  expect(scale).toBeGreaterThan(1e-3);
  for (const d of diffs) {
    expect(d.maxAbs, `${d.name}: max |backprop - numerical| = ${d.maxAbs} (scale ${d.scale})`).toBeLessThanOrEqual(
      1e-5 * (d.scale + scale),
    );
  }
}

/** Small random biases, so that no ReLU input sits exactly on the kink at 0. */
function randomizeBiases(net: MultiLayerNet, seed: number): void {
  const rng = new Rng(seed, 'biases');
  for (const p of net.params()) if (/^(b|beta)\d/.test(p.name)) rng.fillNormal(p.value, 0.1);
}

describe('MultiLayerNet gradient', () => {
  const variants: [string, Partial<MultiLayerNetOptions>][] = [
    ['ReLU', { activation: 'relu', weightInit: 'he' }],
    ['sigmoid', { activation: 'sigmoid', weightInit: 'xavier' }],
    ['tanh', { activation: 'tanh', weightInit: 'xavier' }],
    ['ReLU with BatchNorm', { useBatchnorm: true }],
    ['sigmoid with BatchNorm', { activation: 'sigmoid', useBatchnorm: true, weightInit: 1 }],
    ['ReLU with dropout (mask of the forward replayed)', { useDropout: true, dropoutRatio: 0.3 }],
    ['ReLU with weight decay', { weightDecayLambda: 0.1 }],
    [
      'tanh with BatchNorm, dropout and weight decay',
      { activation: 'tanh', useBatchnorm: true, useDropout: true, weightDecayLambda: 0.05 },
    ],
  ];
  for (const [name, options] of variants) {
    it(`matches the numerical gradient: ${name}`, () => {
      const net = new MultiLayerNet({ ...SMALL, ...options });
      randomizeBiases(net, 2);
      const rows = 10;
      const { x, t } = batch(net, rows, 2);
      const diffs = checkNetworkGradients(net, x, t, rows, 1e-4, 0);
      expect(diffs.map((d) => d.name)).toEqual(net.params().map((p) => p.name));
      expectGradientsMatch(diffs);
    });
  }

  it('gives biases right before a BatchNorm a zero gradient (the mean subtraction cancels them)', () => {
    const net = new MultiLayerNet({ ...SMALL, useBatchnorm: true });
    const { x, t } = batch(net, 10, 3);
    net.gradient(x, t, 10);
    const b1 = net.params().find((p) => p.name === 'b1')!;
    const W1 = net.params().find((p) => p.name === 'W1')!;
    const maxW = Math.max(...Array.from(W1.grad, Math.abs));
    for (const g of b1.grad) expect(Math.abs(g)).toBeLessThan(1e-5 * maxW);
  });

  it('computes the loss the float64 reference computes (the reference is this network)', () => {
    const net = new MultiLayerNet({ ...SMALL, useBatchnorm: true, useDropout: true, weightDecayLambda: 0.2 });
    const { x, t } = batch(net, 8, 4);
    const loss32 = net.loss(x, t, 8, true);
    const values = new Map(net.params().map((p) => [p, Float64Array.from(p.value)]));
    const loss64 = networkLoss64(net.layers, values, Float64Array.from(x.subarray(0, 48)), t, 8, 3, 0.2, true);
    expect(Math.abs(loss32 - loss64)).toBeLessThan(1e-6 * loss64);
  });

  it('adds ½·λ·ΣW² to the loss and λ·W to the weight gradients only', () => {
    const plain = new MultiLayerNet({ ...SMALL, seed: 5 });
    const decayed = new MultiLayerNet({ ...SMALL, seed: 5, weightDecayLambda: 0.1 });
    const { x, t } = batch(plain, 4, 6);
    const x2 = decayed.inputBuffer(4);
    x2.set(x);
    let sumSq = 0;
    for (const p of plain.params()) if (p.name.startsWith('W')) for (const w of p.value) sumSq += w * w;
    const l0 = plain.gradient(x, t, 4);
    const l1 = decayed.gradient(x2, t, 4);
    expect(l1 - l0).toBeCloseTo(0.5 * 0.1 * sumSq, 6);
    plain.params().forEach((p, i) => {
      const q = decayed.params()[i];
      p.grad.forEach((g, j) => {
        const expected = p.name.startsWith('W') ? g + 0.1 * p.value[j] : g;
        expect(q.grad[j]).toBeCloseTo(expected, 6);
      });
    });
  });

  it('leaves parameters and BatchNorm running statistics untouched while differentiating numerically', () => {
    const net = new MultiLayerNet({ ...SMALL, useBatchnorm: true });
    const { x, t } = batch(net, 5, 7);
    net.gradient(x, t, 5);
    const before = JSON.stringify(net.toJSON());
    net.numericalGradient(x, t, 5);
    expect(JSON.stringify(net.toJSON())).toBe(before);
  });
});

describe('MultiLayerNet structure and initialization', () => {
  it('names parameters as the book does and orders layers Affine → BatchNorm → activation → Dropout', () => {
    const net = new MultiLayerNet({ ...SMALL, useBatchnorm: true, useDropout: true });
    expect(net.params().map((p) => p.name)).toEqual(['W1', 'b1', 'gamma1', 'beta1', 'W2', 'b2', 'gamma2', 'beta2', 'W3', 'b3']);
    expect(net.params().map((p) => p.shape)).toEqual([[6, 5], [5], [5], [5], [5, 4], [4], [4], [4], [4, 3], [3]]);
    expect(net.layers.map((l) => l.name)).toEqual([
      'Affine1',
      'BatchNorm1',
      'Relu1',
      'Dropout1',
      'Affine2',
      'BatchNorm2',
      'Relu2',
      'Dropout2',
      'Affine3',
    ]);
  });

  it('draws weights with std = number, Xavier sqrt(1/n) or He sqrt(2/n); biases 0, gamma 1, beta 0', () => {
    const std = (a: Float32Array): number => Math.sqrt(a.reduce((s, v) => s + v * v, 0) / a.length);
    const base = { inputSize: 400, hiddenSizes: [200], outputSize: 10, useBatchnorm: true };
    const he = new MultiLayerNet({ ...base, weightInit: 'he' });
    const xavier = new MultiLayerNet({ ...base, weightInit: 'xavier' });
    const fixed = new MultiLayerNet({ ...base, weightInit: 0.01 });
    const W = (n: MultiLayerNet, name: string) => n.params().find((p) => p.name === name)!.value;
    expect(std(W(he, 'W1')) / Math.sqrt(2 / 400)).toBeCloseTo(1, 1);
    expect(std(W(he, 'W2')) / Math.sqrt(2 / 200)).toBeCloseTo(1, 1);
    expect(std(W(xavier, 'W1')) / Math.sqrt(1 / 400)).toBeCloseTo(1, 1);
    expect(std(W(fixed, 'W1')) / 0.01).toBeCloseTo(1, 1);
    expect(W(he, 'b1').every((v) => v === 0)).toBe(true);
    expect(W(he, 'gamma1').every((v) => v === 1)).toBe(true);
    expect(W(he, 'beta1').every((v) => v === 0)).toBe(true);
    // The book's keys: 'relu' is He, 'sigmoid' is Xavier.
    expect(W(new MultiLayerNet({ ...base, weightInit: 'relu' }), 'W1')).toEqual(W(he, 'W1'));
    expect(W(new MultiLayerNet({ ...base, weightInit: 'sigmoid' }), 'W1')).toEqual(W(xavier, 'W1'));
  });

  it('rejects invalid options', () => {
    expect(() => new MultiLayerNet({ ...SMALL, hiddenSizes: [0] })).toThrow(RangeError);
    expect(() => new MultiLayerNet({ ...SMALL, dropoutRatio: 1 })).toThrow(RangeError);
    expect(() => new MultiLayerNet({ ...SMALL, weightInit: 'lecun' as 'he' })).toThrow(RangeError);
    expect(() => new MultiLayerNet({ ...SMALL, weightDecayLambda: -1 })).toThrow(RangeError);
  });
});

describe('MultiLayerNet determinism and persistence', () => {
  function lossCurve(options: Partial<MultiLayerNetOptions>, steps = 15): number[] {
    const net = new MultiLayerNet({ ...SMALL, hiddenSizes: [8, 8], useDropout: true, dropoutRatio: 0.2, ...options });
    const optimizer = createOptimizer('Adam', { lr: 0.01, kernels: net.kernels });
    const { x, t } = batch(net, 16, 9);
    return Array.from({ length: steps }, () => trainStep(net, optimizer, x, t, 16));
  }

  it('gives identical initial weights and loss sequences for the same seed', () => {
    const a = new MultiLayerNet({ ...SMALL, seed: 42 });
    const b = new MultiLayerNet({ ...SMALL, seed: 42 });
    a.params().forEach((p, i) => expect(Array.from(b.params()[i].value)).toEqual(Array.from(p.value)));
    const curve = lossCurve({ seed: 42 });
    expect(lossCurve({ seed: 42 })).toEqual(curve);
    expect(curve[14]).toBeLessThan(curve[0]);
    expect(lossCurve({ seed: 43 })).not.toEqual(curve);
  });

  it('takes init and dropout from separate streams', () => {
    const s1 = streamsFromSeed(3);
    const s2 = streamsFromSeed(3);
    const a = new MultiLayerNet({ ...SMALL, rngs: { init: s1.init, dropout: s1.dropout } });
    // Same init stream, different dropout stream: same weights, different masks.
    const b = new MultiLayerNet({ ...SMALL, rngs: { init: s2.init, dropout: new Rng(99) } });
    a.params().forEach((p, i) => expect(Array.from(b.params()[i].value)).toEqual(Array.from(p.value)));
    expect(lossCurve({ rngs: { init: new Rng(1), dropout: new Rng(2) } })).not.toEqual(
      lossCurve({ rngs: { init: new Rng(1), dropout: new Rng(3) } }),
    );
  });

  it('fusing bias and ReLU changes nothing, bit for bit', () => {
    expect(lossCurve({ fuseBiasRelu: false }, 10)).toEqual(lossCurve({ fuseBiasRelu: true }, 10));
  });

  it('round-trips through JSON with bit-identical predictions (BatchNorm running statistics included)', () => {
    const net = new MultiLayerNet({ ...SMALL, hiddenSizes: [8, 7], useBatchnorm: true, useDropout: true, seed: 11 });
    const optimizer = createOptimizer('Momentum', { kernels: net.kernels });
    const { x, t } = batch(net, 12, 12);
    for (let i = 0; i < 5; i++) trainStep(net, optimizer, x, t, 12);
    expect(net.batchNorms[0].runningVar.some((v) => v > 0)).toBe(true);

    const copy = MultiLayerNet.fromJSON(JSON.parse(JSON.stringify(net.toJSON())));
    const x2 = copy.inputBuffer(12);
    x2.set(x);
    expect(Array.from(copy.predict(x2, 12, false))).toEqual(Array.from(net.predict(x, 12, false)));
    expect(copy.config).toEqual(net.config);
    expect(copy.accuracy(x, t, 12)).toBe(net.accuracy(x, t, 12));
    expect(() => MultiLayerNet.fromJSON({ ...net.toJSON(), version: 2 as 1 })).toThrow();
  });
});

describe('MultiLayerNet accuracy', () => {
  it('is evaluated in chunks with the same result, in inference mode, from any Float32Array', () => {
    const options = { ...SMALL, useBatchnorm: true, useDropout: true, seed: 13 };
    const a = new MultiLayerNet({ ...options, evalChunkRows: 1000 });
    const b = new MultiLayerNet({ ...options, evalChunkRows: 7 });
    const rng = new Rng(14);
    const x = rng.fillNormal(new Float32Array(50 * 6)); // not from the kernels
    const t = Int32Array.from({ length: 50 }, () => rng.nextInt(3));
    const accuracy = a.accuracy(x, t, 50);
    expect(b.accuracy(x, t, 50)).toBe(accuracy);
    expect(a.accuracy(x, t, 50)).toBe(accuracy); // no dropout draws, no running-stat updates
    // By hand: argmax of the inference scores, row by row.
    const xs = a.inputBuffer(50);
    xs.set(x);
    const scores = a.predict(xs, 50, false);
    let correct = 0;
    for (let i = 0; i < 50; i++) {
      const row = Array.from(scores.subarray(i * 3, i * 3 + 3));
      if (row.indexOf(Math.max(...row)) === t[i]) correct++;
    }
    expect(accuracy).toBe(correct / 50);
  });

  it("leaves the caller's batch buffers alone", () => {
    const net = new MultiLayerNet({ ...SMALL, evalChunkRows: 4 });
    const { x, t } = batch(net, 4, 18);
    const [xBefore, tBefore] = [Array.from(x), Array.from(t)];
    const rng = new Rng(19);
    const other = rng.fillNormal(new Float32Array(8 * 6));
    net.accuracy(other, new Int32Array(8), 8);
    expect(Array.from(x)).toEqual(xBefore);
    expect(Array.from(t)).toEqual(tBefore);
  });

  it('learns a small non-linear problem (XOR quadrants) past 95% (sanity of the whole loop)', () => {
    const net = new MultiLayerNet({ inputSize: 2, hiddenSizes: [16], outputSize: 2, seed: 15, kernels: createKernels() });
    const optimizer = createOptimizer('Adam', { lr: 0.05, kernels: net.kernels });
    const rows = 64;
    const x = net.inputBuffer(rows);
    const t = net.labelBuffer(rows);
    const rng = new Rng(16);
    for (let i = 0; i < rows; i++) {
      x[2 * i] = rng.uniform(-1, 1);
      x[2 * i + 1] = rng.uniform(-1, 1);
      t[i] = x[2 * i] * x[2 * i + 1] > 0 ? 1 : 0; // XOR quadrants
    }
    for (let i = 0; i < 500; i++) trainStep(net, optimizer, x, t, rows);
    expect(net.accuracy(x, t, rows)).toBeGreaterThan(0.95);
  });

  it('refuses an optimizer that runs on another kernel context', () => {
    const net = new MultiLayerNet(SMALL);
    const { x, t } = batch(net, 2, 17);
    expect(() => trainStep(net, createOptimizer('SGD'), x, t, 2)).toThrow(/kernels/);
  });
});

describe('the sparse first layer', () => {
  const mnist = loadMnist();

  /** Losses of `steps` Adam steps on MNIST batches (pixels ~81% zero), with the first layer sparse or dense. */
  function mnistLosses(hiddenSizes: number[], sparseInput: boolean, steps = 12): { losses: number[]; W1: Float32Array } {
    const net = new MultiLayerNet({
      inputSize: 784,
      hiddenSizes,
      outputSize: 10,
      seed: 5,
      useDropout: true,
      dropoutRatio: 0.2,
      sparseInput,
    });
    const optimizer = createOptimizer('Adam', { lr: 0.001, kernels: net.kernels });
    const x = net.inputBuffer(64);
    const t = net.labelBuffer(64);
    const losses: number[] = [];
    for (let s = 0; s < steps; s++) {
      gatherBatch(
        mnist.train,
        Int32Array.from({ length: 64 }, (_, i) => (s * 64 + i) * 7),
        x,
        t,
      );
      losses.push(trainStep(net, optimizer, x, t, 64));
    }
    return { losses, W1: Float32Array.from(net.params()[0].value) };
  }

  it('trains bit for bit as the dense GEMM does when the first layer is a multiple of 8 wide', () => {
    const sparse = mnistLosses([96, 40], true);
    const dense = mnistLosses([96, 40], false);
    expect(sparse.losses).toEqual(dense.losses);
    expect(Array.from(sparse.W1)).toEqual(Array.from(dense.W1));
    expect(sparse.losses[11]).toBeLessThan(sparse.losses[0]);
  });

  it("stays within float32 rounding of the dense GEMM at the book's width of 100", () => {
    const sparse = mnistLosses([100, 100], true);
    const dense = mnistLosses([100, 100], false);
    sparse.losses.forEach((loss, i) => expect(Math.abs(loss - dense.losses[i])).toBeLessThan(1e-5 * dense.losses[i]));
  });

  it('takes the dense GEMM for a batch that is mostly non-zero: the same numbers at any width', () => {
    const curve = (sparseInput: boolean) => {
      const net = new MultiLayerNet({ ...SMALL, hiddenSizes: [5, 4], seed: 8, sparseInput });
      const optimizer = createOptimizer('Adam', { lr: 0.01, kernels: net.kernels });
      const { x, t } = batch(net, 16, 9);
      return Array.from({ length: 8 }, () => trainStep(net, optimizer, x, t, 16));
    };
    expect(curve(true)).toEqual(curve(false));
  });

  it('predicts from inputs given as their non-zero entries, or as row groups, exactly as from the dense floats', () => {
    const net = new MultiLayerNet({ inputSize: 784, hiddenSizes: [100, 50], outputSize: 10, seed: 3, useBatchnorm: true });
    // 36 rows: every row of a dense GEMM in the same 6-row strips, whichever order they come in
    const indices = Int32Array.from({ length: 36 }, (_, i) => i * 11);
    const x = net.inputBuffer(36);
    gatherBatch(mnist.test, indices, x, net.labelBuffer(36));
    const dense = Array.from(net.predict(x, 36, false));
    const bytes = net.kernels.allocBytes(36 * 784);
    gatherBatchBytes(mnist.test, indices, bytes, new Int32Array(36));
    const entries = net.kernels.allocSparse(36, 784);
    expect(net.kernels.sparseFromBytes(36, bytes, entries)).toBe(nonZeroPixels(mnist.test, indices));
    expect(Array.from(net.predict(entries, 36))).toEqual(dense);
    // Row groups: the same scores, in the groups' order (told apart by their labels' order here).
    const plan = planRowGroups(36, 784, (row) => mnist.test.images.subarray(indices[row] * 784, (indices[row] + 1) * 784));
    const groups = net.kernels.allocGroups(groupCount(36), 784, plan.columns.length);
    fillRowGroups(plan, groups, (row, col) => x[row * 784 + col]);
    const scores = Array.from(net.predict(groups, 36));
    plan.order.forEach((row, i) => expect(scores.slice(i * 10, i * 10 + 10)).toEqual(dense.slice(row * 10, row * 10 + 10)));
    expect(() => net.predict(groups, 36, true)).toThrow(/inference only/);
  });
});
