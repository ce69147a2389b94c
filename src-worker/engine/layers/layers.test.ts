// Every layer's backward against central differences of its forward.
//
// Why the tolerance is sound for float32: the numerical gradient is taken of the float64
// re-implementation of the layer (reference-forward.ts) at the float32 inputs, with h = 1e-4:
// truncation error ~h²·|f'''| ≈ 1e-8 and rounding ~1e-16/h ≈ 1e-12, so it is good to ~1e-8.
// The analytic gradient is computed in float32: each value carries a relative rounding of a few
// 2^-24 ≈ 6e-8 of the magnitude of the terms it sums, which can exceed the result itself where
// terms cancel. So each element must satisfy |backprop - numerical| <= 5e-6·(|numerical| +
// max|numerical|): about a hundred times the noise measured here (≤ 4e-8 on these shapes), while a
// wrong formula fails by orders of magnitude (scaling BatchNorm's variance term by 0.999 already
// gives 9e-5). Separately, the float32 forward must agree with the float64 reference, so the
// reference really is this layer's function.
import { describe, expect, it } from 'vitest';
import { createKernels } from '../kernels/create-kernels.ts';
import type { Kernels } from '../kernels/kernels.ts';
import {
  affineForward64,
  batchNormForward64,
  dropoutForward64,
  reluForward64,
  sigmoidForward64,
  softmaxWithLoss64,
  tanhForward64,
} from '../reference-forward.ts';
import { Rng } from '../../../src-shared/rng.ts';
import { Affine } from './affine.ts';
import { BatchNorm } from './batch-norm.ts';
import { Dropout } from './dropout.ts';
import { Relu } from './relu.ts';
import { Sigmoid } from './sigmoid.ts';
import { SoftmaxWithLoss } from './softmax-with-loss.ts';
import { Tanh } from './tanh.ts';

const H = 1e-4;
const TOL = 5e-6;

/** (f(v+h) - f(v-h)) / 2h for every entry of v, restoring v afterwards. */
function numericalGradient(f: () => number, v: Float64Array, h = H): Float64Array {
  const g = new Float64Array(v.length);
  for (let i = 0; i < v.length; i++) {
    const original = v[i];
    v[i] = original + h;
    const plus = f();
    v[i] = original - h;
    const minus = f();
    v[i] = original;
    g[i] = (plus - minus) / (2 * h);
  }
  return g;
}

function expectGradientClose(what: string, analytic: ArrayLike<number>, numeric: ArrayLike<number>): void {
  expect(analytic.length, what).toBe(numeric.length);
  let scale = 0;
  for (let i = 0; i < numeric.length; i++) scale = Math.max(scale, Math.abs(numeric[i]));
  expect(scale, `${what}: the check needs a non-zero gradient`).toBeGreaterThan(1e-3);
  for (let i = 0; i < numeric.length; i++) {
    const tolerance = TOL * (Math.abs(numeric[i]) + scale);
    expect(Math.abs(analytic[i] - numeric[i]), `${what}[${i}]: ${analytic[i]} vs ${numeric[i]}`).toBeLessThanOrEqual(tolerance);
  }
}

function expectForwardClose(what: string, float32: ArrayLike<number>, float64: ArrayLike<number>, n: number): void {
  for (let i = 0; i < n; i++) {
    expect(Math.abs(float32[i] - float64[i]), `${what}[${i}]`).toBeLessThanOrEqual(2e-6 * (1 + Math.abs(float64[i])));
  }
}

/** Σ dout·y: the scalar whose gradient backward(dout) computes. */
function dot(dout: ArrayLike<number>, y: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) s += dout[i] * y[i];
  return s;
}

function randomArray(kernels: Kernels, n: number, rng: Rng, std = 1, mean = 0): Float32Array {
  return rng.fillNormal(kernels.alloc(n), std, mean);
}

