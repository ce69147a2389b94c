// 6.3 — batch normalization across weight scales (the book's batch_norm_test.py): for 16 weight
// stds from 1 to 0.0001, a network with BatchNorm and one without, trained on the first 1000
// training images with the same minibatches; training accuracy once per epoch.
import {
  batchFitsCheck,
  batchSizeParam,
  epochsParam,
  firstNEpochUnits,
  hiddenSizesParam,
  ITERATIONS,
  learningRateParam,
  trainSizeParam,
} from './common-params.ts';
import { memoryCheck } from './memory.ts';
import type { ExperimentSpec, RunPlan } from './spec.ts';

/** np.logspace(0, -4, n): n values from 1 down to 0.0001, evenly spaced in log10. */
export function logspace(from: number, to: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => 10 ** (n === 1 ? from : from + ((to - from) * i) / (n - 1)));
}

/** A weight scale as the labels write it: `w=0.541`. */
export const scaleLabel = (w: number): string => `w=${+w.toPrecision(3)}`;

export const batchnormCompare: ExperimentSpec = {
  id: 'batchnorm-compare',
  section: '6.3',
  title: {
    ko: '배치 정규화의 효과',
    en: 'Batch normalization across weight scales',
    ja: '重みのスケールごとのBatch Normalization',
    zh: '不同权重尺度下的Batch Normalization',
  },
  summary: {
    ko: '가중치 표준편차 16가지마다 배치 정규화를 쓴 신경망(실선)과 안 쓴 신경망(점선)의 훈련 정확도.',
    en: 'For 16 weight scales, training accuracy with BatchNorm (solid) and without (dashed).',
    ja: '16通りの重みのスケールで、Batch Normあり（実線）となし（破線）の訓練データの認識精度。',
    zh: '在16种权重尺度下，使用Batch Norm（实线）和不使用（虚线）的训练识别精度。',
  },
  usesMnist: true,
  unit: ITERATIONS,
  curves: { trainAcc: 'epoch' },
  params: [
    {
      name: 'scales',
      kind: 'number',
      default: 16,
      min: 1,
      max: 64,
      integer: true,
      label: { ko: '가중치 스케일 개수', en: 'Weight scales', ja: '重みのスケールの数', zh: '权重尺度的个数' },
      help: {
        ko: '1부터 0.0001까지 로그 간격으로 나눈 표준편차의 수 (logspace(0, -4, n)).',
        en: 'How many stds from 1 down to 0.0001, evenly spaced in log (logspace(0, -4, n)).',
        ja: '1から0.0001までの標準偏差をいくつ取るか（対数で等間隔、logspace(0, -4, n)）。',
        zh: '从1到0.0001取多少个标准差（对数等间隔，logspace(0, -4, n)）。',
      },
    },
    trainSizeParam(1000),
    epochsParam(20),
    batchSizeParam(100),
    learningRateParam(0.01),
    hiddenSizesParam([100, 100, 100, 100, 100]),
  ],
  check: (params) => [
    ...batchFitsCheck(params.batchSize as number, params.trainSize as number),
    ...memoryCheck({
      hiddenSizes: params.hiddenSizes as number[],
      batchSize: params.batchSize as number,
      optimizer: 'SGD',
      evalSamples: params.trainSize as number,
      batchnorm: true,
    }),
  ],
  plan(params): RunPlan[] {
    return logspace(0, -4, params.scales as number).flatMap((w) => [
      {
        label: `BN · ${scaleLabel(w)}`,
        params: { batchnorm: true, init: 'std', weightScale: w, optimizer: 'SGD', lr: params.lr as number },
      },
      {
        label: `plain · ${scaleLabel(w)}`,
        params: { batchnorm: false, init: 'std', weightScale: w, optimizer: 'SGD', lr: params.lr as number },
      },
    ]);
  },
  units: firstNEpochUnits,
  expectedEnding(run) {
    // Without BatchNorm, a large weight scale makes the activations explode: the book's plain
    // networks at w = 1 and 0.541 never learn. A BN network diverging is a problem.
    const w = Number(run.params.weightScale);
    return run.status === 'diverged' && run.params.batchnorm === false && w >= EXPECTED_DIVERGENCE_SCALE
      ? {
          ko: '예상된 결과: 배치 정규화가 없으면 이렇게 큰 가중치 스케일에서 활성화 값이 폭발해 손실이 NaN이 됩니다 — 배치 정규화가 막아 주는 바로 그 문제입니다.',
          en: 'Expected: without BatchNorm, a weight scale this large makes the activations explode until the loss is NaN — the very problem batch normalization prevents.',
          ja: '予想どおりの結果：Batch Normがないと、これほど大きな重みのスケールではアクティベーションが爆発して損失がNaNになります — Batch Normalizationが防ぐまさにその問題です。',
          zh: '预期的结果：没有Batch Norm时，这么大的权重尺度会让激活值爆炸，直到损失变为NaN——这正是Batch Normalization所要防止的问题。',
        }
      : null;
  },
};

/** Plain networks at or above this weight scale may diverge at the book's learning rate; that is the lesson. */
export const EXPECTED_DIVERGENCE_SCALE = 0.1;
