// The optimizers on MNIST (the book's optimizer_compare_mnist.py): 784-[100]*4-10, ReLU, He init,
// batch 128, 2000 iterations; one network per optimizer, each with its own learning rate.
import { describe, expect, it } from 'vitest';
import { LANGS } from '../i18n/text.ts';
import { problemText } from '../params/problems.ts';
import { specUnderTest } from './spec-test-helpers.ts';

const { spec, valid, problemsOf } = specUnderTest('optimizer-compare');

describe('optimizer-compare spec', () => {
  it('records the loss of every iteration, on MNIST', () => {
    expect(spec.usesMnist).toBe(true);
    expect(spec.curves).toEqual({ loss: 'iteration' });
  });

  it("plans the book's four networks with common/optimizer.py's default rates and He init", () => {
    const plan = spec.plan(valid(), 1);
    expect(plan).toEqual([
      { label: 'SGD', params: { optimizer: 'SGD', lr: 0.01, init: 'he' } },
      { label: 'Momentum', params: { optimizer: 'Momentum', lr: 0.01, init: 'he' } },
      { label: 'AdaGrad', params: { optimizer: 'AdaGrad', lr: 0.01, init: 'he' } },
      { label: 'Adam', params: { optimizer: 'Adam', lr: 0.001, init: 'he' } },
    ]);
  });

  it('plans one network per chosen optimizer, with its own learning rate', () => {
    const plan = spec.plan(
      valid({ optimizers: ['Adam', 'RMSprop', 'Nesterov'], lrAdam: 0.002, lrRMSprop: 0.05, lrNesterov: 0.03, lrSGD: 7 }),
      1,
    );
    expect(plan.map((r) => [r.label, r.params.optimizer, r.params.lr])).toEqual([
      ['Adam', 'Adam', 0.002],
      ['RMSprop', 'RMSprop', 0.05],
      ['Nesterov', 'Nesterov', 0.03],
    ]);
    expect(spec.plan(valid({ optimizers: ['SGD'] }), 1)).toHaveLength(1);
  });

  it('plans the same networks for every seed (the seed only picks weights and minibatches)', () => {
    expect(spec.plan(valid(), 1)).toEqual(spec.plan(valid(), 2));
  });

  it('counts iterations as its units', () => {
    const params = valid({ iterations: 1234 });
    expect(spec.unit.en).toBe('iterations');
    for (const run of spec.plan(params, 1)) expect(spec.units(params, run)).toBe(1234);
  });

  it('has no cross-field check: any optimizer subset, batch and iteration count in range is accepted', () => {
    expect(spec.check?.(valid()) ?? []).toEqual([]);
    expect(problemsOf({ batchSize: 60_000, iterations: 1, optimizers: ['Adam'] })).toEqual([]);
  });

  it('refuses an empty or repeated choice of optimizers, in both languages', () => {
    const [none] = problemsOf({ optimizers: [] });
    expect([none.field, none.code]).toEqual(['optimizers', 'too-few-options']);
    const [twice] = problemsOf({ optimizers: ['SGD', 'SGD'] });
    expect([twice.field, twice.code]).toEqual(['optimizers', 'duplicate-option']);
    for (const p of [none, twice]) for (const lang of LANGS) expect(problemText(p, lang).length).toBeGreaterThan(0);
    expect(problemText(none, 'en')).toBe('Choose at least one.');
    expect(problemText(none, 'ko')).toBe('하나 이상 고르세요.');
  });

  it('takes any positive learning rate up to 100, never 0', () => {
    expect(problemsOf({ lrAdam: 100, lrSGD: 1e-12 })).toEqual([]);
    expect(problemsOf({ lrAdam: 0 }).map((p) => [p.field, p.code])).toEqual([['lrAdam', 'not-above-min']]);
    expect(problemsOf({ lrMomentum: 100.5 }).map((p) => [p.field, p.code])).toEqual([['lrMomentum', 'above-max']]);
  });
});