/** Values with |v| >= 0.05, so no input sits within h of ReLU's kink. */
function awayFromZero(kernels: Kernels, n: number, rng: Rng): Float32Array {
  const x = kernels.alloc(n);
  for (let i = 0; i < n; i++) x[i] = (rng.nextFloat() < 0.5 ? -1 : 1) * (0.05 + rng.nextFloat());
  return x;
}

describe('Affine', () => {
  it('backward matches the numerical gradient of x·W + b for x, W and b', () => {
    const k = createKernels();
    const rng = new Rng(1);
    const rows = 4;
    const [inSize, outSize] = [5, 3];
    const layer = new Affine(k, inSize, outSize, { index: 1 });
    rng.fillNormal(layer.W.value);
    rng.fillNormal(layer.b.value);
    const x = randomArray(k, rows * inSize, rng);
    const dout = randomArray(k, rows * outSize, rng);

    const y = layer.forward(x, rows, true);
    const x64 = Float64Array.from(x);
    const W64 = Float64Array.from(layer.W.value);
    const b64 = Float64Array.from(layer.b.value);
    const f = (): number => dot(dout, affineForward64(x64, rows, inSize, outSize, W64, b64));
    expectForwardClose('y', y, affineForward64(x64, rows, inSize, outSize, W64, b64), rows * outSize);

    const dx = layer.backward(dout, rows);
    expectGradientClose('dx', dx, numericalGradient(f, x64));
    expectGradientClose('dW', layer.W.grad, numericalGradient(f, W64));
    expectGradientClose('db', layer.b.grad, numericalGradient(f, b64));
  });

  it('fused with ReLU computes exactly what Affine then ReLU computes', () => {
    const k = createKernels();
    const rng = new Rng(2);
    const rows = 6;
    const plain = new Affine(k, 7, 5, { index: 1 });
    const fused = new Affine(k, 7, 5, { index: 1, fuseRelu: true });
    rng.fillNormal(plain.W.value);
    rng.fillNormal(plain.b.value);
    fused.W.value.set(plain.W.value);
    fused.b.value.set(plain.b.value);
    const relu = new Relu(k, 5);
    const passThrough = new Relu(k, 5, { appliedByAffine: true });
    const x = randomArray(k, rows * 7, rng);
    const dout = randomArray(k, rows * 5, rng);

    const y1 = relu.forward(plain.forward(x, rows, true), rows, true);
    const y2 = passThrough.forward(fused.forward(x, rows, true), rows, true);
    expect(Array.from(y2)).toEqual(Array.from(y1));
    expect(y1.some((v) => v === 0) && y1.some((v) => v > 0)).toBe(true);
    const dx1 = plain.backward(relu.backward(dout, rows), rows);
    const dx2 = fused.backward(passThrough.backward(dout, rows), rows);
    expect(Array.from(dx2)).toEqual(Array.from(dx1));
    expect(Array.from(fused.W.grad)).toEqual(Array.from(plain.W.grad));
    expect(Array.from(fused.b.grad)).toEqual(Array.from(plain.b.grad));
  });
});

describe('activations', () => {
  const cases = [
    { name: 'ReLU', make: (k: Kernels) => new Relu(k, 6), ref: reluForward64 },
    { name: 'Sigmoid', make: (k: Kernels) => new Sigmoid(k, 6), ref: sigmoidForward64 },
    { name: 'Tanh', make: (k: Kernels) => new Tanh(k, 6), ref: tanhForward64 },
  ];
  for (const { name, make, ref } of cases) {
    it(`${name} backward matches the numerical gradient of its forward`, () => {
      const k = createKernels();
      const rng = new Rng(3);
      const rows = 4;
      const layer = make(k);
      const x = awayFromZero(k, rows * 6, rng);
      const dout = randomArray(k, rows * 6, rng);
      const y = layer.forward(x, rows, true);
      const x64 = Float64Array.from(x);
      expectForwardClose('y', y, ref(x64), rows * 6);
      const dx = layer.backward(dout, rows);
      expectGradientClose(
        'dx',
        dx,
        numericalGradient(() => dot(dout, ref(x64)), x64),
      );
    });
  }

  it('ReLU zeroes negative inputs and passes positive ones', () => {
    const k = createKernels();
    const x = k.alloc(4);
    x.set([-2, 0, 0.5, 3]);
    expect(Array.from(new Relu(k, 4).forward(x, 1, false))).toEqual([0, 0, 0.5, 3]);
  });
});

