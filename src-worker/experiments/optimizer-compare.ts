// 6.1 — the optimizers on MNIST (the book's optimizer_compare_mnist.py): 784-[100]*4-10, ReLU, He
// init, batch 128, 2000 iterations, one network per optimizer, all drawing the same minibatches.
import type { OptimizerName } from '../engine/optimizers.ts';
import { batchSizeParam, DEFAULT_LR, hiddenSizesParam, iterationsParam, learningRateParams, lrParamName, optimizersParam } from './common-params.ts';
import type { Experiment, RunContext, RunOutcome } from './experiment.ts';
import { accuracyOnSet, BatchSampler, buildNet, buildOptimizer, firstN, sharedBatchRng, tailMean, trainLoop } from './training.ts';

export const optimizerCompare: Experiment = {
  id: 'optimizer-compare',
  section: '6.1',
  title: { ko: 'MNIST로 본 옵티마이저 비교', en: 'Optimizers compared on MNIST' },
  summary: {
    ko: '같은 5층 신경망을 옵티마이저만 바꿔 학습하고, 반복마다 손실을 기록합니다.',
    en: 'The same five-layer network trained with each optimizer; the loss of every iteration is recorded.',
  },
  usesMnist: true,
  curves: { loss: 'iteration' },
  params: [
    optimizersParam(['SGD', 'Momentum', 'AdaGrad', 'Adam']),
    ...learningRateParams(DEFAULT_LR),
    iterationsParam(2000),
    batchSizeParam(128),
    hiddenSizesParam([100, 100, 100, 100]),
  ],
  plan: (params) =>
    (params.optimizers as OptimizerName[]).map((optimizer) => ({
      label: optimizer,
      params: { optimizer, lr: params[lrParamName(optimizer)] as number, init: 'he' },
    })),
  units: (params) => params.iterations as number,
  run: (ctx) => trainCompared(ctx, { weightInit: 'he', optimizer: ctx.run.params.optimizer as OptimizerName, lr: ctx.run.params.lr as number }),
};

/**
 * One network of a loss-curve comparison (optimizers, or initial weights). The recorded loss is the
 * one of the forward pass that computed the gradient, just before the update; the book evaluates
 * `network.loss` once more after the update — the same curve one iteration later, at the price of
 * an extra forward pass per step.
 */
export function trainCompared(
  ctx: RunContext,
  spec: { weightInit: 'he' | 'xavier' | number; optimizer: OptimizerName; lr: number; activation?: 'relu' | 'sigmoid' | 'tanh' },
): RunOutcome {
  const mnist = ctx.mnist!;
  const net = buildNet(ctx, { hiddenSizes: ctx.params.hiddenSizes as number[], weightInit: spec.weightInit, activation: spec.activation });
  const sampler = new BatchSampler(net, firstN(mnist.train, mnist.train.count), ctx.params.batchSize as number, sharedBatchRng(ctx));
  const result = trainLoop(ctx, {
    net,
    optimizer: buildOptimizer(net, spec.optimizer, spec.lr),
    sampler,
    iterations: ctx.params.iterations as number,
    recordLoss: true,
  });
  const final: Record<string, number> = { loss: tailMean(result.losses) };
  if (result.status === 'done') final.testAcc = accuracyOnSet(net, mnist.test);
  return { status: result.status, final, message: result.message };
}
