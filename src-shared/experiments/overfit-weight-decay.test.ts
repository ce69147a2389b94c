// Overfitting and weight decay (the book's overfit_weight_decay.py): 300 training images, a 7-layer
// network, 201 epochs of 300/100 = 3 iterations, one network per λ (the book: 0 and 0.1).
import { describe, expect, it } from 'vitest';
import { LANGS } from '../i18n/text.ts';
import { problemText } from '../params/problems.ts';
import { specUnderTest } from './spec-test-helpers.ts';

const { spec, valid, problemsOf } = specUnderTest('overfit-weight-decay');

describe('overfit-weight-decay spec', () => {
  it('records the loss every iteration and train and test accuracy every epoch', () => {
    expect(spec.curves).toEqual({ loss: 'iteration', trainAcc: 'epoch', testAcc: 'epoch' });
    expect(spec.usesMnist).toBe(true);
  });

  it('plans one SGD network with He init per λ, named by its λ', () => {
    expect(spec.plan(valid(), 1)).toEqual([
      { label: 'λ=0', params: { weightDecay: 0, optimizer: 'SGD', lr: 0.01, init: 'he' } },
      { label: 'λ=0.1', params: { weightDecay: 0.1, optimizer: 'SGD', lr: 0.01, init: 'he' } },
    ]);
    const plan = spec.plan(valid({ lambdas: [0.3, 0.001, 2], lr: 0.02 }), 1);
    expect(plan.map((r) => [r.label, r.params.weightDecay, r.params.lr])).toEqual([
      ['λ=0.3', 0.3, 0.02],
      ['λ=0.001', 0.001, 0.02],
      ['λ=2', 2, 0.02],
    ]);
    expect(spec.plan(valid(), 1)).toEqual(spec.plan(valid(), 42));
  });

  it("counts 200·3 + 1 updates for the book's 201 epochs", () => {
    const params = valid();
    for (const run of spec.plan(params, 1)) expect(spec.units(params, run)).toBe(601);
    expect(spec.units(valid({ trainSize: 250, batchSize: 100, epochs: 11 }), spec.plan(params, 1)[0])).toBe(10 * 3 + 1); // ⌈2.5⌉ = 3
  });

  it('accepts a batch as large as the training set and refuses one sample more, under batchSize', () => {
    expect(problemsOf({ batchSize: 300 })).toEqual([]);
    const [over] = problemsOf({ batchSize: 301 });
    expect(over).toEqual({ field: 'batchSize', code: 'batch-larger-than-train', params: { batch: 301, train: 300, split: false } });
    expect(problemText(over, 'en')).toBe('The batch (301) is larger than the training set (300 samples).');
    expect(problemText(over, 'ko')).toBe('미니배치(301)가 훈련 데이터(300개)보다 큽니다.');
    expect(problemsOf({ trainSize: 40_000, batchSize: 40_000 })).toEqual([]);
    for (const lang of LANGS) expect(problemText(problemsOf({ trainSize: 10_000, batchSize: 20_000 })[0], lang)).toMatch(/20,000.*10,000/);
  });

  it('takes 1 to 12 λ values, each from 0 to 100', () => {
    expect(problemsOf({ lambdas: [0] })).toEqual([]);
    expect(problemsOf({ lambdas: Array(12).fill(0.1) })).toEqual([]);
    expect(problemsOf({ lambdas: Array(13).fill(0.1) }).map((p) => [p.field, p.code])).toEqual([['lambdas', 'list-length']]);
    expect(problemsOf({ lambdas: [0.1, -0.1] }).map((p) => [p.field, p.code, p.params.index])).toEqual([['lambdas', 'below-min', 2]]);
  });
});
