import { describe, expect, it } from 'vitest';
import { smoothCurve } from '../../src-shared/smoothing.ts';
import type { Text } from '../../src-shared/i18n/text.ts';
import {
  differingKeys,
  groupByJob,
  groupRuns,
  lastFinite,
  legendParts,
  meanAndStd,
  meanStd,
  orderMetrics,
  paramLabel,
  paramsText,
  runConfig,
  smoothed,
  valueText,
  type RunLike,
} from './compare.ts';
import { finalMetrics, metricAxis, niceTicks, paramAxes, summarize, worthParallel, type PcRun } from './parallel.ts';

const compareJob = { optimizers: ['SGD', 'Adam'], iterations: 2000, lrSGD: 0.01, lrAdam: 0.001, hiddenSizes: [100, 100], batchSize: 100 };

function run(
  id: number,
  jobId: number,
  params: Record<string, unknown>,
  jobParams: Record<string, unknown> = compareJob,
  label = 'Adam',
): RunLike {
  return { id, jobId, experiment: 'optimizer-compare', label, params, jobParams };
}

describe('comparing runs', () => {
  it('a run’s configuration is its job’s settings and its own params, without the alternatives the job lists or the seed', () => {
    const r = run(1, 1, { optimizer: 'Adam', lr: 0.001, init: 'he', repeat: 2, seed: 9 }, { ...compareJob, repeats: 3 });
    expect(runConfig(r)).toEqual({
      experiment: 'optimizer-compare',
      iterations: 2000,
      hiddenSizes: [100, 100],
      batchSize: 100,
      optimizer: 'Adam',
      lr: 0.001,
      init: 'he',
    });
  });

  it('the legend names only the parameters that differ: Adam today against Adam at lr 0.01 yesterday', () => {
    const today = run(11, 2, { optimizer: 'Adam', lr: 0.001, init: 'he' });
    // Yesterday's job compared all four optimizers, with Adam at 0.01: only the lr matters.
    const yesterday = run(
      4,
      1,
      { optimizer: 'Adam', lr: 0.01, init: 'he' },
      { ...compareJob, optimizers: ['SGD', 'Momentum', 'AdaGrad', 'Adam'], lrAdam: 0.01 },
    );
    expect(differingKeys([today, yesterday])).toEqual(['lr']);
    expect(paramsText(today, ['lr'])).toBe('lr=0.001');
    expect(paramsText(yesterday, ['lr'])).toBe('lr=0.01');
    const longer = run(5, 3, { optimizer: 'SGD', lr: 0.01, init: 'he' }, { ...compareJob, iterations: 500 }, 'SGD');
    // The optimizer differs too, but the labels already say it.
    expect(differingKeys([today, yesterday, longer])).toEqual(['lr', 'iterations']);
    expect(differingKeys([today, { ...longer, label: 'baseline' }])).toEqual(['optimizer', 'lr', 'iterations']);
    expect(differingKeys([today])).toEqual([]);
    // The dropout experiment's default ratio is what a run of it without one trained with.
    expect(differingKeys([today, { ...today, experiment: 'dropout', id: 99 }])).toEqual(['dropoutRatio', 'experiment']);
  });

  it('compares effective values: a parameter a run does not carry is its default, not a difference', () => {
    // Issue 10's legend: "SGD · optimizer=SGD · lr=0.01 · init=he · weightScale=— · weightStd=— · activation=— · experiment=…".
    const sgd = run(
      6,
      6,
      { optimizer: 'SGD', lr: 0.01, init: 'he' },
      { optimizers: ['SGD'], lrSGD: 0.01, iterations: 2000, batchSize: 128, hiddenSizes: [100, 100, 100, 100] },
      'SGD',
    );
    const std = {
      ...run(
        7,
        7,
        { init: 'std', weightScale: 0.01, optimizer: 'SGD', lr: 0.01 },
        {
          inits: ['std'],
          weightStd: 0.01,
          activation: 'relu',
          lr: 0.01,
          iterations: 2000,
          batchSize: 128,
          hiddenSizes: [100, 100, 100, 100],
        },
        'std=0.01',
      ),
      experiment: 'weight-init-compare',
    };
    // The optimizer is the same; the weight scale and std only one of them has; ReLU is both's activation.
    expect(differingKeys([sgd, std])).toEqual(['init', 'experiment']);
    // A job stored before a knob existed: the knob's default is what it ran with.
    const old = run(
      8,
      8,
      { optimizer: 'SGD', lr: 0.01, init: 'he' },
      { optimizers: ['SGD'], lrSGD: 0.01, iterations: 2000, hiddenSizes: [100, 100, 100, 100] },
      'SGD',
    );
    expect(differingKeys([sgd, { ...old, id: 9 }])).toEqual([]);
    expect(differingKeys([sgd, { ...old, params: { ...old.params, weightDecay: 0 } }])).toEqual([]);
    expect(differingKeys([sgd, { ...old, params: { ...old.params, weightDecay: 0.1 } }])).toEqual(['weightDecay']);
  });

  it('a legend shows parameters by their words and the experiment by its title, never internal names', () => {
    const sgd = run(6, 6, { optimizer: 'SGD', lr: 0.01, init: 'he' }, { ...compareJob, optimizers: ['SGD'] }, 'SGD');
    const std = {
      ...run(
        7,
        7,
        { init: 'std', weightScale: 0.01, optimizer: 'SGD', lr: 0.1 },
        { inits: ['std'], weightStd: 0.01, lr: 0.1, iterations: 2000, hiddenSizes: [100, 100], batchSize: 100 },
        'std=0.01',
      ),
      experiment: 'weight-init-compare',
    };
    const keys = differingKeys([sgd, std]);
    expect(keys).toEqual(['lr', 'init', 'experiment']);
    const parts = legendParts(std, keys);
    // Their Korean and English words (every language has its own; the i18n walk checks them all).
    const koEn = (text: unknown) => (typeof text === 'object' && text ? { ko: (text as Text).ko, en: (text as Text).en } : text);
    expect(parts.map((part) => koEn(part.label))).toEqual([
      { ko: '학습률', en: 'Learning rate' },
      { ko: '초깃값', en: 'initial weights' },
      { ko: '실험', en: 'experiment' },
    ]);
    expect(parts.map((part) => koEn(part.value))).toEqual([
      '0.1',
      'std',
      { ko: 'MNIST로 본 가중치 초깃값 비교', en: 'Initial weights compared on MNIST' },
    ]);
    expect(koEn(paramLabel('weight-init-compare', 'weightScale'))).toEqual({ ko: '가중치 표준편차', en: 'weight std' });
    expect(koEn(legendParts(run(1, 1, { batchnorm: true }), ['batchnorm'])[0].value)).toEqual({ ko: '예', en: 'yes' });
  });

  it('the run picker groups a page of runs by job, in the order of the list', () => {
    const runs = [
      { id: 5, jobId: 9 },
      { id: 4, jobId: 9 },
      { id: 3, jobId: 7 },
      { id: 6, jobId: 9 },
    ];
    expect(groupByJob(runs).map((g) => [g.jobId, g.runs.map((r) => r.id)])).toEqual([
      [9, [5, 4, 6]],
      [7, [3]],
    ]);
  });

  it('groups runs that differ only by their seed, across jobs, and keeps other configurations apart', () => {
    const a = run(1, 1, { optimizer: 'Adam', lr: 0.001, repeat: 0, seed: 5 });
    const b = run(2, 1, { optimizer: 'Adam', lr: 0.001, repeat: 1, seed: 6 });
    const c = run(3, 2, { optimizer: 'Adam', lr: 0.001 }); // another job, same configuration
    const d = run(4, 2, { optimizer: 'Adam', lr: 0.01 });
    const e = run(5, 3, { optimizer: 'Adam', lr: 0.001 }, compareJob, 'Adam (renamed)');
    expect(groupRuns([a, d, b, c, e]).map((g) => g.runs.map((r) => r.id))).toEqual([[1, 2, 3], [4], [5]]);
  });

  it('mean ± sample std point by point, over curves of different lengths, skipping gaps', () => {
    const band = meanStd([
      [1, 2, 3],
      [3, 4],
      [2, NaN, 5],
    ]);
    expect(band.mean).toEqual([2, 3, 4]);
    expect(band.count).toEqual([3, 2, 2]);
    expect(band.upper[0] - band.mean[0]).toBeCloseTo(1, 12); // std of 1, 3, 2
    expect(band.upper[1] - band.mean[1]).toBeCloseTo(Math.SQRT2, 12);
    expect(band.lower[2]).toBeCloseTo(4 - Math.SQRT2, 12);
    expect(meanStd([[7, 8]])).toEqual({ mean: [7, 8], lower: [7, 8], upper: [7, 8], count: [1, 1] });
    expect(meanAndStd([1, 3, NaN])).toEqual({ mean: 2, std: Math.SQRT2, n: 2 });
  });

  it('smooths like the book, keeps a diverged tail as a gap, and leaves the curve alone for none', () => {
    const values = Array.from({ length: 30 }, (_, i) => Math.sin(i) + i / 10);
    expect(smoothed(values, 'kaiser')).toEqual(smoothCurve(values));
    expect(smoothed(values, 'none')).toEqual(values);
    const diverged = [...values.slice(0, 20), NaN];
    const out = smoothed(diverged, 'ema');
    expect(out).toHaveLength(21);
    expect(out[0]).toBe(values[0]);
    expect(out[20]).toBeNaN();
    expect(lastFinite(out)).toBe(out[19]);
  });

  it('writes values short and orders metrics usefully', () => {
    expect([0.01, 0.000123456, 1e-8, 100, 2.5e7, 0, true, 'He', [100, 100]].map(valueText)).toEqual([
      '0.01',
      '1.23e-4',
      '1e-8',
      '100',
      '2.5e+7',
      '0',
      'true',
      'He',
      '100,100',
    ]);
    expect(orderMetrics(['x', 'trainAcc', 'loss', 'a', 'testAcc'])).toEqual(['loss', 'testAcc', 'trainAcc', 'a', 'x']);
  });
});

