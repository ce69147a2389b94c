// 6.2 — initial weights on MNIST: the optimizer comparison's training with SGD, one network per init.
import type { Activation } from '../../src-shared/vocabulary.ts';
import { trainCompared } from './optimizer-compare.run.ts';
import type { RunContext, RunOutcome } from './runner.ts';

export const runWeightInitCompare = (ctx: RunContext): RunOutcome =>
  trainCompared(ctx, {
    weightInit: ctx.run.params.init === 'std' ? (ctx.run.params.weightScale as number) : (ctx.run.params.init as 'he' | 'xavier'),
    optimizer: 'SGD',
    lr: ctx.run.params.lr as number,
    activation: ctx.params.activation as Activation,
  });
