// 6.4 — one network of the dropout comparison (ratio 0: the network without dropout).
import { trainOnFirstImages } from './epoch-training.ts';
import type { RunContext, RunOutcome } from './runner.ts';

export function runDropout(ctx: RunContext): RunOutcome {
  const ratio = ctx.run.params.dropoutRatio as number;
  return trainOnFirstImages(ctx, { useDropout: ratio > 0, dropoutRatio: ratio });
}