describe('parallel coordinates', () => {
  const trial = (id: number, lr: number, weightDecay: number, valAcc: number): PcRun => ({
    id,
    label: `trial ${id}`,
    params: { lr, weightDecay, optimizer: 'SGD', init: 'he' },
    final: { valAcc, trainAcc: valAcc + 0.01 },
    status: 'done',
  });
  const search = [trial(1, 1e-6, 1e-8, 0.1), trial(2, 3e-3, 5e-5, 0.8), trial(3, 1e-2, 1e-4, 0.9), trial(4, 2e-4, 3e-7, 0.3)];

  it('a search gets log axes for lr and weight decay (the constant optimizer and init are left out) and the metric last', () => {
    const axes = paramAxes(search);
    expect(axes.map((a) => [a.key, a.kind])).toEqual([
      ['lr', 'log'],
      ['weightDecay', 'log'],
    ]);
    const lr = axes[0];
    expect(lr.position(1e-6)).toBe(0);
    expect(lr.position(1e-2)).toBe(1);
    expect(lr.position(1e-4)).toBeCloseTo(0.5, 12);
    expect(lr.ticks.map((t) => t.text)).toEqual(['1e-6', '1e-5', '1e-4', '1e-3', '1e-2']);
    // Whole decades around the values: the weight decays 3e-7 … 1e-4 read from 1e-8 (one is 1e-8) to 1e-4.
    expect(axes[1].ticks.map((t) => t.text)).toEqual(['1e-8', '1e-7', '1e-6', '1e-5', '1e-4']);
    expect(lr.position(NaN)).toBeNull();
    expect(finalMetrics(search)).toEqual(['valAcc', 'trainAcc']);
    const metric = metricAxis(search, 'valAcc')!;
    expect(metric.kind).toBe('linear');
    expect(metric.position(0.1)).toBe(0);
    expect(metric.position(0.9)).toBe(1);
    expect(summarize(search, 'valAcc')).toMatchObject({ best: { id: 3 }, worst: { id: 1 }, measured: 4 });
    // A trial cut short by a cancel is not the best, whatever its accuracy part-way.
    const cancelled = { ...trial(5, 1e-3, 1e-6, 0.95), status: 'cancelled' };
    expect(summarize([...search, cancelled], 'valAcc')).toMatchObject({ best: { id: 3 }, measured: 4 });
    expect(worthParallel(search, 4)).toBe(true);
    expect(worthParallel(search)).toBe(false); // fewer than 6 runs
  });

  it('the BN grid gets a log weight-scale axis and a yes/no batchnorm axis', () => {
    const runs: PcRun[] = [1, 0.1, 0.01, 0.001].flatMap((w, i) => [
      {
        id: 2 * i,
        label: `BN · w=${w}`,
        params: { batchnorm: true, init: 'std', weightScale: w, lr: 0.01 },
        final: { trainAcc: 0.9 },
        status: 'done',
      },
      {
        id: 2 * i + 1,
        label: `plain · w=${w}`,
        params: { batchnorm: false, init: 'std', weightScale: w, lr: 0.01 },
        final: { trainAcc: 0.1 * i },
        status: 'done',
      },
    ]);
    const axes = paramAxes(runs);
    expect(axes.map((a) => [a.key, a.kind])).toEqual([
      ['batchnorm', 'category'],
      ['weightScale', 'log'],
    ]);
    expect(axes[0].categories).toEqual(['false', 'true']);
    expect(axes[0].position(true)).toBe(1);
    expect(axes[1].ticks.map((t) => t.text)).toEqual(['1e-3', '1e-2', '1e-1', '1']);
    expect(worthParallel(runs)).toBe(true);
    // Two optimizers over a few seeds: nothing a parallel view would add.
    const repeated: PcRun[] = [0, 1, 2, 3].flatMap((seed) =>
      ['SGD', 'Adam'].map((optimizer, k) => ({
        id: seed * 2 + k,
        label: optimizer,
        params: { optimizer, lr: k ? 0.001 : 0.01, seed, repeat: seed },
        final: { loss: 0.2 + k },
        status: 'done',
      })),
    );
    expect(worthParallel(repeated)).toBe(false);
  });

  it('ticks are round numbers across the range', () => {
    expect(niceTicks(0, 1)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(niceTicks(0.12, 0.93)).toEqual([0.25, 0.5, 0.75]);
    expect(niceTicks(-3, 7)).toEqual([-2.5, 0, 2.5, 5]);
    expect(niceTicks(3, 3)).toEqual([3]);
  });
});
