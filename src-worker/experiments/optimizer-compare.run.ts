// 6.1 — the optimizers on MNIST: one network per optimizer, all drawing the same minibatches.
import type { Activation, OptimizerName } from '../../src-shared/vocabulary.ts';
import type { RunContext, RunOutcome } from './runner.ts';
import {
  accuracyOnSet,
  BatchSampler,
  buildNet,
  buildOptimizer,
  firstN,
  keptNetwork,
  sharedBatchRng,
  tailMean,
  trainLoop,
} from './training.ts';
import { xraySamplerFor } from './xray-sampler.ts';

export const runOptimizerCompare = (ctx: RunContext): RunOutcome =>
  trainCompared(ctx, { weightInit: 'he', optimizer: ctx.run.params.optimizer as OptimizerName, lr: ctx.run.params.lr as number });

/**
 * One network of a loss-curve comparison (optimizers, or initial weights). The recorded loss is the
 * one of the forward pass that computed the gradient, just before the update; the book evaluates
 * `network.loss` once more after the update — the same curve one iteration later, at the price of
 * an extra forward pass per step.
 */
export function trainCompared(
  ctx: RunContext,
  spec: { weightInit: 'he' | 'xavier' | number; optimizer: OptimizerName; lr: number; activation?: Activation },
): RunOutcome {
  const mnist = ctx.mnist!;
  const net = buildNet(ctx, { hiddenSizes: ctx.params.hiddenSizes as number[], weightInit: spec.weightInit, activation: spec.activation });
  const sampler = new BatchSampler(net, firstN(mnist.train, mnist.train.count), ctx.params.batchSize as number, sharedBatchRng(ctx));
  const iterations = ctx.params.iterations as number;
  const result = trainLoop(ctx, {
    net,
    optimizer: buildOptimizer(net, spec.optimizer, spec.lr),
    sampler,
    iterations,
    recordLoss: true,
    xray: xraySamplerFor(ctx, net, iterations),
  });
  const final: Record<string, number> = { loss: tailMean(result.losses) };
  if (result.status === 'done') final.testAcc = accuracyOnSet(net, mnist.test);
  const network = keptNetwork(net, result.status);
  return { status: result.status, final, ...(result.problem ? { problem: result.problem } : {}), ...(network ? { network } : {}) };
}
