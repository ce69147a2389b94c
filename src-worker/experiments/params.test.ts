import { describe, it, expect } from 'vitest';
import { EXPERIMENT_LIST, EXPERIMENTS } from './catalog.ts';
import { defaultsOf, parseParamText, validateParams, type ParamValues } from './params.ts';

describe('experiment parameters', () => {
  it('every experiment accepts its own defaults and plans at least one run from them', () => {
    for (const experiment of EXPERIMENT_LIST) {
      const result = validateParams(experiment.params, {}, experiment.check);
      expect(result.ok, experiment.id).toBe(true);
      if (!result.ok) continue;
      expect(experiment.plan(result.value, 1).length, experiment.id).toBeGreaterThan(0);
      for (const spec of experiment.params) {
        expect(spec.label.ko.length * spec.label.en.length * spec.help.ko.length * spec.help.en.length, `${experiment.id}.${spec.name}`).toBeGreaterThan(0);
      }
    }
  });

  it('keeps the book’s defaults', () => {
    const d = (id: keyof typeof EXPERIMENTS) => defaultsOf(EXPERIMENTS[id].params);
    expect(d('optimizer-compare')).toMatchObject({ iterations: 2000, batchSize: 128, hiddenSizes: [100, 100, 100, 100], optimizers: ['SGD', 'Momentum', 'AdaGrad', 'Adam'], lrSGD: 0.01, lrAdam: 0.001 });
    expect(d('optimizer-paths')).toMatchObject({ lrSGD: 0.95, lrMomentum: 0.1, lrAdaGrad: 1.5, lrAdam: 0.3, startX: -7, startY: 2, steps: 30 });
    expect(d('batchnorm-compare')).toMatchObject({ scales: 16, trainSize: 1000, epochs: 20, batchSize: 100, lr: 0.01 });
    expect(d('overfit-weight-decay')).toMatchObject({ lambdas: [0, 0.1], trainSize: 300, epochs: 201, batchSize: 100 });
    expect(d('dropout')).toMatchObject({ dropoutRatio: 0.2, epochs: 301, trainSize: 300 });
    expect(d('hyperparameter-search')).toMatchObject({ trials: 100, epochs: 50, trainSize: 500, validationRate: 0.2, lrMinExp: -6, lrMaxExp: -2, weightDecayMinExp: -8, weightDecayMaxExp: -4 });
  });

  it('reports every problem at once: unknown names, wrong types and out-of-range values', () => {
    const spec = EXPERIMENTS['optimizer-compare'];
    const result = validateParams(spec.params, { lrSGD: 0, hiddenSizes: [100, 0, 5000], batchSize: 'big', bogus: 1 }, spec.check);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      expect.stringMatching(/unknown parameter "bogus"/),
      'lrSGD must be greater than 0 (got 0)',
      'batchSize must be a finite number (got "big")',
      'hiddenSizes[2] must be at least 1 (got 0)',
    ]);
  });

  it('rejects a hidden layer over 4096 units and a batch larger than the training set', () => {
    const overfit = EXPERIMENTS['overfit-weight-decay'];
    const tooWide = validateParams(overfit.params, { hiddenSizes: [5000] }, overfit.check);
    expect(tooWide.ok ? [] : tooWide.errors).toEqual(['hiddenSizes[1] must be at most 4096 (got 5000)']);
    const tooBig = validateParams(overfit.params, { batchSize: 301 }, overfit.check);
    expect(tooBig.ok ? [] : tooBig.errors).toEqual(['The batch (301) is larger than the training set (300 samples).']);
    expect(overfit.check!({ ...defaultsOf(overfit.params), batchSize: 301 })).toEqual([
      { field: 'batchSize', text: { ko: '미니배치(301)가 훈련 데이터(300개)보다 큽니다.', en: 'The batch (301) is larger than the training set (300 samples).' } },
    ]);
  });

  it('parses command-line text by the parameter’s type', () => {
    const spec = (id: keyof typeof EXPERIMENTS, name: string) => EXPERIMENTS[id].params.find((s) => s.name === name)!;
    expect(parseParamText(spec('overfit-weight-decay', 'hiddenSizes'), '100*6')).toEqual([100, 100, 100, 100, 100, 100]);
    expect(parseParamText(spec('overfit-weight-decay', 'hiddenSizes'), '50,20')).toEqual([50, 20]);
    expect(parseParamText(spec('optimizer-compare', 'optimizers'), 'sgd,adam')).toEqual(['SGD', 'Adam']);
    expect(parseParamText(spec('dropout', 'compareWithout'), 'yes')).toBe(true);
    expect(parseParamText(spec('optimizer-compare', 'lrSGD'), '')).toBeNaN();
  });

  it('refuses a parameters value that is not an object', () => {
    const result = validateParams(EXPERIMENTS.dropout.params, [1, 2]);
    expect(result.ok ? [] : result.errors).toEqual(['parameters must be an object of name → value (got a list)']);
  });
});

