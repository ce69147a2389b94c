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
    label: { ko: `${optimizer} 학습률`, en: `${optimizer} learning rate`, ja: `${optimizer}の学習係数`, zh: `${optimizer}的学习率` },
    help: {
      ko: `${optimizer}의 학습률 η (0보다 커야 함).`,
      en: `Learning rate η of ${optimizer} (must be greater than 0).`,
      ja: `${optimizer}の学習係数 η（0より大きい値）。`,
      zh: `${optimizer}的学习率 η（必须大于0）。`,
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
    label: { ko: '비교할 옵티마이저', en: 'Optimizers to compare', ja: '比較する最適化手法', zh: '比较的优化方法' },
    help: {
      ko: '한 옵티마이저마다 네트워크 하나를 학습합니다.',
      en: 'One network is trained per optimizer.',
      ja: '最適化手法ごとに1つのネットワークを学習します。',
      zh: '每种优化方法训练一个网络。',
    },
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
    label: { ko: '은닉층 크기', en: 'Hidden layer sizes', ja: '隠れ層のサイズ', zh: '隐藏层大小' },
    help: {
      ko: '은닉층마다 뉴런 수, 쉼표로 구분 (예: 100,100 또는 100*6).',
      en: 'Neurons per hidden layer, comma-separated (e.g. 100,100 or 100*6).',
      ja: '隠れ層ごとのニューロン数、カンマ区切り（例：100,100 や 100*6）。',
      zh: '每个隐藏层的神经元数，用逗号分隔（例如 100,100 或 100*6）。',
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
    label: { ko: '미니배치 크기', en: 'Minibatch size', ja: 'ミニバッチのサイズ', zh: 'mini-batch大小' },
    help: {
      ko: '한 번의 갱신에 쓰는 표본 수 (중복을 허용해 무작위로 뽑음).',
      en: 'Samples per update, drawn at random with replacement.',
      ja: '1回の更新に使うサンプル数（重複を許してランダムに選びます）。',
      zh: '每次更新使用的样本数，有放回地随机抽取。',
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
    label: { ko: '반복 횟수', en: 'Iterations', ja: 'イテレーション数', zh: '迭代次数' },
    help: { ko: '매개변수 갱신 횟수.', en: 'Number of parameter updates.', ja: 'パラメータの更新の回数。', zh: '参数更新的次数。' },
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
    label: { ko: '에폭 수', en: 'Epochs', ja: 'エポック数', zh: 'epoch数' },
    help: {
      ko: '에폭 = 훈련 데이터 크기 ÷ 배치 크기 번의 반복. 에폭마다 정확도를 기록합니다.',
      en: 'An epoch is training size ÷ batch size iterations; accuracy is recorded once per epoch.',
      ja: '1エポックは 訓練データ数 ÷ バッチサイズ イテレーションです。認識精度はエポックごとに記録します。',
      zh: '1个epoch为 训练数据数 ÷ 批大小 次迭代；每个epoch记录一次识别精度。',
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
    label: { ko: '훈련 데이터 수', en: 'Training samples', ja: '訓練サンプル数', zh: '训练样本数' },
    help: {
      ko: 'MNIST 훈련 데이터의 앞에서부터 사용할 개수.',
      en: 'How many of the first MNIST training images to use.',
      ja: 'MNISTの訓練画像を先頭から何枚使うか。',
      zh: '使用MNIST训练图像中的前多少张。',
    },
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
    label: { ko: '학습률', en: 'Learning rate', ja: '学習係数', zh: '学习率' },
    help: {
      ko: 'SGD의 학습률 η (0보다 커야 함).',
      en: 'SGD learning rate η (must be greater than 0).',
      ja: 'SGDの学習係数 η（0より大きい値）。',
      zh: 'SGD的学习率 η（必须大于0）。',
    },
  };
}

const ACTIVATION_LABELS: Record<Activation, Text> = {
  relu: same('ReLU'),
  sigmoid: { ko: '시그모이드', en: 'Sigmoid', ja: 'シグモイド', zh: 'sigmoid' },
  tanh: same('tanh'),
};

export function activationParam(defaultActivation: Activation): ChoiceParam {
  return {
    name: 'activation',
    kind: 'choice',
    default: defaultActivation,
    options: ACTIVATIONS.map((value) => ({ value, label: ACTIVATION_LABELS[value] })),
    label: { ko: '활성화 함수', en: 'Activation', ja: '活性化関数', zh: '激活函数' },
    help: {
      ko: '은닉층의 활성화 함수.',
      en: 'Activation function of the hidden layers.',
      ja: '隠れ層の活性化関数。',
      zh: '隐藏层的激活函数。',
    },
  };
}

export const INIT_LABELS: Record<InitName, Text> = {
  he: same('He √(2/n)'),
  xavier: same('Xavier √(1/n)'),
  std: { ko: '표준편차 지정', en: 'Fixed std', ja: '固定の標準偏差', zh: '固定标准差' },
};

export function weightInitParam(defaultInit: InitName): ChoiceParam {
  return {
    name: 'weightInit',
    kind: 'choice',
    default: defaultInit,
    options: INITS.map((value) => ({ value, label: INIT_LABELS[value] })),
    label: { ko: '가중치 초깃값', en: 'Weight initialization', ja: '重みの初期値', zh: '权重的初始值' },
    help: {
      ko: 'He: √(2/n), Xavier: √(1/n), std: 아래 표준편차 (n = 앞 층의 노드 수).',
      en: 'He: √(2/n), Xavier: √(1/n), std: the standard deviation below (n = fan-in).',
      ja: 'He: √(2/n)、Xavier: √(1/n)、std: 下の標準偏差（n = 前層のノード数）。',
      zh: 'He：√(2/n)，Xavier：√(1/n)，std：下面的标准差（n = 前一层的节点数）。',
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
    label: { ko: '가중치 표준편차', en: 'Weight std', ja: '重みの標準偏差', zh: '权重标准差' },
    help: {
      ko: '초깃값이 std일 때 정규분포의 표준편차.',
      en: 'Standard deviation of the normal draw when init is std.',
      ja: '初期値がstdのときの正規分布の標準偏差。',
      zh: '初始值为std时正态分布的标准差。',
    },
  };
}

export function weightDecayParam(defaultLambda: number): NumberParam {
  return {
    name: 'weightDecay',
    kind: 'number',
    default: defaultLambda,
    min: 0,
    max: 100,
    label: { ko: '가중치 감소 λ', en: 'Weight decay λ', ja: '荷重減衰 λ', zh: '权值衰减 λ' },
    help: { ko: '손실에 ½λΣW²를 더합니다.', en: 'Adds ½λΣW² to the loss.', ja: '損失に ½λΣW² を加えます。', zh: '在损失上加上 ½λΣW²。' },
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
    {
      ko: '같은 초깃값에서 시작',
      en: 'Start from the same initial weights',
      ja: '同じ重みの初期値から始める',
      zh: '从相同的权重初始值开始',
    },
    {
      ko: '모든 신경망이 같은 초기 가중치로 시작합니다. 미니배치는 이미 같으므로 비교하는 기법만 다릅니다.',
      en: 'Every network starts from the same initial weights; they already share minibatches, so only the technique differs.',
      ja: 'どのネットワークも同じ重みの初期値から始めます。ミニバッチはすでに共通なので、違うのは手法だけになります。',
      zh: '所有网络都从相同的权重初始值开始；它们本来就共用mini-batch，所以只有方法不同。',
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
    label: { ko: '드롭아웃 비율', en: 'Dropout ratio', ja: 'Dropoutの割合', zh: 'Dropout比例' },
    help: {
      ko: '학습 중 끄는 뉴런의 비율.',
      en: 'Fraction of neurons switched off while training.',
      ja: '訓練時に消去するニューロンの割合。',
      zh: '训练时删除的神经元的比例。',
    },
  };
}

/** What the MNIST experiments' progress counts. */
export const ITERATIONS: Text = { ko: '반복', en: 'iterations', ja: 'イテレーション', zh: '迭代次数' };

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
