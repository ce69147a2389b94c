// Batch normalization across weight scales (the book's batch_norm_test.py): for each weight std of
// np.logspace(0, -4, 16), a network with BatchNorm and one without, on the first 1000 images;
// an epoch is 1000 / 100 = 10 iterations, 20 epochs.
import { describe, expect, it } from 'vitest';
import { problemText } from '../params/problems.ts';
import { logspace, scaleLabel } from './batchnorm-compare.ts';
import { specUnderTest } from './spec-test-helpers.ts';

const { spec, valid, problemsOf } = specUnderTest('batchnorm-compare');

describe('batchnorm-compare spec', () => {
  it('gives np.logspace(0, -4, n): from 1 down to 0.0001, evenly spaced in log10', () => {
    expect(logspace(0, -4, 5).map((w) => +w.toPrecision(12))).toEqual([1, 0.1, 0.01, 0.001, 0.0001]);
    const sixteen = logspace(0, -4, 16);
    expect(sixteen).toHaveLength(16);
    expect(sixteen[0]).toBe(1);
    expect(sixteen[15]).toBeCloseTo(1e-4, 15);
    // np.logspace(0, -4, 16)[1] = 10^(-4/15) = 0.5411695265…
    expect(sixteen[1]).toBeCloseTo(0.5411695265, 9);
    expect(logspace(0, -4, 1)).toEqual([1]); // numpy: array([1.])
  });

  it('plans a BatchNorm network and a plain one per scale, BN first, both SGD with the one rate', () => {
    const plan = spec.plan(valid({ scales: 3, lr: 0.05 }), 1);
    expect(plan.map((r) => r.label)).toEqual([
      'BN · w=1',
      'plain · w=1',
      'BN · w=0.01',
      'plain · w=0.01',
      'BN · w=0.0001',
      'plain · w=0.0001',
    ]);
    expect(plan[0].params).toEqual({ batchnorm: true, init: 'std', weightScale: 1, optimizer: 'SGD', lr: 0.05 });
    expect(plan[1].params).toEqual({ batchnorm: false, init: 'std', weightScale: 1, optimizer: 'SGD', lr: 0.05 });
    expect(plan[4].params.weightScale).toBeCloseTo(1e-4, 15);
  });

  it("plans the book's 16 × 2 networks by default, labelled with 3 significant digits", () => {
    const plan = spec.plan(valid(), 1);
    expect(plan).toHaveLength(32);
    expect(plan[2].label).toBe('BN · w=0.541');
    expect(new Set(plan.map((r) => r.label)).size).toBe(32);
    expect(scaleLabel(0.0013593563908785257)).toBe('w=0.00136');
    expect(spec.plan(valid(), 1)).toEqual(spec.plan(valid(), 5));
  });

  it('counts (epochs − 1)·⌈trainSize/batch⌉ + 1 updates: accuracy is recorded after each epoch’s first update', () => {
    const params = valid();
    const [run] = spec.plan(params, 1);
    expect(spec.units(params, run)).toBe(19 * 10 + 1); // 20 epochs of 1000/100 = 10 iterations
    const odd = valid({ trainSize: 1000, batchSize: 300, epochs: 3 }); // ⌈1000/300⌉ = 4
    expect(spec.units(odd, run)).toBe(2 * 4 + 1);
    expect(spec.units(valid({ epochs: 1 }), run)).toBe(1);
  });

  it('accepts a batch as large as the training set and refuses one sample more, under batchSize', () => {
    expect(problemsOf({ trainSize: 100, batchSize: 100 })).toEqual([]);
    const over = problemsOf({ trainSize: 100, batchSize: 101 });
    expect(over).toEqual([{ field: 'batchSize', code: 'batch-larger-than-train', params: { batch: 101, train: 100, split: false } }]);
    expect(problemText(over[0], 'en')).toBe('The batch (101) is larger than the training set (100 samples).');
    expect(problemText(over[0], 'ko')).toBe('미니배치(101)가 훈련 데이터(100개)보다 큽니다.');
    // The default batch of 100 against a shrunk training set.
    expect(problemsOf({ trainSize: 99 }).map((p) => [p.field, p.code])).toEqual([['batchSize', 'batch-larger-than-train']]);
  });

  it('calls a plain network diverging at a large weight scale the expected outcome, and nothing else', () => {
    const ending = (batchnorm: boolean, weightScale: number, status = 'diverged') =>
      spec.expectedEnding!({ params: { batchnorm, weightScale }, status });
    expect(ending(false, 1)?.en).toMatch(/^Expected: without BatchNorm/);
    expect(ending(false, 0.541)).not.toBeNull();
    expect(ending(true, 1)).toBeNull(); // a BN network diverging is a problem
    expect(ending(false, 0.01)).toBeNull();
    expect(ending(false, 1, 'failed')).toBeNull();
    expect(ending(false, 1, 'done')).toBeNull();
  });
});
