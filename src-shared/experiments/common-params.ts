// Parameter specs that several experiments share, so that the same knob has the same name, range
// and words everywhere.
import { same, type Text } from '../i18n/text.ts';
import { problem, type Problem } from '../params/problems.ts';
import type {
  BooleanParam,
  ChoiceListParam,
  ChoiceOption,
  ChoiceParam,
  NumberListParam,
  NumberParam,
  ParamValues,
} from '../params/spec.ts';
import { ACTIVATIONS, INITS, OPTIMIZERS, type Activation, type InitName, type OptimizerName } from '../vocabulary.ts';

export const lrParamName = (optimizer: OptimizerName): string => `lr${optimizer}`;

/** The optimizer of a `lrSGD`, `lrAdam`, … knob, or undefined. */
export const optimizerOfLrParam = (name: string): OptimizerName | undefined =>
  OPTIMIZERS.find((optimizer) => lrParamName(optimizer) === name);

export const OPTIMIZER_OPTIONS: readonly ChoiceOption[] = OPTIMIZERS.map((value) => ({ value, label: same(value) }));

/** One learning-rate knob per optimizer, with the given defaults. */
export function learningRateParams(defaults: Record<OptimizerName, number>): NumberParam[] {
  return OPTIMIZERS.map((optimizer) => ({
    name: lrParamName(optimizer),
    kind: 'number',
    default: defaults[optimizer],
    min: 0,
    minExclusive: true,
    max: 100,
    log: true,
    relevantWhen: { param: 'optimizers', includes: optimizer },
    label: { ko: `${optimizer} 학습률`, en: `${optimizer} learning rate` },
    help: {
      ko: `${optimizer}의 학습률 η (0보다 커야 함).`,
      en: `Learning rate η of ${optimizer} (must be greater than 0).`,
    },
  }));
}

export function optimizersParam(defaults: readonly OptimizerName[]): ChoiceListParam {
  return {
    name: 'optimizers',
    kind: 'choice-list',
    default: defaults,
    options: OPTIMIZER_OPTIONS,
    minLength: 1,
    label: { ko: '비교할 옵티마이저', en: 'Optimizers to compare' },
    help: { ko: '한 옵티마이저마다 네트워크 하나를 학습합니다.', en: 'One network is trained per optimizer.' },
  };
}

export function hiddenSizesParam(defaults: readonly number[]): NumberListParam {
  return {
    name: 'hiddenSizes',
    kind: 'number-list',
    default: defaults,
    min: 1,
    max: 4096,
    integer: true,
    minLength: 1,
    maxLength: 20,
    label: { ko: '은닉층 크기', en: 'Hidden layer sizes' },
    help: {
      ko: '은닉층마다 뉴런 수, 쉼표로 구분 (예: 100,100 또는 100*6).',
      en: 'Neurons per hidden layer, comma-separated (e.g. 100,100 or 100*6).',
    },
  };
}

export function batchSizeParam(defaultSize: number): NumberParam {
  return {
    name: 'batchSize',
    kind: 'number',
    default: defaultSize,
    min: 1,
    max: 60_000,
    integer: true,
    label: { ko: '미니배치 크기', en: 'Minibatch size' },
    help: {
      ko: '한 번의 갱신에 쓰는 표본 수 (중복을 허용해 무작위로 뽑음).',
      en: 'Samples per update, drawn at random with replacement.',
    },
  };
}

export function iterationsParam(defaultCount: number): NumberParam {
  return {
    name: 'iterations',
    kind: 'number',
    default: defaultCount,
    min: 1,
    max: 1_000_000,
    integer: true,
    label: { ko: '반복 횟수', en: 'Iterations' },
    help: { ko: '매개변수 갱신 횟수.', en: 'Number of parameter updates.' },
  };
}

export function epochsParam(defaultCount: number): NumberParam {
  return {
    name: 'epochs',
    kind: 'number',
    default: defaultCount,
    min: 1,
    max: 100_000,
    integer: true,
    label: { ko: '에폭 수', en: 'Epochs' },
    help: {
      ko: '에폭 = 훈련 데이터 크기 ÷ 배치 크기 번의 반복. 에폭마다 정확도를 기록합니다.',
      en: 'An epoch is training size ÷ batch size iterations; accuracy is recorded once per epoch.',
    },
  };
}

export function trainSizeParam(defaultSize: number): NumberParam {
  return {
    name: 'trainSize',
    kind: 'number',
    default: defaultSize,
    min: 1,
    max: 60_000,
    integer: true,
    label: { ko: '훈련 데이터 수', en: 'Training samples' },
    help: { ko: 'MNIST 훈련 데이터의 앞에서부터 사용할 개수.', en: 'How many of the first MNIST training images to use.' },
  };
}

export function learningRateParam(defaultLr: number): NumberParam {
  return {
    name: 'lr',
    kind: 'number',
    default: defaultLr,
    min: 0,
    minExclusive: true,
    max: 100,
    log: true,
    label: { ko: '학습률', en: 'Learning rate' },
    help: { ko: 'SGD의 학습률 η (0보다 커야 함).', en: 'SGD learning rate η (must be greater than 0).' },
  };
}

