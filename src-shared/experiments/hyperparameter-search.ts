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
  help: { ko: '10의 지수: 값은 10^U(최소, 최대)로 뽑습니다.', en: 'A power of ten: values are drawn as 10^U(min, max).' },
});

/** The validation split: `validationRate` of the shuffled first `trainSize` samples. */
export function splitSizes(params: ParamValues): { validation: number; train: number } {
  const validation = Math.floor((params.trainSize as number) * (params.validationRate as number));
  return { validation, train: (params.trainSize as number) - validation };
}

export const hyperparameterSearch: ExperimentSpec = {
  id: 'hyperparameter-search',
  section: '6.5',
  title: { ko: '하이퍼파라미터 무작위 탐색', en: 'Random hyperparameter search' },
  summary: {
    ko: '검증 데이터로 학습률과 가중치 감소 계수를 로그 스케일에서 무작위로 탐색합니다. 시험 데이터는 쓰지 않습니다.',
    en: 'Learning rate and weight decay sampled on a log scale and judged on a validation set; the test set is never used.',
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
      label: { ko: '시도 횟수', en: 'Trials' },
      help: { ko: '무작위로 뽑은 하이퍼파라미터 조합의 수.', en: 'Random hyperparameter combinations to try.' },
    },
    exponent('lrMinExp', -6, { ko: '학습률 지수 최소', en: 'Learning rate exponent, min' }),
    exponent('lrMaxExp', -2, { ko: '학습률 지수 최대', en: 'Learning rate exponent, max' }),
    exponent('weightDecayMinExp', -8, { ko: '가중치 감소 지수 최소', en: 'Weight decay exponent, min' }),
    exponent('weightDecayMaxExp', -4, { ko: '가중치 감소 지수 최대', en: 'Weight decay exponent, max' }),
    trainSizeParam(500),
    {
      name: 'validationRate',
      kind: 'number',
      default: 0.2,
      min: 0,
      max: 1,
      minExclusive: true,
      label: { ko: '검증 데이터 비율', en: 'Validation fraction' },
      help: { ko: '섞은 훈련 데이터 중 검증에 떼어 둘 비율.', en: 'Fraction of the shuffled training samples held out for validation.' },
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