describe('BatchNorm', () => {
  function setup(rows: number, seed: number) {
    const k = createKernels();
    const rng = new Rng(seed);
    const size = 4;
    const layer = new BatchNorm(k, size, { index: 1 });
    rng.fillNormal(layer.gamma.value, 0.5, 1);
    rng.fillNormal(layer.beta.value);
    const x = k.alloc(rows * size);
    // Columns with different means and spreads, as pre-activations have.
    for (let i = 0; i < rows; i++) for (let j = 0; j < size; j++) x[i * size + j] = j - 1.5 + (0.5 + j) * rng.normal();
    const dout = randomArray(k, rows * size, rng);
    return { k, layer, x, dout, size };
  }

  it('backward matches the numerical gradient for x, gamma and beta (5 samples)', () => {
    const rows = 5;
    const { layer, x, dout, size } = setup(rows, 4);
    const y = layer.forward(x, rows, true);
    const x64 = Float64Array.from(x);
    const g64 = Float64Array.from(layer.gamma.value);
    const b64 = Float64Array.from(layer.beta.value);
    const f = (): number => dot(dout, batchNormForward64(x64, rows, size, g64, b64, layer.eps, { training: true }));
    expectForwardClose('y', y, batchNormForward64(x64, rows, size, g64, b64, layer.eps, { training: true }), rows * size);

    const dx = layer.backward(dout, rows);
    expectGradientClose('dx', dx, numericalGradient(f, x64));
    expectGradientClose('dgamma', layer.gamma.grad, numericalGradient(f, g64));
    expectGradientClose('dbeta', layer.beta.grad, numericalGradient(f, b64));
  });

  it("normalizes every value of a one-sample batch to 0, so the book's one-sample check proves nothing", () => {
    const { layer, x } = setup(1, 5);
    const y = layer.forward(x, 1, true);
    expect(Array.from(y)).toEqual(Array.from(layer.beta.value));
  });

  it('uses ε = 1e-6 and updates running statistics from 0 as 0.9·running + 0.1·batch', () => {
    const rows = 5;
    const { layer, x, size } = setup(rows, 6);
    expect(layer.eps).toBe(1e-6);
    expect(Array.from(layer.runningMean)).toEqual([0, 0, 0, 0]);
    layer.forward(x, rows, true);
    layer.forward(x, rows, true);
    for (let j = 0; j < size; j++) {
      let mean = 0;
      for (let i = 0; i < rows; i++) mean += x[i * size + j] / rows;
      let variance = 0;
      for (let i = 0; i < rows; i++) variance += (x[i * size + j] - mean) ** 2 / rows;
      // after two updates from 0: 0.9·(0.1·m) + 0.1·m = 0.19·m
      expect(layer.runningMean[j]).toBeCloseTo(0.19 * mean, 6);
      expect(layer.runningVar[j]).toBeCloseTo(0.19 * variance, 6);
    }
  });

  it('normalizes with the running statistics in inference', () => {
    const rows = 5;
    const { layer, x, size } = setup(rows, 7);
    layer.forward(x, rows, true);
    const y = layer.forward(x, rows, false);
    const expected = batchNormForward64(x, rows, size, layer.gamma.value, layer.beta.value, layer.eps, {
      training: false,
      runningMean: layer.runningMean,
      runningVar: layer.runningVar,
    });
    expectForwardClose('y', y, expected, rows * size);
  });
});

