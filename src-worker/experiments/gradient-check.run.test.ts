// The gradient check's runner (the book's gradient_check.py): backprop against central
// differences on a small MultiLayerNetExtend, per parameter: `diff:<name>` is the mean |difference|,
// `grad:<name>` the largest |numerical gradient| to read it against.
import { describe, expect, it } from 'vitest';
import { gradientVerdict, RELATIVE_ERROR_LIMIT } from '../../src-shared/experiments/gradient-check.ts';
import { runOne } from './run-harness.ts';

const ID = 'gradient-check';
const SMALL = { samples: 3, hiddenSizes: [6, 5] };
const names = (final: Record<string, number>, prefix: string) =>
  Object.keys(final)
    .filter((k) => k.startsWith(prefix))
    .map((k) => k.slice(prefix.length))
    .sort();

describe('gradient-check runner', () => {
  it('agrees with the numerical gradient for every parameter of a BatchNorm network', () => {
    const { outcome, curves, advanced, spec, params, run } = runOne(ID, SMALL, 1, 0);
    expect(outcome.status).toBe('done');
    expect(curves).toEqual({});
    // The book's names: Affine W/b per layer, BatchNorm gamma/beta per hidden layer.
    const expected = ['W1', 'b1', 'gamma1', 'beta1', 'W2', 'b2', 'gamma2', 'beta2', 'W3', 'b3'].sort();
    expect(names(outcome.final, 'grad:')).toEqual(expected);
    expect(names(outcome.final, 'diff:')).toEqual(expected);
    for (const name of expected) {
      expect(outcome.final[`diff:${name}`], name).toBeGreaterThanOrEqual(0);
      expect(outcome.final[`diff:${name}`], name).toBeLessThan(1e-3);
      expect(Number.isFinite(outcome.final[`grad:${name}`]), name).toBe(true);
    }
    expect(advanced).toBe(spec.units(params, run));
  });

  it('passes every parameter of the default network: float32 backprop within float32 rounding of the float64 numerical gradient', () => {
    // The defaults (10 samples, 10-10 hidden, BN, ReLU, He): the page's first run.
    for (const seed of [1, 2, 3]) {
      const final = runOne(ID, {}, seed).outcome.final;
      const params = names(final, 'diff:');
      expect(params).toHaveLength(10);
      for (const name of params) {
        const verdict = gradientVerdict(final, name);
        if (/^b[12]$/.test(name)) {
          // Right before a BatchNorm: both gradients are 0 up to rounding, nothing to check.
          expect(verdict, name).toBe('zero');
          continue;
        }
        expect(verdict, `${name} rel ${final[`rel:${name}`]}`).toBe('pass');
        expect(final[`rel:${name}`]).toBeLessThan(RELATIVE_ERROR_LIMIT / 5);
        // Mean |difference| at float32's scale (a few 1e-8), no longer the 1e-7/y_t of log(y + 1e-7).
        expect(final[`diff:${name}`], name).toBeLessThan(1e-7);
      }
    }
  });

  it('leaves out the elements whose ±h crosses a ReLU kink, counted, and then passes where the raw comparison failed', () => {
    // Seed 9 of the defaults: 43 elements of W1 move a ReLU input across 0 at θ ± h, where the
    // central difference is the mean of the two slopes; compared with them, W1's relative error
    // was 3.7e-3 ("fail") for a correct backward pass.
    const final = runOne(ID, {}, 9).outcome.final;
    expect(final['kinks:W1']).toBeGreaterThan(0);
    expect(gradientVerdict(final, 'W1'), `rel ${final['rel:W1']}`).toBe('pass');
    for (const name of names(final, 'diff:')) expect(Number.isInteger(final[`kinks:${name}`]), name).toBe(true);
    // The last Affine layer feeds only the softmax: no ReLU input moves when its parameters do.
    expect(final['kinks:W3']).toBe(0);
    expect(final['kinks:b3']).toBe(0);
  });

  it('finds ~0 gradient for a bias right before a BatchNorm, and a real one without BatchNorm', () => {
    // BN subtracts the batch mean: a constant added before it changes nothing.
    const bn = runOne(ID, SMALL).outcome.final;
    expect(bn['grad:b1']).toBeLessThan(1e-6);
    expect(bn['grad:b2']).toBeLessThan(1e-6);
    expect(bn['grad:gamma1']).toBeGreaterThan(1e-4);
    const plain = runOne(ID, { ...SMALL, batchnorm: false }).outcome.final;
    expect(names(plain, 'grad:')).toEqual(['W1', 'W2', 'W3', 'b1', 'b2', 'b3']);
    expect(plain['grad:b1']).toBeGreaterThan(1e-4);
  });

  it('agrees too with dropout (its mask held fixed), weight decay, tanh and a fixed std', () => {
    const { outcome } = runOne(ID, {
      ...SMALL,
      hiddenSizes: [5, 4],
      dropout: true,
      dropoutRatio: 0.3,
      weightDecay: 0.1,
      activation: 'tanh',
      weightInit: 'std',
      weightStd: 0.1,
    });
    expect(outcome.status).toBe('done');
    const params = names(outcome.final, 'diff:');
    expect(params).toHaveLength(10);
    for (const name of params) expect(outcome.final[`diff:${name}`], name).toBeLessThan(1e-3);
  });

  it('replays bit for bit with the same seed and checks other weights with another seed', () => {
    const tiny = { samples: 2, hiddenSizes: [3, 3] };
    const a = runOne(ID, tiny, 4);
    expect(runOne(ID, tiny, 4).outcome).toEqual(a.outcome);
    expect(runOne(ID, tiny, 5).outcome.final['grad:W1']).not.toBe(a.outcome.final['grad:W1']);
  });
});
