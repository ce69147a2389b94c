// 6.1 — the optimizers on MNIST (the book's optimizer_compare_mnist.py): 784-[100]*4-10, ReLU, He
// init, batch 128, 2000 iterations, one network per optimizer, all drawing the same minibatches.
import { DEFAULT_LR, type OptimizerName } from '../vocabulary.ts';
import {
  batchSizeParam,
  hiddenSizesParam,
  iterationsParam,
  ITERATIONS,
  learningRateParams,
  lrParamName,
  optimizersParam,
  sharedInitParam,
} from './common-params.ts';
import { memoryCheck } from './memory.ts';
import type { ExperimentSpec } from './spec.ts';

export const optimizerCompare: ExperimentSpec = {
  id: 'optimizer-compare',
  section: '6.1',
  title: {
    ko: 'MNIST로 본 옵티마이저 비교',
    en: 'Optimizers compared on MNIST',
    ja: 'MNISTでの最適化手法の比較',
    zh: '基于MNIST的优化方法比较',
  },
  summary: {
    ko: '같은 5층 신경망을 옵티마이저만 바꿔 학습하고, 반복마다 손실을 기록합니다.',
    en: 'The same five-layer network trained with each optimizer; the loss of every iteration is recorded.',
    ja: '同じ5層のネットワークを各最適化手法で学習し、イテレーションごとの損失を記録します。',
    zh: '用每种优化方法训练同一个5层网络；记录每次迭代的损失。',
  },
  usesMnist: true,
  unit: ITERATIONS,
  curves: { loss: 'iteration' },
  params: [
    optimizersParam(['SGD', 'Momentum', 'AdaGrad', 'Adam']),
    ...learningRateParams(DEFAULT_LR),
    iterationsParam(2000),
    batchSizeParam(128),
    hiddenSizesParam([100, 100, 100, 100]),
    sharedInitParam(),
  ],
  // The optimizer with the most state decides (Adam keeps two arrays per parameter).
  check: (params) =>
    memoryCheck({
      hiddenSizes: params.hiddenSizes as number[],
      batchSize: params.batchSize as number,
      optimizer: (params.optimizers as OptimizerName[]).includes('Adam') ? 'Adam' : 'Momentum',
    }),
  plan: (params) =>
    (params.optimizers as OptimizerName[]).map((optimizer) => ({
      label: optimizer,
      params: { optimizer, lr: params[lrParamName(optimizer)] as number, init: 'he' },
    })),
  units: (params) => params.iterations as number,
};
