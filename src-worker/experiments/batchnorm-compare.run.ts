// 6.3 — one network of the batch-norm grid: a weight scale, with or without BatchNorm, on the
// job's shared minibatches; training accuracy once per epoch.
import { trainByEpochs } from './epoch-training.ts';
import type { RunContext, RunOutcome } from './runner.ts';
import { buildNet, firstN, sharedBatchRng } from './training.ts';

export function runBatchnormCompare(ctx: RunContext): RunOutcome {
  const train = firstN(ctx.mnist!.train, ctx.params.trainSize as number);
  const net = buildNet(ctx, {
    hiddenSizes: ctx.params.hiddenSizes as number[],
    weightInit: ctx.run.params.weightScale as number,
    useBatchnorm: ctx.run.params.batchnorm as boolean,
  });
  return trainByEpochs(ctx, {
    net,
    optimizer: 'SGD',
    lr: ctx.run.params.lr as number,
    train,
    batchSize: ctx.params.batchSize as number,
    epochs: ctx.params.epochs as number,
    batchRng: sharedBatchRng(ctx),
    measure: { trainAcc: train },
    recordLoss: false,
    xray: true,
  });
}
