// The 2-D bowl's spec (the book's optimizer_compare_naive.py): one path per chosen optimizer, each
// with its own learning rate, from a start point inside the plotted region x ∈ [-10, 10], y ∈ [-5, 5].
import { describe, expect, it } from 'vitest';
import { LANGS } from '../i18n/text.ts';
import { problemText } from '../params/problems.ts';
import { specUnderTest } from './spec-test-helpers.ts';

const { spec, valid, problemsOf } = specUnderTest('optimizer-paths');

describe('optimizer-paths spec', () => {
  it('walks without MNIST and draws x and y per step', () => {
    expect(spec.usesMnist).toBe(false);
    expect(spec.curves).toEqual({ x: 'step', y: 'step' });
    expect(spec.unit.en).toBe('paths');
  });

  it("plans the book's four paths by default, each with the book's rate for the bowl", () => {
    const plan = spec.plan(valid(), 1);
    // SGD 0.95, Momentum 0.1, AdaGrad 1.5, Adam 0.3 (optimizer_compare_naive.py)
    expect(plan).toEqual([
      { label: 'SGD', params: { optimizer: 'SGD', lr: 0.95 } },
      { label: 'Momentum', params: { optimizer: 'Momentum', lr: 0.1 } },
      { label: 'AdaGrad', params: { optimizer: 'AdaGrad', lr: 1.5 } },
      { label: 'Adam', params: { optimizer: 'Adam', lr: 0.3 } },
    ]);
  });

  it('plans one path per chosen optimizer, in the order chosen, with its own learning rate', () => {
    const plan = spec.plan(
      valid({ optimizers: ['RMSprop', 'SGD', 'Nesterov'], lrSGD: 0.5, lrRMSprop: 0.2, lrNesterov: 0.05, lrAdam: 9 }),
      3,
    );
    expect(plan.map((r) => r.label)).toEqual(['RMSprop', 'SGD', 'Nesterov']);
    expect(plan.map((r) => r.params)).toEqual([
      { optimizer: 'RMSprop', lr: 0.2 },
      { optimizer: 'SGD', lr: 0.5 },
      { optimizer: 'Nesterov', lr: 0.05 },
    ]);
  });

  it('does not depend on the seed: the bowl has no randomness', () => {
    expect(spec.plan(valid(), 1)).toEqual(spec.plan(valid(), 987_654));
  });

  it('counts one unit per path, whatever the number of steps', () => {
    const params = valid({ steps: 5000 });
    for (const run of spec.plan(params, 1)) expect(spec.units(params, run)).toBe(1);
  });

  it('keeps the start point inside the plotted region x ∈ [-10, 10], y ∈ [-5, 5]', () => {
    expect(spec.check?.(valid()) ?? []).toEqual([]);
    expect(problemsOf({ startX: -10, startY: 5 })).toEqual([]);
    expect(problemsOf({ startX: 10, startY: -5 })).toEqual([]);
    expect(problemsOf({ startX: 10.01 }).map((p) => [p.field, p.code])).toEqual([['startX', 'above-max']]);
    expect(problemsOf({ startY: -5.01 }).map((p) => [p.field, p.code])).toEqual([['startY', 'below-min']]);
    const [p] = problemsOf({ startY: 5.5 });
    expect(problemText(p, 'en')).toBe('Must be at most 5.');
    expect(problemText(p, 'ko')).toBe('5 이하여야 합니다.');
  });

  it('refuses a learning rate of 0 for a path and 0 steps', () => {
    expect(problemsOf({ lrSGD: 1e-9 })).toEqual([]);
    expect(problemsOf({ lrSGD: 0 }).map((p) => [p.field, p.code])).toEqual([['lrSGD', 'not-above-min']]);
    expect(problemsOf({ steps: 0 }).map((p) => [p.field, p.code])).toEqual([['steps', 'below-min']]);
    const [lr, steps] = problemsOf({ lrAdam: 0, steps: 0 });
    for (const lang of LANGS) {
      expect(problemText(lr, lang)).toMatch(/\b0\b/); // "greater than 0"
      expect(problemText(steps, lang)).toMatch(/\b1\b/); // "at least 1"
    }
  });
});
