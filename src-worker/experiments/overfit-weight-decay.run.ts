// 6.4 — one λ of the weight-decay comparison on the first 300 images.
import { trainOnFirstImages } from './epoch-training.ts';
import type { RunContext, RunOutcome } from './runner.ts';

export const runOverfitWeightDecay = (ctx: RunContext): RunOutcome =>
  trainOnFirstImages(ctx, { weightDecayLambda: ctx.run.params.weightDecay as number });
