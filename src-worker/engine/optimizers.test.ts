// Every optimizer against values worked out by hand from the book's update rules (docs/EXPERIMENTS.md),
// three steps on a two-element parameter p0 = [1, -0.5] with gradients
//   g1 = [0.5, -1], g2 = [0.2, 0.4], g3 = [-0.3, 0.1], default hyperparameters.
// Parameters are float32, so values are compared to 6 decimals (float32 spacing near 1 is 6e-8).
import { describe, expect, it } from 'vitest';
import { bowlGradient, bowlPath } from '../../src-shared/bowl.ts';
import { PATH_LR } from '../../src-shared/experiments/optimizer-paths.ts';
import { OPTIMIZERS } from '../../src-shared/vocabulary.ts';
import { createKernels, kernelKindSupported } from './kernels/create-kernels.ts';
import type { KernelKind } from './kernels/kernels.ts';
import { createOptimizer, type OptimizerName, type OptimizerOptions } from './optimizers.ts';
import { createParam } from './param.ts';

const GRADIENTS = [
  [0.5, -1],
  [0.2, 0.4],
  [-0.3, 0.1],
];
const KINDS = (['ts', 'wasm-simd', 'wasm-relaxed'] as KernelKind[]).filter(kernelKindSupported);

function threeSteps(kind: KernelKind, name: OptimizerName, options: OptimizerOptions = {}): number[][] {
  const kernels = createKernels(kind);
  const p = createParam(kernels, 'W1', [2]);
  p.value.set([1, -0.5]);
  const optimizer = createOptimizer(name, { ...options, kernels });
  return GRADIENTS.map((g) => {
    p.grad.set(g);
    optimizer.step([p]);
    return Array.from(p.value);
  });
}

function expectSteps(actual: number[][], expected: number[][]): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((row, step) => row.forEach((v, i) => expect(v, `step ${step + 1}, p[${i}]`).toBeCloseTo(expected[step][i], 6)));
}

describe.each(KINDS)('optimizers on %s kernels', (kind) => {
  it('SGD: p -= 0.01·g', () => {
    // 1 - 0.005 = 0.995; 0.995 - 0.002 = 0.993; 0.993 + 0.003 = 0.996
    // -0.5 + 0.01 = -0.49; -0.49 - 0.004 = -0.494; -0.494 - 0.001 = -0.495
    expectSteps(threeSteps(kind, 'SGD'), [
      [0.995, -0.49],
      [0.993, -0.494],
      [0.996, -0.495],
    ]);
  });

  it('Momentum: v = 0.9·v - 0.01·g; p += v', () => {
    // v: -0.005, 0.9·-0.005 - 0.002 = -0.0065, 0.9·-0.0065 + 0.003 = -0.00285
    // v: 0.01, 0.009 - 0.004 = 0.005, 0.0045 - 0.001 = 0.0035
    expectSteps(threeSteps(kind, 'Momentum'), [
      [0.995, -0.49],
      [0.9885, -0.485],
      [0.98565, -0.4815],
    ]);
  });

  it('Nesterov: p += m²·v; p -= (1+m)·lr·g; v = m·v - lr·g (corrected order)', () => {
    // p[0]: 1 - 1.9·0.005 = 0.9905 (v = -0.005); 0.9905 + 0.81·-0.005 - 1.9·0.002 = 0.98265
    //   (v = -0.0065); 0.98265 + 0.81·-0.0065 + 1.9·0.003 = 0.983085. (v-first order: 0.98645 at step 1.)
    // p[1]: -0.5 + 0.019 = -0.481 (v = 0.01); -0.481 + 0.0081 - 0.0076 = -0.4805 (v = 0.005);
    //   -0.4805 + 0.00405 - 0.0019 = -0.47835
    expectSteps(threeSteps(kind, 'Nesterov'), [
      [0.9905, -0.481],
      [0.98265, -0.4805],
      [0.983085, -0.47835],
    ]);
  });

  it('AdaGrad: h += g²; p -= 0.01·g/(sqrt(h) + 1e-7)', () => {
    // p[0]: h = 0.25 → 1 - 0.005/0.5000001 = 0.990000002; h = 0.29 → - 0.002/0.538516581 = 0.986286096;
    //       h = 0.38 → + 0.003/0.616441500 = 0.991152738
    // p[1]: h = 1 → -0.49; h = 1.16 → - 0.004/1.077032961 = -0.493713907; h = 1.17 → -0.494638408
    expectSteps(threeSteps(kind, 'AdaGrad'), [
      [0.990000002, -0.490000001],
      [0.986286096, -0.493713907],
      [0.991152738, -0.494638408],
    ]);
  });

  it('RMSprop: h = 0.99·h + 0.01·g²; p -= 0.01·g/(sqrt(h) + 1e-7)', () => {
    // p[0]: h = 0.0025 → 1 - 0.005/0.0500001 = 0.9000002; h = 0.002475 + 0.0004 = 0.002875 →
    //       - 0.002/0.053619026 = 0.862700077; h = 0.00284625 + 0.0009 = 0.00374625 → + 0.003/0.061206617 = 0.911714305
    // p[1]: h = 0.01 → -0.5 + 0.01/0.1000001 = -0.4000001; h = 0.0115 → -0.437300258; h = 0.011485 → -0.446631384
    expectSteps(threeSteps(kind, 'RMSprop'), [
      [0.9000002, -0.4000001],
      [0.862700077, -0.437300258],
      [0.911714305, -0.446631384],
    ]);
  });

  it('Adam (book): lr_t = lr·sqrt(1-β2^t)/(1-β1^t); p -= lr_t·m/(sqrt(v) + 1e-7)', () => {
    // t = 1: m = 0.1·g, v = 0.001·g², lr_t = 0.001·sqrt(0.001)/0.1 = 3.16228e-4
    //   p[0] = 1 - 3.16228e-4·0.05/(0.0158114 + 1e-7) = 0.999000006 (≈ 1 - lr·sign(g))
    // t = 2: m[0] = 0.05 + 0.1·(0.2 - 0.05) = 0.065, v[0] = 2.5e-4 + 0.001·(0.04 - 2.5e-4) = 2.8975e-4,
    //   lr_t = 0.001·sqrt(0.001999)/0.19 = 2.35317e-4 → p[0] = 0.999000006 - 2.35317e-4·0.065/0.0170220 = 0.998101436
    expectSteps(threeSteps(kind, 'Adam'), [
      [0.999000006, -0.499000003],
      [0.998101436, -0.498654398],
      [0.997805885, -0.498447504],
    ]);
  });

  it('Adam (paper form): p -= lr·m̂/(sqrt(v̂) + 1e-8) with bias-corrected m̂, v̂', () => {
    // t = 1: m̂ = g, v̂ = g² → p[0] = 1 - 0.001·0.5/(0.5 + 1e-8) = 0.999000000
    expectSteps(threeSteps(kind, 'Adam', { form: 'paper' }), [
      [0.999, -0.499],
      [0.998101425, -0.498654394],
      [0.997805872, -0.498447499],
    ]);
  });

  it('Adam forms differ where ε matters: g = 1e-6 from p = 0', () => {
    // book: lr·sqrt(0.001)·g / (sqrt(0.001)·g + 1e-7) = 2.40253e-4; paper: lr·g/(g + 1e-8) = 9.90099e-4
    const kernels = createKernels(kind);
    const step = (form: 'book' | 'paper'): number => {
      const p = createParam(kernels, 'w', [1]);
      p.grad[0] = 1e-6;
      createOptimizer('Adam', { form, kernels }).step([p]);
      return p.value[0];
    };
    expect(step('book') / -2.4025307e-4).toBeCloseTo(1, 5);
    expect(step('paper') / -9.9009901e-4).toBeCloseTo(1, 5);
  });
});

