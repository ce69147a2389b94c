// Backprop against numerical gradients (the book's gradient_check.py, on a MultiLayerNetExtend):
// per parameter, the mean absolute difference between the two. The book's BatchNorm check uses one
// sample, where every normalized value is 0 and the check proves nothing: we use ≥ 2 (default 10).
import { gatherBatch } from '../data/mnist-batches.ts';
import { checkNetworkGradients } from '../engine/gradient-check.ts';
import { activationParam, booleanParam, hiddenSizesParam, weightDecayParam, weightInitParam, weightStdParam } from './common-params.ts';
import type { Experiment } from './experiment.ts';
import { buildNet } from './training.ts';

export const gradientCheck: Experiment = {
  id: 'gradient-check',
  section: 'check',
  title: { ko: '기울기 확인', en: 'Gradient check' },
  summary: {
    ko: '오차역전파로 구한 기울기와 수치 미분(중심 차분)을 매개변수마다 비교합니다.',
    en: 'Backpropagation’s gradient against central differences, parameter by parameter.',
  },
  usesMnist: true,
  curves: {},
  params: [
    { name: 'samples', kind: 'number', default: 10, min: 2, max: 100, integer: true, label: { ko: '표본 수', en: 'Samples' }, help: { ko: 'MNIST 훈련 데이터 앞에서부터 쓸 개수 (배치 정규화 확인에는 2개 이상 필요).', en: 'First MNIST training images used (BatchNorm needs at least 2 for a meaningful check).' } },
    hiddenSizesParam([10, 10]),
    activationParam('relu'),
    weightInitParam('he'),
    weightStdParam(0.01),
    booleanParam('batchnorm', true, { ko: '배치 정규화', en: 'Batch normalization' }, { ko: 'Affine → BatchNorm → 활성화.', en: 'Affine → BatchNorm → activation.' }),
    booleanParam('dropout', false, { ko: '드롭아웃', en: 'Dropout' }, { ko: '마스크를 고정하고 확인합니다.', en: 'Checked with its mask held fixed.' }),
    { name: 'dropoutRatio', kind: 'number', default: 0.2, min: 0, max: 0.95, label: { ko: '드롭아웃 비율', en: 'Dropout ratio' }, help: { ko: '학습 중 끄는 뉴런의 비율.', en: 'Fraction of neurons switched off while training.' } },
    weightDecayParam(0),
  ],
  check(params) {
    const sizes = params.hiddenSizes as number[];
    const weights = sizes.reduce((sum, n, i) => sum + n * (i === 0 ? 784 : sizes[i - 1]), 0);
    const n = new Intl.NumberFormat('en-US').format(weights);
    return weights > 200_000
      ? [{ field: 'hiddenSizes', text: { ko: `가중치가 ${n}개로 수치 미분으로 확인하기에 너무 큽니다 (200,000개 이하).`, en: `${n} weights is too large for a numerical gradient check (keep it under 200,000).` } }]
      : [];
  },
  plan: (params) => [
    {
      label: `${params.batchnorm ? 'BN' : 'plain'}${params.dropout ? ' · dropout' : ''}`,
      params: {
        batchnorm: params.batchnorm as boolean,
        dropoutRatio: params.dropout ? (params.dropoutRatio as number) : 0,
        weightDecay: params.weightDecay as number,
        init: params.weightInit as string,
      },
    },
  ],
  units: () => 1,
  run(ctx) {
    const p = ctx.params;
    const rows = p.samples as number;
    const net = buildNet(ctx, {
      hiddenSizes: p.hiddenSizes as number[],
      activation: p.activation as 'relu' | 'sigmoid' | 'tanh',
      weightInit: p.weightInit === 'std' ? (p.weightStd as number) : (p.weightInit as 'he' | 'xavier'),
      weightDecayLambda: p.weightDecay as number,
      useBatchnorm: p.batchnorm as boolean,
      useDropout: p.dropout as boolean,
      dropoutRatio: p.dropoutRatio as number,
    });
    const x = net.inputBuffer(rows);
    const t = net.labelBuffer(rows);
    gatherBatch(ctx.mnist!.train, Array.from({ length: rows }, (_, i) => i), x, t);
    const final: Record<string, number> = {};
    for (const difference of checkNetworkGradients(net, x, t, rows)) {
      final[`diff:${difference.name}`] = difference.meanAbs;
      final[`grad:${difference.name}`] = difference.scale;
    }
    ctx.advance();
    return { status: 'done', final };
  },
};
