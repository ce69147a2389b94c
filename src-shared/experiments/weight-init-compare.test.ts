// Initial weights on MNIST (the book's weight_init_compare.py): the optimizer comparison's network
// trained with SGD from std=0.01, Xavier and He initial weights.
import { describe, expect, it } from 'vitest';
import { LANGS } from '../i18n/text.ts';
import { problemText } from '../params/problems.ts';
import { specUnderTest } from './spec-test-helpers.ts';

const { spec, valid, problemsOf } = specUnderTest('weight-init-compare');

describe('weight-init-compare spec', () => {
  it("keeps the book's setup: SGD lr 0.01, ReLU, batch 128, 2000 iterations, 784-[100]*4-10", () => {
    expect(valid()).toMatchObject({
      lr: 0.01,
      activation: 'relu',
      batchSize: 128,
      iterations: 2000,
      hiddenSizes: [100, 100, 100, 100],
      weightStd: 0.01,
    });
    expect(spec.curves).toEqual({ loss: 'iteration' });
    expect(spec.usesMnist).toBe(true);
  });

  it('plans std=0.01, Xavier and He networks, all SGD with the one learning rate', () => {
    expect(spec.plan(valid(), 1)).toEqual([
      { label: 'std=0.01', params: { init: 'std', weightScale: 0.01, optimizer: 'SGD', lr: 0.01 } },
      { label: 'Xavier', params: { init: 'xavier', optimizer: 'SGD', lr: 0.01 } },
      { label: 'He', params: { init: 'he', optimizer: 'SGD', lr: 0.01 } },
    ]);
  });

  it('names the std network by its std and gives it as the weight scale; only chosen inits are planned', () => {
    const plan = spec.plan(valid({ inits: ['He', 'std'], weightStd: 0.5, lr: 0.1 }), 1);
    expect(plan.map((r) => r.label)).toEqual(['He', 'std=0.5']);
    expect(plan[1].params).toEqual({ init: 'std', weightScale: 0.5, optimizer: 'SGD', lr: 0.1 });
    // Xavier and He need no scale: the network derives √(1/n), √(2/n) from the fan-in.
    expect(Object.hasOwn(plan[0].params, 'weightScale')).toBe(false);
    expect(spec.plan(valid(), 1)).toEqual(spec.plan(valid(), 99));
  });

  it('counts iterations as its units', () => {
    const params = valid({ iterations: 321 });
    for (const run of spec.plan(params, 1)) expect(spec.units(params, run)).toBe(321);
  });

  it('has no cross-field check, and refuses a std of 0 or no init at all', () => {
    expect(spec.check?.(valid()) ?? []).toEqual([]);
    expect(problemsOf({ weightStd: 100, inits: ['std'] })).toEqual([]);
    const problems = [...problemsOf({ weightStd: 0 }), ...problemsOf({ inits: [] })];
    expect(problems.map((p) => [p.field, p.code])).toEqual([
      ['weightStd', 'not-above-min'],
      ['inits', 'too-few-options'],
    ]);
    for (const p of problems) for (const lang of LANGS) expect(problemText(p, lang).length).toBeGreaterThan(0);
    expect(problemsOf({ inits: ['he'] }).map((p) => [p.field, p.code])).toEqual([['inits', 'unknown-options']]);
  });
});
