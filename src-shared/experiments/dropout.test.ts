// Dropout against overfitting (the book's overfit_dropout.py): the overfitting setup with dropout
// ratio 0.2 after every hidden activation, 301 epochs; optionally the same network without dropout.
import { describe, expect, it } from 'vitest';
import { problemText } from '../params/problems.ts';
import { specUnderTest } from './spec-test-helpers.ts';

const { spec, valid, problemsOf } = specUnderTest('dropout');

describe('dropout spec', () => {
  it('records the loss every iteration and train and test accuracy every epoch', () => {
    expect(spec.curves).toEqual({ loss: 'iteration', trainAcc: 'epoch', testAcc: 'epoch' });
  });

  it("plans the book's comparison by default (Fig. 6-23): dropout 0.2 and the same network without it, SGD with He init", () => {
    expect(spec.plan(valid(), 1)).toEqual([
      { label: 'dropout 0.2', params: { dropoutRatio: 0.2, optimizer: 'SGD', lr: 0.01, init: 'he' } },
      { label: 'no dropout', params: { dropoutRatio: 0, optimizer: 'SGD', lr: 0.01, init: 'he' } },
    ]);
  });

  it('trains the dropout network alone when the comparison is turned off', () => {
    expect(spec.plan(valid({ compareWithout: false }), 1)).toEqual([
      { label: 'dropout 0.2', params: { dropoutRatio: 0.2, optimizer: 'SGD', lr: 0.01, init: 'he' } },
    ]);
  });

  it('adds a network without dropout (ratio 0) when asked to compare', () => {
    const plan = spec.plan(valid({ compareWithout: true, dropoutRatio: 0.5, lr: 0.03 }), 1);
    expect(plan).toEqual([
      { label: 'dropout 0.5', params: { dropoutRatio: 0.5, optimizer: 'SGD', lr: 0.03, init: 'he' } },
      { label: 'no dropout', params: { dropoutRatio: 0, optimizer: 'SGD', lr: 0.03, init: 'he' } },
    ]);
    expect(spec.plan(valid({ compareWithout: true }), 1)).toEqual(spec.plan(valid({ compareWithout: true }), 2));
  });

  it("counts 300·3 + 1 updates for the book's 301 epochs of 3 iterations", () => {
    const params = valid({ compareWithout: true });
    for (const run of spec.plan(params, 1)) expect(spec.units(params, run)).toBe(901);
  });

  it('keeps the ratio in [0, 0.95] and the batch within the training set', () => {
    expect(problemsOf({ dropoutRatio: 0.95 })).toEqual([]);
    expect(problemsOf({ dropoutRatio: 0 })).toEqual([]);
    expect(problemsOf({ dropoutRatio: 0.96 }).map((p) => [p.field, p.code])).toEqual([['dropoutRatio', 'above-max']]);
    expect(problemsOf({ trainSize: 50, batchSize: 50 })).toEqual([]);
    const [over] = problemsOf({ trainSize: 50, batchSize: 51 });
    expect(over).toEqual({ field: 'batchSize', code: 'batch-larger-than-train', params: { batch: 51, train: 50, split: false } });
    expect(problemText(over, 'en')).toBe('The batch (51) is larger than the training set (50 samples).');
    expect(problemText(over, 'ko')).toBe('미니배치(51)가 훈련 데이터(50개)보다 큽니다.');
  });
});
