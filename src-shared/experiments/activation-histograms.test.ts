// Weight scale vs activation distributions (the book's weight_init_activation_histogram.py): one
// histogram set per preset (activation × weight scale, the book's figures 6-10 to 6-14), within a
// budget of samples × units.
import { describe, expect, it } from 'vitest';
import { LANGS } from '../i18n/text.ts';
import { problemText } from '../params/problems.ts';
import { MAX_HISTOGRAM_VALUES } from './activation-histograms.ts';
import { specUnderTest } from './spec-test-helpers.ts';

const { spec, valid, problemsOf } = specUnderTest('activation-histograms');

describe('activation-histograms spec', () => {
  it('needs no MNIST and declares one binned curve for every layer a run may have (up to 10)', () => {
    expect(spec.usesMnist).toBe(false);
    expect(spec.curves).toEqual(Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`layer${i + 1}`, 'bin'])));
    expect(spec.params.find((p) => p.name === 'layers')).toMatchObject({ max: 10 });
  });

  it("keeps the book's setup by default: 1000 samples, 100 units, 5 layers, 30 bins over (0, 1)", () => {
    expect(valid()).toMatchObject({ samples: 1000, nodes: 100, layers: 5, bins: 30, range: 'book' });
  });

  it("plans the book's seven figures: sigmoid × {1, 0.01, Xavier}, tanh × Xavier, ReLU × {0.01, Xavier, He}", () => {
    const plan = spec.plan(valid(), 1);
    expect(plan.map((r) => [r.params.activation, r.params.init, r.params.weightScale])).toEqual([
      ['sigmoid', 'std', 1],
      ['sigmoid', 'std', 0.01],
      ['sigmoid', 'xavier', undefined],
      ['tanh', 'xavier', undefined],
      ['relu', 'std', 0.01],
      ['relu', 'xavier', undefined],
      ['relu', 'he', undefined],
    ]);
    expect(plan.map((r) => r.label)).toEqual([
      'Sigmoid · std 1',
      'Sigmoid · std 0.01',
      'Sigmoid · Xavier',
      'tanh · Xavier',
      'ReLU · std 0.01',
      'ReLU · Xavier',
      'ReLU · He',
    ]);
  });

  it('plans only the chosen presets, in the order chosen; a weight scale only for a fixed std', () => {
    const plan = spec.plan(valid({ presets: ['relu-he', 'sigmoid-0.01'] }), 1);
    expect(plan).toEqual([
      { label: 'ReLU · He', params: { preset: 'relu-he', activation: 'relu', init: 'he' } },
      { label: 'Sigmoid · std 0.01', params: { preset: 'sigmoid-0.01', activation: 'sigmoid', init: 'std', weightScale: 0.01 } },
    ]);
    expect(Object.hasOwn(plan[0].params, 'weightScale')).toBe(false);
    expect(spec.plan(valid(), 1)).toEqual(spec.plan(valid(), 2));
  });

  it('counts one unit per layer', () => {
    const params = valid({ layers: 7 });
    for (const run of spec.plan(params, 1)) expect(spec.units(params, run)).toBe(7);
  });

  it('accepts samples × units up to 20,000,000 and refuses one more row beyond, under samples', () => {
    expect(MAX_HISTOGRAM_VALUES).toBe(20_000_000);
    expect(problemsOf({ samples: 20_000, nodes: 1000 })).toEqual([]); // exactly 2·10^7
    expect(problemsOf({ samples: 100_000, nodes: 200 })).toEqual([]); // exactly 2·10^7
    const over = problemsOf({ samples: 20_001, nodes: 1000 });
    expect(over).toEqual([{ field: 'samples', code: 'too-many-inputs', params: { limit: 20_000_000 } }]);
    expect(problemsOf({ samples: 100_000, nodes: 201 }).map((p) => [p.field, p.code])).toEqual([['samples', 'too-many-inputs']]);
    for (const lang of LANGS) expect(problemText(over[0], lang)).toContain('20,000,000');
    expect(problemText(over[0], 'ko')).toMatch(/입력 표본 수 × 층당 노드 수/);
    expect(problemText(over[0], 'en')).toMatch(/^Samples × units per layer/);
  });

  it('runs its check only once every value is in range', () => {
    // 200,000 samples is out of range on its own: that problem, not the product.
    expect(problemsOf({ samples: 200_000, nodes: 4096 }).map((p) => [p.field, p.code])).toEqual([['samples', 'above-max']]);
  });
});