describe('Dropout', () => {
  it('backward with a fixed mask matches the numerical gradient of x·mask', () => {
    const k = createKernels();
    const rng = new Rng(8);
    const rows = 3;
    const size = 5;
    const layer = new Dropout(k, size, new Rng(0), { ratio: 0.4 });
    const mask = Array.from({ length: rows * size }, (_, i) => (i % 3 === 0 ? 0 : 1));
    layer.setMask(rows, mask);
    const x = randomArray(k, rows * size, rng);
    const dout = randomArray(k, rows * size, rng);
    const y = layer.forward(x, rows, true);
    const x64 = Float64Array.from(x);
    expectForwardClose('y', y, dropoutForward64(x64, mask, 0.4, true), rows * size);
    const dx = layer.backward(dout, rows);
    expectGradientClose(
      'dx',
      dx,
      numericalGradient(() => dot(dout, dropoutForward64(x64, mask, 0.4, true)), x64),
    );
  });

  it('keeps units where rand > ratio in training and scales by 1 - ratio in inference', () => {
    const k = createKernels();
    const rows = 200;
    const size = 50;
    const layer = new Dropout(k, size, new Rng(9), { ratio: 0.2 });
    const x = k.alloc(rows * size).fill(2);
    const y = layer.forward(x, rows, true);
    const kept = y.filter((v) => v === 2).length;
    expect(y.every((v) => v === 0 || v === 2)).toBe(true);
    expect(kept / y.length).toBeCloseTo(0.8, 1);
    // The mask is rand > 0.2 on the dropout stream: replay it.
    const replay = new Rng(9).fillUniform(new Float32Array(rows * size));
    expect(Array.from(y, (v) => v / 2)).toEqual(Array.from(replay, (u) => (u > 0.2 ? 1 : 0)));
    expect(Array.from(layer.forward(x, rows, false).subarray(0, 3))).toEqual([1.6, 1.6, 1.6].map(Math.fround));
  });

  it('draws a new mask every training forward unless frozen', () => {
    const k = createKernels();
    const layer = new Dropout(k, 20, new Rng(10), { ratio: 0.5 });
    const x = k.alloc(40).fill(1);
    const first = Array.from(layer.forward(x, 2, true));
    const second = Array.from(layer.forward(x, 2, true));
    expect(second).not.toEqual(first);
    layer.frozen = true;
    expect(Array.from(layer.forward(x, 2, true))).toEqual(second);
  });
});

describe('SoftmaxWithLoss', () => {
  it('gives the mean cross-entropy and a backward equal to its numerical gradient', () => {
    const k = createKernels();
    const rng = new Rng(11);
    const rows = 4;
    const classes = 5;
    const layer = new SoftmaxWithLoss(k, classes);
    const x = randomArray(k, rows * classes, rng, 2);
    const t = Int32Array.of(0, 3, 4, 1);
    const loss = layer.forward(x, t, rows);
    const x64 = Float64Array.from(x);
    expect(loss).toBeCloseTo(softmaxWithLoss64(x64, t, rows, classes), 6);
    const dx = layer.backward(rows);
    // (y - t)/N is the exact gradient of the loss without the book's 1e-7 inside the log; with it,
    // the numerical gradient differs by a relative 1e-7/y_t (6e-6 here), an artefact of the check.
    expectGradientClose(
      'dx',
      dx,
      numericalGradient(() => softmaxWithLoss64(x64, t, rows, classes, 0), x64),
    );
  });

  it('computes the loss by hand for one row: -log(softmax + 1e-7), stable for large scores', () => {
    const k = createKernels();
    const layer = new SoftmaxWithLoss(k, 3);
    const x = k.alloc(3);
    x.set([1000, 1001, 1002]); // exp(1002) overflows without subtracting the row max
    const loss = layer.forward(x, [2], 1);
    const p = Math.exp(0) / (Math.exp(-2) + Math.exp(-1) + Math.exp(0));
    expect(loss).toBeCloseTo(-Math.log(p + 1e-7), 6);
    const dx = layer.backward(1);
    expect(dx[2]).toBeCloseTo(p - 1, 6);
  });

  it('rejects labels that are not classes', () => {
    const k = createKernels();
    const layer = new SoftmaxWithLoss(k, 3);
    expect(() => layer.forward(k.alloc(3), [3], 1)).toThrow(RangeError);
  });
});
