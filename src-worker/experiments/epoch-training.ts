// The epoch-based experiments (batch norm, overfitting, dropout, the search) train the same way:
// after the update of every epoch's first iteration they measure accuracy, as the book's scripts
// and its Trainer do (`if i % iter_per_epoch == 0`), for `epochs` records in all.
import { epochUnits, iterationsPerEpoch } from '../../src-shared/experiments/common-params.ts';
import type { Rng } from '../../src-shared/rng.ts';
import type { OptimizerName } from '../../src-shared/vocabulary.ts';
import type { MultiLayerNet } from '../engine/multi-layer-net.ts';
import type { RunContext, RunOutcome } from './runner.ts';
import { MeasuredSets } from './shared-evaluation.ts';
import {
  BatchSampler,
  buildNet,
  buildOptimizer,
  firstN,
  keptNetwork,
  sharedBatchRng,
  tailMean,
  trainLoop,
  type NetSpec,
  type Samples,
} from './training.ts';
import { xraySamplerFor } from './xray-sampler.ts';

export interface EpochTraining {
  net: MultiLayerNet;
  optimizer: OptimizerName;
  lr: number;
  train: Samples;
  batchSize: number;
  epochs: number;
  batchRng: Rng;
  /** Accuracy curves measured at every epoch: metric → samples. */
  measure: Record<string, Samples>;
  recordLoss: boolean;
  /** Take the X-ray (src-shared/xray.ts) while training. */
  xray: boolean;
}

export function trainByEpochs(ctx: RunContext, spec: EpochTraining): RunOutcome {
  const perEpoch = iterationsPerEpoch(spec.train.indices.length, spec.batchSize);
  const last: Record<string, number> = {};
  const measured = new MeasuredSets(ctx, spec.net, spec.measure);
  const record = (measurement: Record<string, number>) => {
    for (const [metric, accuracy] of Object.entries(measurement)) {
      last[metric] = accuracy;
      ctx.emit(metric, accuracy);
    }
  };
  const iterations = epochUnits(spec.train.indices.length, spec.batchSize, spec.epochs);
  const result = trainLoop(ctx, {
    net: spec.net,
    optimizer: buildOptimizer(spec.net, spec.optimizer, spec.lr),
    sampler: new BatchSampler(spec.net, spec.train, spec.batchSize, spec.batchRng),
    iterations,
    recordLoss: spec.recordLoss,
    xray: spec.xray ? xraySamplerFor(ctx, spec.net, iterations) : undefined,
    every: perEpoch,
    onCheckpoint: () => {
      for (const measurement of measured.measure()) record(measurement);
    },
  });
  for (const measurement of measured.finish()) record(measurement);
  const final: Record<string, number> = { ...last };
  if (result.losses.length > 0) final.loss = tailMean(result.losses, 10);
  const network = keptNetwork(spec.net, result.status);
  return { status: result.status, final, ...(result.problem ? { problem: result.problem } : {}), ...(network ? { network } : {}) };
}

/**
 * The overfitting experiments (weight decay, dropout): SGD on the first `trainSize` training images
 * with the job's shared minibatches, train and test accuracy every epoch, the loss every iteration.
 */
export function trainOnFirstImages(ctx: RunContext, net: Omit<NetSpec, 'hiddenSizes'>): RunOutcome {
  const mnist = ctx.mnist!;
  const train = firstN(mnist.train, ctx.params.trainSize as number);
  return trainByEpochs(ctx, {
    net: buildNet(ctx, { hiddenSizes: ctx.params.hiddenSizes as number[], ...net }),
    optimizer: 'SGD',
    lr: ctx.run.params.lr as number,
    train,
    batchSize: ctx.params.batchSize as number,
    epochs: ctx.params.epochs as number,
    batchRng: sharedBatchRng(ctx),
    measure: { trainAcc: train, testAcc: firstN(mnist.test, mnist.test.count) },
    recordLoss: true,
    xray: true,
  });
}
