// 6.4 — dropout against overfitting (the book's overfit_dropout.py with its Trainer): the same 300
// images and 7-layer network, dropout ratio 0.2 after every hidden activation, 301 epochs. The
// book's Fig. 6-23 sets it beside the same network without dropout, so both are trained by default.
import {
  batchFitsCheck,
  batchSizeParam,
  booleanParam,
  dropoutRatioParam,
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

export const dropout: ExperimentSpec = {
  id: 'dropout',
  section: '6.4',
  title: { ko: '드롭아웃', en: 'Dropout', ja: 'Dropout', zh: 'Dropout' },
  summary: {
    ko: '학습 때 뉴런을 무작위로 끄고, 추론 때는 출력에 (1 − 비율)을 곱합니다 (책의 방식).',
    en: 'Neurons are switched off at random while training; at inference outputs are scaled by (1 − ratio), as in the book.',
    ja: '訓練時にニューロンをランダムに消去し、推論時には出力に (1 − 割合) を掛けます（本と同じ）。',
    zh: '训练时随机删除神经元；推理时将输出乘以 (1 − 比例)，与书中相同。',
  },
  usesMnist: true,
  unit: ITERATIONS,
  curves: { loss: 'iteration', trainAcc: 'epoch', testAcc: 'epoch' },
  params: [
    dropoutRatioParam(0.2),
    booleanParam(
      'compareWithout',
      true,
      { ko: '드롭아웃 없는 신경망과 비교', en: 'Also train without dropout', ja: 'Dropoutなしでも学習', zh: '同时训练不使用Dropout的网络' },
      {
        ko: '같은 미니배치로 드롭아웃 없는 신경망도 학습합니다.',
        en: 'Trains a network without dropout on the same minibatches.',
        ja: 'Dropoutなしのネットワークを同じミニバッチで学習します。',
        zh: '用相同的mini-batch训练一个不使用Dropout的网络。',
      },
    ),
    trainSizeParam(300),
    epochsParam(301),
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
      dropout: true,
    }),
  ],
  plan(params): RunPlan[] {
    const ratio = params.dropoutRatio as number;
    const runs: RunPlan[] = [
      { label: `dropout ${ratio}`, params: { dropoutRatio: ratio, optimizer: 'SGD', lr: params.lr as number, init: 'he' } },
    ];
    if (params.compareWithout)
      runs.push({ label: 'no dropout', params: { dropoutRatio: 0, optimizer: 'SGD', lr: params.lr as number, init: 'he' } });
    return runs;
  },
  units: firstNEpochUnits,
};
