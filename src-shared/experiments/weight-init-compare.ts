// 6.2 — initial weights on MNIST (the book's weight_init_compare.py): the same network and data as
// optimizer-compare, SGD lr 0.01, with std=0.01, Xavier and He initial weights.
import { same } from '../i18n/text.ts';
import {
  activationParam,
  batchSizeParam,
  hiddenSizesParam,
  iterationsParam,
  ITERATIONS,
  learningRateParam,
  weightStdParam,
} from './common-params.ts';
import { memoryCheck } from './memory.ts';
import type { ExperimentSpec, RunPlan } from './spec.ts';

const INIT_CHOICES = ['std', 'Xavier', 'He'] as const;

export const weightInitCompare: ExperimentSpec = {
  id: 'weight-init-compare',
  section: '6.2',
  title: {
    ko: 'MNIST로 본 가중치 초깃값 비교',
    en: 'Initial weights compared on MNIST',
    ja: 'MNISTでの重みの初期値の比較',
    zh: '基于MNIST的权重初始值比较',
  },
  summary: {
    ko: '표준편차 0.01, Xavier, He 초깃값으로 같은 신경망을 SGD로 학습해 손실을 비교합니다.',
    en: 'The same network trained with SGD from std=0.01, Xavier and He initial weights.',
    ja: '同じネットワークを、std=0.01、Xavier、Heの初期値からSGDで学習します。',
    zh: '用SGD从std=0.01、Xavier、He初始值训练同一个网络。',
  },
  usesMnist: true,
  unit: ITERATIONS,
  curves: { loss: 'iteration' },
  params: [
    {
      name: 'inits',
      kind: 'choice-list',
      default: INIT_CHOICES,
      options: [
        { value: 'std', label: { ko: '표준편차 지정 (std)', en: 'Fixed std', ja: '固定の標準偏差', zh: '固定标准差' } },
        { value: 'Xavier', label: same('Xavier √(1/n)') },
        { value: 'He', label: same('He √(2/n)') },
      ],
      minLength: 1,
      label: { ko: '비교할 초깃값', en: 'Initializations to compare', ja: '比較する初期値', zh: '比较的初始值' },
      help: {
        ko: 'std는 아래 표준편차를 씁니다.',
        en: 'std uses the standard deviation below.',
        ja: 'stdでは下の標準偏差を使います。',
        zh: 'std使用下面的标准差。',
      },
    },
    weightStdParam(0.01, { param: 'inits', includes: 'std' }),
    activationParam('relu'),
    learningRateParam(0.01),
    iterationsParam(2000),
    batchSizeParam(128),
    hiddenSizesParam([100, 100, 100, 100]),
  ],
  check: (params) => memoryCheck({ hiddenSizes: params.hiddenSizes as number[], batchSize: params.batchSize as number, optimizer: 'SGD' }),
  plan: (params): RunPlan[] =>
    (params.inits as (typeof INIT_CHOICES)[number][]).map((init) => {
      const std = params.weightStd as number;
      return init === 'std'
        ? { label: `std=${std}`, params: { init: 'std', weightScale: std, optimizer: 'SGD', lr: params.lr as number } }
        : { label: init, params: { init: init.toLowerCase(), optimizer: 'SGD', lr: params.lr as number } };
    }),
  units: (params) => params.iterations as number,
};
