import { describe, it, expect } from 'vitest';
import { EXPERIMENT_LIST, EXPERIMENTS } from '../experiments/catalog.ts';
import { LANGS } from '../i18n/text.ts';
import { problemLine, problemText, type Problem } from './problems.ts';
import { defaultsOf, isRelevant, type ParamValues } from './spec.ts';
import { parseParamText, validateParams } from './validate.ts';

const lines = (result: ReturnType<typeof validateParams>): string[] => (result.ok ? [] : result.problems.map((p) => problemLine(p)));
const parsed = (result: ReturnType<typeof parseParamText>) => (result.ok ? result.value : result.problem);

describe('experiment parameters', () => {
  it('every experiment accepts its own defaults and plans at least one run from them', () => {
    for (const experiment of EXPERIMENT_LIST) {
      const result = validateParams(experiment.params, {}, experiment.check);
      expect(result.ok, experiment.id).toBe(true);
      if (!result.ok) continue;
      expect(experiment.plan(result.value, 1).length, experiment.id).toBeGreaterThan(0);
      for (const spec of experiment.params) {
        for (const lang of LANGS)
          expect(spec.label[lang].length * spec.help[lang].length, `${experiment.id}.${spec.name} in ${lang}`).toBeGreaterThan(0);
        if (spec.kind === 'choice' || spec.kind === 'choice-list') {
          for (const option of spec.options)
            for (const lang of LANGS) expect(option.label[lang].length, `${spec.name}=${option.value} in ${lang}`).toBeGreaterThan(0);
        }
        // A knob that depends on another names one of the same experiment.
        if (spec.relevantWhen)
          expect(
            experiment.params.some((p) => p.name === spec.relevantWhen!.param),
            `${spec.name} depends on a known knob`,
          ).toBe(true);
      }
    }
  });

  it('keeps the book’s defaults', () => {
    const d = (id: keyof typeof EXPERIMENTS) => defaultsOf(EXPERIMENTS[id].params);
    expect(d('optimizer-compare')).toMatchObject({
      iterations: 2000,
      batchSize: 128,
      hiddenSizes: [100, 100, 100, 100],
      optimizers: ['SGD', 'Momentum', 'AdaGrad', 'Adam'],
      lrSGD: 0.01,
      lrAdam: 0.001,
    });
    expect(d('optimizer-paths')).toMatchObject({
      lrSGD: 0.95,
      lrMomentum: 0.1,
      lrAdaGrad: 1.5,
      lrAdam: 0.3,
      startX: -7,
      startY: 2,
      steps: 30,
    });
    expect(d('batchnorm-compare')).toMatchObject({ scales: 16, trainSize: 1000, epochs: 20, batchSize: 100, lr: 0.01 });
    expect(d('overfit-weight-decay')).toMatchObject({ lambdas: [0, 0.1], trainSize: 300, epochs: 201, batchSize: 100 });
    expect(d('dropout')).toMatchObject({ dropoutRatio: 0.2, epochs: 301, trainSize: 300 });
    expect(d('hyperparameter-search')).toMatchObject({
      trials: 100,
      epochs: 50,
      trainSize: 500,
      validationRate: 0.2,
      lrMinExp: -6,
      lrMaxExp: -2,
      weightDecayMinExp: -8,
      weightDecayMaxExp: -4,
    });
  });

  it('reports every problem at once: unknown names, wrong types and out-of-range values', () => {
    const spec = EXPERIMENTS['optimizer-compare'];
    const result = validateParams(spec.params, { lrSGD: 0, hiddenSizes: [100, 0, 5000], batchSize: 'big', bogus: 1 }, spec.check);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => [p.field, p.code])).toEqual([
      ['bogus', 'unknown-param'],
      ['lrSGD', 'not-above-min'],
      ['batchSize', 'not-a-number'],
      ['hiddenSizes', 'below-min'],
    ]);
    expect(lines(result)).toEqual([
      expect.stringMatching(/^bogus: Unknown parameter \(known: optimizers, lrSGD/),
      'lrSGD: Must be greater than 0 (got 0).',
      'batchSize: Enter a number (got "big").',
      'hiddenSizes: Value 2: Must be at least 1 (got 0).',
    ]);
    expect(problemText(result.problems[3], 'ko')).toBe('2번째 값: 1 이상이어야 합니다.');
  });

  it('rejects a hidden layer over 4096 units and a batch larger than the training set', () => {
    const overfit = EXPERIMENTS['overfit-weight-decay'];
    const tooWide = validateParams(overfit.params, { hiddenSizes: [5000] }, overfit.check);
    expect(lines(tooWide)).toEqual(['hiddenSizes: Value 1: Must be at most 4096 (got 5000).']);
    const tooBig = validateParams(overfit.params, { batchSize: 301 }, overfit.check);
    expect(lines(tooBig)).toEqual(['batchSize: The batch (301) is larger than the training set (300 samples).']);
    const [problem] = overfit.check!({ ...defaultsOf(overfit.params), batchSize: 301 });
    expect(problem).toEqual({ field: 'batchSize', code: 'batch-larger-than-train', params: { batch: 301, train: 300, split: false } });
    expect(problemText(problem, 'ko')).toBe('미니배치(301)가 훈련 데이터(300개)보다 큽니다.');
  });

  it('parses command-line text by the parameter’s type', () => {
    const spec = (id: keyof typeof EXPERIMENTS, name: string) => EXPERIMENTS[id].params.find((s) => s.name === name)!;
    const hidden = spec('overfit-weight-decay', 'hiddenSizes');
    expect(parsed(parseParamText(hidden, '100*6'))).toEqual([100, 100, 100, 100, 100, 100]);
    expect(parsed(parseParamText(hidden, '[100]*6'))).toEqual([100, 100, 100, 100, 100, 100]);
    expect(parsed(parseParamText(hidden, '50,20'))).toEqual([50, 20]);
    expect(parsed(parseParamText(spec('optimizer-compare', 'optimizers'), 'sgd,adam'))).toEqual(['SGD', 'Adam']);
    expect(parsed(parseParamText(spec('dropout', 'compareWithout'), 'yes'))).toBe(true);
    expect(parsed(parseParamText(spec('optimizer-compare', 'lrSGD'), ''))).toBeNaN();
    // Decimal only: hex, binary or octal text is not a number a student meant.
    expect(parsed(parseParamText(spec('optimizer-compare', 'iterations'), '0x10'))).toBeNaN();
    expect(parsed(parseParamText(spec('optimizer-compare', 'iterations'), '1e3'))).toBe(1000);
  });

  it('checks a repeated list’s length before it is expanded', () => {
    const hidden = EXPERIMENTS['overfit-weight-decay'].params.find((s) => s.name === 'hiddenSizes')!;
    const huge = parseParamText(hidden, '1*100000000');
    expect(huge.ok).toBe(false);
    if (!huge.ok)
      expect(problemLine(huge.problem)).toBe(
        'hiddenSizes: Enter 1–20 values separated by commas (e.g. 100,100,100,100,100,100) (got 100000000).',
      );
    expect(parseParamText(hidden, '100*99999999999').ok).toBe(false);
    expect(parseParamText(hidden, Array.from({ length: 21 }, () => '5').join(',')).ok).toBe(false);
  });

  it('names a key such as __proto__ instead of dropping it', () => {
    const input = JSON.parse('{"__proto__": 1, "epochs": 3}') as Record<string, unknown>;
    const result = validateParams(EXPERIMENTS.dropout.params, input);
    expect(result.ok ? [] : result.problems.map((p: Problem) => [p.field, p.code])).toEqual([['__proto__', 'unknown-param']]);
  });

  it('refuses a parameters value that is not an object', () => {
    const result = validateParams(EXPERIMENTS.dropout.params, [1, 2]);
    expect(lines(result)).toEqual(['Parameters must be an object of name → value (got a list).']);
  });

  it('says when a knob matters: a learning rate only with its optimizer, a std only with its init', () => {
    const spec = (id: keyof typeof EXPERIMENTS, name: string) => EXPERIMENTS[id].params.find((s) => s.name === name)!;
    expect(isRelevant(spec('optimizer-compare', 'lrAdam'), { optimizers: ['SGD', 'Adam'] })).toBe(true);
    expect(isRelevant(spec('optimizer-compare', 'lrRMSprop'), { optimizers: ['SGD', 'Adam'] })).toBe(false);
    expect(isRelevant(spec('weight-init-compare', 'weightStd'), { inits: ['Xavier'] })).toBe(false);
    expect(isRelevant(spec('gradient-check', 'weightStd'), { weightInit: 'std' })).toBe(true);
    expect(isRelevant(spec('gradient-check', 'dropoutRatio'), { dropout: false })).toBe(false);
    expect(isRelevant(spec('optimizer-compare', 'iterations'), {})).toBe(true);
  });
});

