// 6.5 — one trial of the random search: its own minibatches, validation accuracy every epoch on the
// held-out part of the shuffled first images; the test set is never touched.
import { splitSizes } from '../../src-shared/experiments/hyperparameter-search.ts';
import type { ParamValues } from '../../src-shared/params/spec.ts';
import { deriveRng } from '../../src-shared/rng.ts';
import { trainByEpochs } from './epoch-training.ts';
import type { RunContext, RunOutcome } from './runner.ts';
import { buildNet, ownBatchRng, type Samples } from './training.ts';

/** x_train, t_train = shuffle_dataset(x_train, t_train); x_val = x_train[:n_val]; x_train = x_train[n_val:] */
export function shuffledSplit(seed: number, params: ParamValues): { train: Int32Array; validation: Int32Array } {
  const order = deriveRng(seed, 'shuffle').permutation(params.trainSize as number);
  const { validation } = splitSizes(params);
  return { validation: order.slice(0, validation), train: order.slice(validation) };
}

export function runHyperparameterSearch(ctx: RunContext): RunOutcome {
  const split = shuffledSplit(ctx.seed, ctx.params);
  const train: Samples = { set: ctx.mnist!.train, indices: split.train };
  const validation: Samples = { set: ctx.mnist!.train, indices: split.validation };
  const net = buildNet(ctx, { hiddenSizes: ctx.params.hiddenSizes as number[], weightDecayLambda: ctx.run.params.weightDecay as number });
  return trainByEpochs(ctx, {
    net,
    optimizer: 'SGD',
    lr: ctx.run.params.lr as number,
    train,
    batchSize: ctx.params.batchSize as number,
    epochs: ctx.params.epochs as number,
    batchRng: ownBatchRng(ctx),
    measure: { valAcc: validation, trainAcc: train },
    recordLoss: false,
    xray: false,
  });
}