describe('createOptimizer', () => {
  it('uses the book defaults', () => {
    expect(createOptimizer('SGD').lr).toBe(0.01);
    expect(createOptimizer('Adam').lr).toBe(0.001);
    expect(createOptimizer('Momentum')).toMatchObject({ lr: 0.01, momentum: 0.9 });
    expect(createOptimizer('RMSprop')).toMatchObject({ lr: 0.01, decay: 0.99 });
    expect(createOptimizer('Adam')).toMatchObject({ beta1: 0.9, beta2: 0.999, eps: 1e-7, form: 'book' });
    expect(createOptimizer('Adam', { form: 'paper' })).toMatchObject({ eps: 1e-8 });
  });

  it('rejects unknown names and out-of-range hyperparameters', () => {
    expect(() => createOptimizer('Adadelta' as OptimizerName)).toThrow(/unknown optimizer/);
    expect(() => createOptimizer('SGD', { lr: -1 })).toThrow(RangeError);
    expect(() => createOptimizer('Momentum', { momentum: 1 })).toThrow(RangeError);
    expect(() => createOptimizer('SGD', { lr: Number.NaN })).toThrow(RangeError);
  });

  it('keeps separate state per parameter, created on its first step', () => {
    const kernels = createKernels('ts');
    const a = createParam(kernels, 'a', [1]);
    const b = createParam(kernels, 'b', [1]);
    const opt = createOptimizer('Momentum', { kernels });
    a.grad[0] = 1;
    opt.step([a]); // v_a = -0.01
    b.grad[0] = 1;
    opt.step([a, b]); // v_a = -0.019, v_b = -0.01
    expect(a.value[0]).toBeCloseTo(-0.029, 7);
    expect(b.value[0]).toBeCloseTo(-0.01, 7);
  });
});

describe('the engine on the 2-D bowl', () => {
  it("follows the shared scalar bowlPath for all six optimizers at the page's rates, within float32", () => {
    // f(x, y) = x²/20 + y² from (-7, 2), 30 positions each recorded before its update; x and y are
    // two 1-element float32 params, the page's bowlPath is float64.
    for (const kind of KINDS) {
      for (const name of OPTIMIZERS) {
        const kernels = createKernels(kind);
        const px = createParam(kernels, 'x', [1]);
        const py = createParam(kernels, 'y', [1]);
        px.value[0] = -7;
        py.value[0] = 2;
        const optimizer = createOptimizer(name, { lr: PATH_LR[name], kernels });
        const expected = bowlPath(name, { lr: PATH_LR[name] }, [-7, 2], 30);
        expect(expected).toHaveLength(30);
        for (const [step, point] of expected.entries()) {
          expect(Math.abs(px.value[0] - point.x), `${kind} ${name} x at step ${step}`).toBeLessThan(1e-4);
          expect(Math.abs(py.value[0] - point.y), `${kind} ${name} y at step ${step}`).toBeLessThan(1e-4);
          [px.grad[0], py.grad[0]] = bowlGradient(px.value[0], py.value[0]);
          optimizer.step([px, py]);
        }
      }
    }
  });
});
