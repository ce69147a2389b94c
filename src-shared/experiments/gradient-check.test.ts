// The gradient check (the book's gradient_check.py on a MultiLayerNetExtend): one small network,
// backprop against central differences, with a cap on the weights to differentiate numerically.
import { describe, expect, it } from 'vitest';
import { LANGS } from '../i18n/text.ts';
import { problemText } from '../params/problems.ts';
import { gradientVerdict, MAX_CHECKED_WEIGHTS } from './gradient-check.ts';
import { specUnderTest } from './spec-test-helpers.ts';

const { spec, valid, problemsOf } = specUnderTest('gradient-check');

describe('gradient-check spec', () => {
  it('checks on MNIST and records finals only, no curves', () => {
    expect(spec.usesMnist).toBe(true);
    expect(spec.curves).toEqual({});
  });

  it('checks a BatchNorm network on 10 samples by default: one sample would prove nothing for BN', () => {
    expect(valid()).toMatchObject({ samples: 10, batchnorm: true, dropout: false, hiddenSizes: [10, 10] });
    expect(problemsOf({ samples: 2 })).toEqual([]);
    expect(problemsOf({ samples: 1 }).map((p) => [p.field, p.code])).toEqual([['samples', 'below-min']]);
  });

  it('plans one network, named by what it checks', () => {
    expect(spec.plan(valid(), 1)).toEqual([{ label: 'BN', params: { batchnorm: true, dropoutRatio: 0, weightDecay: 0, init: 'he' } }]);
    expect(spec.plan(valid({ batchnorm: false }), 1).map((r) => r.label)).toEqual(['plain']);
    expect(spec.plan(valid({ dropout: true, dropoutRatio: 0.3 }), 1)).toEqual([
      { label: 'BN · dropout', params: { batchnorm: true, dropoutRatio: 0.3, weightDecay: 0, init: 'he' } },
    ]);
    expect(spec.plan(valid({ batchnorm: false, dropout: true, weightInit: 'std', weightDecay: 0.5 }), 1)).toEqual([
      { label: 'plain · dropout', params: { batchnorm: false, dropoutRatio: 0.2, weightDecay: 0.5, init: 'std' } },
    ]);
  });

  it('ignores the dropout ratio while dropout is off', () => {
    const [run] = spec.plan(valid({ dropout: false, dropoutRatio: 0.7 }), 1);
    expect(run.params.dropoutRatio).toBe(0);
  });

  it('counts one check per run', () => {
    const params = valid();
    expect(spec.units(params, spec.plan(params, 1)[0])).toBe(1);
  });

  it('accepts up to 200,000 weights and refuses more, under hiddenSizes, naming the count', () => {
    expect(MAX_CHECKED_WEIGHTS).toBe(200_000);
    // The output layer counts too: 784 · 251 + 251 · 10 = 199,294 inside; 784 · 252 + 252 · 10 = 200,088 outside.
    expect(problemsOf({ hiddenSizes: [251] })).toEqual([]);
    const [over] = problemsOf({ hiddenSizes: [252] });
    expect(over).toEqual({ field: 'hiddenSizes', code: 'too-many-weights', params: { weights: 200_088, limit: 200_000 } });
    for (const lang of LANGS) {
      expect(problemText(over, lang)).toContain('200,088');
      expect(problemText(over, lang)).toContain('200,000');
    }
    expect(problemText(over, 'en')).toBe('200,088 weights is too large for a numerical gradient check (keep it under 200,000).');
    // Every layer counts: 784 · 100 + 100 · 1200 + 1200 · 10 = 210,400.
    expect(problemsOf({ hiddenSizes: [100, 1100] })).toEqual([]); // 78,400 + 110,000 + 11,000 = 199,400
    expect(problemsOf({ hiddenSizes: [100, 1200] })[0].params.weights).toBe(210_400);
  });

  it('gives a verdict per parameter: relative error under 1e-5 passes, a zero gradient has nothing to check', () => {
    const final = (rel: number, grad: number, bgrad: number) => ({ 'rel:W1': rel, 'grad:W1': grad, 'bgrad:W1': bgrad });
    expect(gradientVerdict(final(3e-7, 0.8, 0.8), 'W1')).toBe('pass');
    expect(gradientVerdict(final(1 / 3, 0.8, 1.6), 'W1')).toBe('fail'); // a lost factor 2
    expect(gradientVerdict(final(2e-5, 0.8, 0.8), 'W1')).toBe('fail');
    expect(gradientVerdict(final(1, 4e-12, 1e-8), 'W1')).toBe('zero'); // a bias right before BN
    expect(gradientVerdict(final(1, 4e-12, 0.01), 'W1')).toBe('fail'); // backprop finds a gradient that is not there
    expect(gradientVerdict({ 'diff:W1': 1e-7, 'grad:W1': 0.8 }, 'W1')).toBe('unknown'); // stored before the verdict
  });
});
