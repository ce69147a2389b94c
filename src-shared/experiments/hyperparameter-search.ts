// 6.5 — random search for the learning rate and weight decay with a validation set (the book's
// hyperparameter_optimization.py): the first 500 training images shuffled, 20% held out for
// validation, 100 trials of 50 epochs with weight decay 10^U(-8,-4) and lr 10^U(-6,-2).
// The test set is never touched.
import { problem, type Problem } from '../params/problems.ts';
import type { NumberParam, ParamValues } from '../params/spec.ts';
import { deriveRng } from '../rng.ts';
import type { Text } from '../i18n/text.ts';
import { batchFitsCheck, batchSizeParam, epochsParam, epochUnits, hiddenSizesParam, ITERATIONS, trainSizeParam } from './common-params.ts';
import { memoryCheck } from './memory.ts';
import type { ExperimentSpec, RunPlan } from './spec.ts';

const exponent = (name: string, value: number, label: Text): NumberParam => ({
  name,
  kind: 'number',
  default: value,
  min: -12,
  max: 2,
  label,
  help: {
    ko: '10의 지수: 값은 10^U(최소, 최대)로 뽑습니다.',
    en: 'A power of ten: values are drawn as 10^U(min, max).',
    ja: '10のべき乗：値は 10^U(min, max) として選びます。',
    zh: '10的幂：数值按 10^U(min, max) 抽取。',
  },
});

/** The validation split: `validationRate` of the shuffled first `trainSize` samples. */
export function splitSizes(params: ParamValues): { validation: number; train: number } {
  const validation = Math.floor((params.trainSize as number) * (params.validationRate as number));
  return { validation, train: (params.trainSize as number) - validation };
}

export const hyperparameterSearch: ExperimentSpec = {
  id: 'hyperparameter-search',
  section: '6.5',
  title: {
    ko: '하이퍼파라미터 무작위 탐색',
    en: 'Random hyperparameter search',
    ja: 'ハイパーパラメータのランダムサーチ',
    zh: '超参数的随机搜索',
  },
  summary: {
    ko: '검증 데이터로 학습률과 가중치 감소 계수를 로그 스케일에서 무작위로 탐색합니다. 시험 데이터는 쓰지 않습니다.',
    en: 'Learning rate and weight decay sampled on a log scale and judged on a validation set; the test set is never used.',
    ja: '学習係数と荷重減衰を対数スケールでサンプリングし、検証データで評価します。テストデータは使いません。',
    zh: '在对数尺度上采样学习率和权值衰减，并用验证数据评估；从不使用测试数据。',
  },
  usesMnist: true,
  unit: ITERATIONS,
  curves: { valAcc: 'epoch', trainAcc: 'epoch' },
  params: [
    {
      name: 'trials',
      kind: 'number',
      default: 100,
      min: 1,
      max: 10_000,
      integer: true,
      label: { ko: '시도 횟수', en: 'Trials', ja: '試行回数', zh: '试验次数' },
      help: {
        ko: '무작위로 뽑은 하이퍼파라미터 조합의 수.',
        en: 'Random hyperparameter combinations to try.',
        ja: '試すハイパーパラメータのランダムな組み合わせの数。',
        zh: '要尝试的超参数随机组合的个数。',
      },
    },
    exponent('lrMinExp', -6, {
      ko: '학습률 지수 최소',
      en: 'Learning rate exponent, min',
      ja: '学習係数の指数の最小',
      zh: '学习率指数的最小值',
    }),
    exponent('lrMaxExp', -2, {
      ko: '학습률 지수 최대',
      en: 'Learning rate exponent, max',
      ja: '学習係数の指数の最大',
      zh: '学习率指数的最大值',
    }),
    exponent('weightDecayMinExp', -8, {
      ko: '가중치 감소 지수 최소',
      en: 'Weight decay exponent, min',
      ja: '荷重減衰の指数の最小',
      zh: '权值衰减指数的最小值',
    }),
    exponent('weightDecayMaxExp', -4, {
      ko: '가중치 감소 지수 최대',
      en: 'Weight decay exponent, max',
      ja: '荷重減衰の指数の最大',
      zh: '权值衰减指数的最大值',
    }),
    trainSizeParam(500),
    {
      name: 'validationRate',
      kind: 'number',
      default: 0.2,
      min: 0,
      max: 1,
      minExclusive: true,
      label: { ko: '검증 데이터 비율', en: 'Validation fraction', ja: '検証データの割合', zh: '验证数据比例' },
      help: {
        ko: '섞은 훈련 데이터 중 검증에 떼어 둘 비율.',
        en: 'Fraction of the shuffled training samples held out for validation.',
        ja: 'シャッフルした訓練サンプルのうち検証データとして分ける割合。',
        zh: '打乱后的训练样本中分出作为验证数据的比例。',
      },
    },
    epochsParam(50),
    batchSizeParam(100),
    hiddenSizesParam([100, 100, 100, 100, 100, 100]),
  ],
  check(params) {
    const problems: Problem[] = [];
    if ((params.lrMinExp as number) > (params.lrMaxExp as number)) problems.push(problem('lrMaxExp', 'range-reversed'));
    if ((params.weightDecayMinExp as number) > (params.weightDecayMaxExp as number))
      problems.push(problem('weightDecayMaxExp', 'range-reversed'));
    const { validation, train } = splitSizes(params);
    if (validation < 1) problems.push(problem('validationRate', 'no-validation-sample'));
    if (train < 1) problems.push(problem('validationRate', 'no-training-sample'));
    else problems.push(...batchFitsCheck(params.batchSize as number, train, true));
    problems.push(
      ...memoryCheck({
        hiddenSizes: params.hiddenSizes as number[],
        batchSize: params.batchSize as number,
        optimizer: 'SGD',
        evalSamples: params.trainSize as number,
      }),
    );
    return problems;
  },
  plan(params, seed): RunPlan[] {
    const rng = deriveRng(seed, 'search');
    return Array.from({ length: params.trials as number }, (_, i) => {
      // weight_decay = 10 ** np.random.uniform(-8, -4); lr = 10 ** np.random.uniform(-6, -2)
      const weightDecay = 10 ** rng.uniform(params.weightDecayMinExp as number, params.weightDecayMaxExp as number);
      const lr = 10 ** rng.uniform(params.lrMinExp as number, params.lrMaxExp as number);
      return { label: `trial ${i + 1}`, params: { lr, weightDecay, optimizer: 'SGD', init: 'he' } };
    });
  },
  units(params) {
    return epochUnits(splitSizes(params).train, params.batchSize as number, params.epochs as number);
  },
};
