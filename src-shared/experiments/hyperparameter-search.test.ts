// Random search with a validation set (the book's hyperparameter_optimization.py): the first 500
// training images shuffled, 20% (100) held out, 400 to train; 100 trials with weight decay
// 10^U(-8, -4) and lr 10^U(-6, -2); batch 100, so an epoch is 4 iterations.
import { describe, expect, it } from 'vitest';
import { LANGS } from '../i18n/text.ts';
import { problemText } from '../params/problems.ts';
import { splitSizes } from './hyperparameter-search.ts';
import { specUnderTest } from './spec-test-helpers.ts';

const { spec, valid, problemsOf } = specUnderTest('hyperparameter-search');
const fieldsAndCodes = (input: Record<string, unknown>) => problemsOf(input).map((p) => [p.field, p.code]);

describe('hyperparameter-search spec', () => {
  it('records validation and training accuracy only: the test set is never used', () => {
    expect(spec.curves).toEqual({ valAcc: 'epoch', trainAcc: 'epoch' });
    expect(Object.keys(spec.curves).some((metric) => /test/i.test(metric))).toBe(false);
  });

  it('holds out ⌊trainSize · rate⌋ samples for validation: 100 of 500 at 20%', () => {
    expect(splitSizes(valid())).toEqual({ validation: 100, train: 400 });
    expect(splitSizes(valid({ trainSize: 101, validationRate: 0.5, batchSize: 50 }))).toEqual({ validation: 50, train: 51 });
  });

  it('plans `trials` SGD trials with He init, weight decay in [1e-8, 1e-4) and lr in [1e-6, 1e-2)', () => {
    const plan = spec.plan(valid(), 11);
    expect(plan).toHaveLength(100);
    expect(plan.map((r) => r.label).slice(0, 3)).toEqual(['trial 1', 'trial 2', 'trial 3']);
    expect(plan[99].label).toBe('trial 100');
    for (const { params } of plan) {
      expect(params).toMatchObject({ optimizer: 'SGD', init: 'he' });
      expect(params.lr).toBeGreaterThanOrEqual(1e-6);
      expect(params.lr).toBeLessThan(1e-2);
      expect(params.weightDecay).toBeGreaterThanOrEqual(1e-8);
      expect(params.weightDecay).toBeLessThan(1e-4);
    }
    // Drawn uniformly in the exponent: about half the lrs fall below 10^-4, the middle of (-6, -2).
    const below = plan.filter((r) => (r.params.lr as number) < 1e-4).length;
    expect(below).toBeGreaterThan(30);
    expect(below).toBeLessThan(70);
  });

  it('draws the same trials for the same seed and other trials for another seed', () => {
    const params = valid({ trials: 20 });
    expect(spec.plan(params, 5)).toEqual(spec.plan(params, 5));
    const other = spec.plan(params, 6);
    expect(other.map((r) => r.params.lr)).not.toEqual(spec.plan(params, 5).map((r) => r.params.lr));
  });

  it('gives exactly 10^e when an exponent range is a single point', () => {
    const plan = spec.plan(valid({ trials: 3, lrMinExp: -3, lrMaxExp: -3, weightDecayMinExp: -5, weightDecayMaxExp: -5 }), 1);
    for (const { params } of plan) {
      expect(params.lr).toBeCloseTo(1e-3, 15);
      expect(params.weightDecay).toBeCloseTo(1e-5, 15);
    }
  });

  it('keeps the draws of one seed when only a range moves (each trial draws both values)', () => {
    const a = spec.plan(valid({ trials: 10 }), 3);
    const b = spec.plan(valid({ trials: 10, lrMinExp: -5, lrMaxExp: -1 }), 3);
    // Same weight decays; every lr moved by the same factor 10 (the same U, shifted by one decade).
    expect(b.map((r) => r.params.weightDecay)).toEqual(a.map((r) => r.params.weightDecay));
    b.forEach((r, i) => expect((r.params.lr as number) / (a[i].params.lr as number)).toBeCloseTo(10, 9));
  });

  it('counts (epochs − 1)·⌈train/batch⌉ + 1 updates on the part left after the split', () => {
    const params = valid();
    expect(spec.units(params, spec.plan(params, 1)[0])).toBe(49 * 4 + 1); // 400 / 100 = 4 per epoch
    const odd = valid({ trainSize: 500, validationRate: 0.5, batchSize: 100, epochs: 3 }); // 250 → ⌈2.5⌉ = 3
    expect(spec.units(odd, spec.plan(odd, 1)[0])).toBe(2 * 3 + 1);
  });

  it('accepts an exponent range of one point and refuses a reversed one, under its max', () => {
    expect(problemsOf({ lrMinExp: -3, lrMaxExp: -3, weightDecayMinExp: -6, weightDecayMaxExp: -6 })).toEqual([]);
    expect(fieldsAndCodes({ lrMinExp: -2.9, lrMaxExp: -3 })).toEqual([['lrMaxExp', 'range-reversed']]);
    expect(fieldsAndCodes({ weightDecayMinExp: -3, weightDecayMaxExp: -3.5 })).toEqual([['weightDecayMaxExp', 'range-reversed']]);
    const [p] = problemsOf({ lrMinExp: 0, lrMaxExp: -1 });
    expect(problemText(p, 'en')).toBe('The max exponent is below the min exponent.');
    expect(problemText(p, 'ko')).toBe('최대 지수가 최소 지수보다 작습니다.');
  });

  it('needs at least one validation sample and one training sample, reported under validationRate', () => {
    // 500 · 0.002 = 1 validation sample: fine; 500 · 0.0019 = 0.95 → none.
    expect(problemsOf({ validationRate: 0.002, batchSize: 100 })).toEqual([]);
    expect(fieldsAndCodes({ validationRate: 0.0019 })).toEqual([['validationRate', 'no-validation-sample']]);
    // The whole set held out: nothing left to train on (and no batch check against 0 samples).
    expect(fieldsAndCodes({ validationRate: 1 })).toEqual([['validationRate', 'no-training-sample']]);
    for (const p of [...problemsOf({ validationRate: 0.0019 }), ...problemsOf({ validationRate: 1 })]) {
      for (const lang of LANGS) expect(problemText(p, lang).length).toBeGreaterThan(0);
    }
    expect(problemText(problemsOf({ validationRate: 1 })[0], 'en')).toBe('This leaves no training sample.');
    expect(problemText(problemsOf({ validationRate: 0.0019 })[0], 'ko')).toBe('검증 데이터가 하나도 남지 않습니다.');
  });

  it('checks the batch against the training samples left after the split, not the whole set', () => {
    expect(problemsOf({ batchSize: 400 })).toEqual([]); // 500 − 100 = 400
    const [over] = problemsOf({ batchSize: 401 });
    expect(over).toEqual({ field: 'batchSize', code: 'batch-larger-than-train', params: { batch: 401, train: 400, split: true } });
    expect(problemText(over, 'en')).toBe('The batch (401) is larger than the training samples left after the validation split (400).');
    expect(problemText(over, 'ko')).toBe('미니배치(401)가 검증 데이터를 뗀 훈련 데이터(400개)보다 큽니다.');
  });

  it('reports every broken range at once', () => {
    expect(fieldsAndCodes({ lrMinExp: 1, lrMaxExp: 0, weightDecayMinExp: 1, weightDecayMaxExp: 0, validationRate: 1 })).toEqual([
      ['lrMaxExp', 'range-reversed'],
      ['weightDecayMaxExp', 'range-reversed'],
      ['validationRate', 'no-training-sample'],
    ]);
  });
});