describe('experiment plans', () => {
  it('names runs as scripts and the UI expect', () => {
    const plan = (id: keyof typeof EXPERIMENTS, params = {}) => {
      const result = validateParams(EXPERIMENTS[id].params, params, EXPERIMENTS[id].check);
      if (!result.ok) throw new Error(lines(result).join('; '));
      return EXPERIMENTS[id].plan(result.value, 7);
    };
    expect(plan('optimizer-compare').map((r) => r.label)).toEqual(['SGD', 'Momentum', 'AdaGrad', 'Adam']);
    expect(plan('weight-init-compare').map((r) => r.label)).toEqual(['std=0.01', 'Xavier', 'He']);
    expect(plan('overfit-weight-decay').map((r) => r.label)).toEqual(['λ=0', 'λ=0.1']);
    const bn = plan('batchnorm-compare');
    expect(bn).toHaveLength(32);
    expect(bn.map((r) => r.label)).toContain('BN · w=0.0136'); // np.logspace(0, -4, 16)[7];
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
      'activation-histograms': [
        { samples: 100_000, nodes: 4096 },
        { samples: 20_001, nodes: 1000 },
      ],
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
          expect(
            experiment.params.some((p) => p.name === problem.field),
            `${problem.field} is a field of ${experiment.id}`,
          ).toBe(true);
          for (const lang of LANGS) expect(problemText(problem, lang).length).toBeGreaterThan(0);
        }
      }
    }
    // Just inside the limits: no problem.
    expect(EXPERIMENTS['gradient-check'].check!({ ...defaultsOf(EXPERIMENTS['gradient-check'].params), hiddenSizes: [251] })).toEqual([]);
    expect(
      EXPERIMENTS['hyperparameter-search'].check!({
        ...defaultsOf(EXPERIMENTS['hyperparameter-search'].params),
        validationRate: 0.9,
        batchSize: 50,
      }),
    ).toEqual([]);
  });
});