describe('experiment plans', () => {
  it('names runs as scripts and the UI expect', () => {
    const plan = (id: keyof typeof EXPERIMENTS, params = {}) => {
      const result = validateParams(EXPERIMENTS[id].params, params, EXPERIMENTS[id].check);
      if (!result.ok) throw new Error(result.errors.join('; '));
      return EXPERIMENTS[id].plan(result.value, 7);
    };
    expect(plan('optimizer-compare').map((r) => r.label)).toEqual(['SGD', 'Momentum', 'AdaGrad', 'Adam']);
    expect(plan('weight-init-compare').map((r) => r.label)).toEqual(['std=0.01', 'Xavier', 'He']);
    expect(plan('overfit-weight-decay').map((r) => r.label)).toEqual(['λ=0', 'λ=0.1']);
    const bn = plan('batchnorm-compare');
    expect(bn).toHaveLength(32);
    expect(bn.map((r) => r.label)).toContain('BN · w=0.0136') // np.logspace(0, -4, 16)[7];
    expect(bn[0].params).toMatchObject({ batchnorm: true, weightScale: 1 });
    expect(bn[31].params.weightScale).toBeCloseTo(1e-4, 12);
    const search = plan('hyperparameter-search');
    expect(search).toHaveLength(100);
    expect(search[16].label).toBe('trial 17');
    for (const trial of search) {
      expect(trial.params.lr).toBeGreaterThanOrEqual(1e-6);
      expect(trial.params.lr).toBeLessThan(1e-2);
      expect(trial.params.weightDecay).toBeGreaterThanOrEqual(1e-8);
      expect(trial.params.weightDecay).toBeLessThan(1e-4);
    }
    // Deterministic in the seed.
    expect(plan('hyperparameter-search')).toEqual(search);
  });
});

describe('cross-field checks', () => {
  it('name a field of their experiment and speak both languages, around every limit', () => {
    const variations: Record<string, ParamValues[]> = {
      'activation-histograms': [{ samples: 100_000, nodes: 4096 }, { samples: 20_001, nodes: 1000 }],
      'batchnorm-compare': [{ batchSize: 1001 }, { trainSize: 50 }],
      'overfit-weight-decay': [{ batchSize: 301 }],
      dropout: [{ batchSize: 301 }],
      'gradient-check': [{ hiddenSizes: [256] }, { hiddenSizes: [100, 2000] }],
      'hyperparameter-search': [
        { lrMinExp: -1, lrMaxExp: -2 },
        { weightDecayMinExp: 0, weightDecayMaxExp: -1 },
        { validationRate: 0.001 },
        { validationRate: 1 },
        { validationRate: 0.9, batchSize: 51 },
        { trainSize: 1, validationRate: 0.5 },
      ],
    };
    for (const experiment of EXPERIMENT_LIST) {
      expect(experiment.check?.(defaultsOf(experiment.params)) ?? [], `${experiment.id} defaults`).toEqual([]);
      for (const change of variations[experiment.id] ?? []) {
        const problems = experiment.check!({ ...defaultsOf(experiment.params), ...change });
        expect(problems.length, `${experiment.id} ${JSON.stringify(change)}`).toBeGreaterThan(0);
        for (const problem of problems) {
          expect(experiment.params.some((p) => p.name === problem.field), `${problem.field} is a field of ${experiment.id}`).toBe(true);
          expect(problem.text.ko.length * problem.text.en.length).toBeGreaterThan(0);
        }
      }
    }
    // Just inside the limits: no problem.
    expect(EXPERIMENTS['gradient-check'].check!({ ...defaultsOf(EXPERIMENTS['gradient-check'].params), hiddenSizes: [255] })).toEqual([]);
    expect(EXPERIMENTS['hyperparameter-search'].check!({ ...defaultsOf(EXPERIMENTS['hyperparameter-search'].params), validationRate: 0.9, batchSize: 50 })).toEqual([]);
  });
});
