// 6.4 — overfitting and weight decay (the book's overfit_weight_decay.py): a 7-layer network on
// only 300 training images for 201 epochs, without and with weight decay λ = 0.1.
import {
  batchFitsCheck,
  batchSizeParam,
  epochsParam,
  firstNEpochUnits,
  hiddenSizesParam,
  ITERATIONS,
  learningRateParam,
  trainSizeParam,
  sharedInitParam,
} from './common-params.ts';
import { memoryCheck } from './memory.ts';
import type { ExperimentSpec, RunPlan } from './spec.ts';

export const overfitWeightDecay: ExperimentSpec = {
  id: 'overfit-weight-decay',
  section: '6.4',
  title: { ko: '오버피팅과 가중치 감소', en: 'Overfitting and weight decay', ja: '過学習と荷重減衰', zh: '过拟合与权值衰减' },
  summary: {
    ko: '훈련 데이터 300개로 큰 신경망을 오래 학습하면 훈련 정확도만 오릅니다. 가중치 감소가 그 차이를 줄입니다.',
    en: 'A big network trained long on 300 images fits them perfectly but not the test set; weight decay narrows the gap.',
    ja: '大きなネットワークを300枚で長く学習すると訓練データには完全に合いますが、テストデータには合いません。荷重減衰でその差が縮まります。',
    zh: '大型网络在300张图像上长时间训练后能完美拟合训练数据，但不适用于测试数据；权值衰减能缩小这个差距。',
  },
  usesMnist: true,
  unit: ITERATIONS,
  curves: { loss: 'iteration', trainAcc: 'epoch', testAcc: 'epoch' },
  params: [
    {
      name: 'lambdas',
      kind: 'number-list',
      default: [0, 0.1],
      min: 0,
      max: 100,
      minLength: 1,
      maxLength: 12,
      label: { ko: '가중치 감소 λ 목록', en: 'Weight decay λ values', ja: '荷重減衰 λ の値', zh: '权值衰减 λ 的值' },
      help: {
        ko: 'λ마다 신경망 하나를 학습합니다. 손실에 ½λΣW²를 더합니다.',
        en: 'One network per λ; ½λΣW² is added to the loss.',
        ja: 'λ ごとに1つのネットワーク。損失に ½λΣW² を加えます。',
        zh: '每个 λ 一个网络；在损失上加上 ½λΣW²。',
      },
    },
    trainSizeParam(300),
    epochsParam(201),
    batchSizeParam(100),
    learningRateParam(0.01),
    hiddenSizesParam([100, 100, 100, 100, 100, 100]),
    sharedInitParam(),
  ],
  check: (params) => [
    ...batchFitsCheck(params.batchSize as number, params.trainSize as number),
    // Accuracy every epoch on the training images and the 10,000 test images, converted once.
    ...memoryCheck({
      hiddenSizes: params.hiddenSizes as number[],
      batchSize: params.batchSize as number,
      optimizer: 'SGD',
      evalSamples: (params.trainSize as number) + 10_000,
    }),
  ],
  plan: (params): RunPlan[] =>
    (params.lambdas as number[]).map((lambda) => ({
      label: `λ=${lambda}`,
      params: { weightDecay: lambda, optimizer: 'SGD', lr: params.lr as number, init: 'he' },
    })),
  units: firstNEpochUnits,
};