const ACTIVATION_LABELS: Record<Activation, Text> = {
  relu: same('ReLU'),
  sigmoid: { ko: '시그모이드', en: 'Sigmoid' },
  tanh: same('tanh'),
};

export function activationParam(defaultActivation: Activation): ChoiceParam {
  return {
    name: 'activation',
    kind: 'choice',
    default: defaultActivation,
    options: ACTIVATIONS.map((value) => ({ value, label: ACTIVATION_LABELS[value] })),
    label: { ko: '활성화 함수', en: 'Activation' },
    help: { ko: '은닉층의 활성화 함수.', en: 'Activation function of the hidden layers.' },
  };
}

export const INIT_LABELS: Record<InitName, Text> = {
  he: same('He √(2/n)'),
  xavier: same('Xavier √(1/n)'),
  std: { ko: '표준편차 지정', en: 'Fixed std' },
};

export function weightInitParam(defaultInit: InitName): ChoiceParam {
  return {
    name: 'weightInit',
    kind: 'choice',
    default: defaultInit,
    options: INITS.map((value) => ({ value, label: INIT_LABELS[value] })),
    label: { ko: '가중치 초깃값', en: 'Weight initialization' },
    help: {
      ko: 'He: √(2/n), Xavier: √(1/n), std: 아래 표준편차 (n = 앞 층의 노드 수).',
      en: 'He: √(2/n), Xavier: √(1/n), std: the standard deviation below (n = fan-in).',
    },
  };
}

export function weightStdParam(defaultStd: number, relevantWhen?: NumberParam['relevantWhen']): NumberParam {
  return {
    name: 'weightStd',
    ...(relevantWhen ? { relevantWhen } : {}),
    kind: 'number',
    default: defaultStd,
    min: 0,
    minExclusive: true,
    max: 100,
    log: true,
    label: { ko: '가중치 표준편차', en: 'Weight std' },
    help: { ko: '초깃값이 std일 때 정규분포의 표준편차.', en: 'Standard deviation of the normal draw when init is std.' },
  };
}

export function weightDecayParam(defaultLambda: number): NumberParam {
  return {
    name: 'weightDecay',
    kind: 'number',
    default: defaultLambda,
    min: 0,
    max: 100,
    label: { ko: '가중치 감소 λ', en: 'Weight decay λ' },
    help: { ko: '손실에 ½λΣW²를 더합니다.', en: 'Adds ½λΣW² to the loss.' },
  };
}

export function booleanParam(name: string, defaultValue: boolean, label: BooleanParam['label'], help: BooleanParam['help']): BooleanParam {
  return { name, kind: 'boolean', default: defaultValue, label, help };
}

/**
 * Networks of one job with the same architecture start from the same initial weights (one stream
 * for the job instead of one per network), so that only the technique compared differs — they
 * already share their minibatches.
 */
export function sharedInitParam(): BooleanParam {
  return booleanParam(
    'sharedInit',
    false,
    { ko: '같은 초깃값에서 시작', en: 'Start from the same initial weights' },
    {
      ko: '모든 신경망이 같은 초기 가중치로 시작합니다. 미니배치는 이미 같으므로 비교하는 기법만 다릅니다.',
      en: 'Every network starts from the same initial weights; they already share minibatches, so only the technique differs.',
    },
  );
}

/** A batch larger than the training set cannot be drawn without a surprise; say so up front. */
export function batchFitsCheck(batchSize: number, trainSize: number, afterSplit = false): Problem[] {
  return batchSize > trainSize
    ? [problem('batchSize', 'batch-larger-than-train', { batch: batchSize, train: trainSize, split: afterSplit })]
    : [];
}

/** The dropout ratio: the fraction of neurons switched off while training. */
export function dropoutRatioParam(defaultRatio: number, relevantWhen?: NumberParam['relevantWhen']): NumberParam {
  return {
    name: 'dropoutRatio',
    kind: 'number',
    default: defaultRatio,
    min: 0,
    max: 0.95,
    ...(relevantWhen ? { relevantWhen } : {}),
    label: { ko: '드롭아웃 비율', en: 'Dropout ratio' },
    help: { ko: '학습 중 끄는 뉴런의 비율.', en: 'Fraction of neurons switched off while training.' },
  };
}

/** What the MNIST experiments' progress counts. */
export const ITERATIONS: Text = { ko: '반복', en: 'iterations' };

/** An epoch is trainSize / batchSize iterations, rounded up (at least one), never a float compare. */
export const iterationsPerEpoch = (trainSize: number, batchSize: number): number => Math.max(1, Math.ceil(trainSize / batchSize));

/**
 * Updates of an epoch-based run: accuracy is recorded after the first update of every epoch (the
 * book's `if i % iter_per_epoch == 0`), so the last record comes after (epochs − 1)·perEpoch + 1.
 */
export function epochUnits(trainSize: number, batchSize: number, epochs: number): number {
  return (epochs - 1) * iterationsPerEpoch(trainSize, batchSize) + 1;
}

/** Units of the epoch experiments on the first `trainSize` images. */
export const firstNEpochUnits = (params: ParamValues): number =>
  epochUnits(params.trainSize as number, params.batchSize as number, params.epochs as number);
