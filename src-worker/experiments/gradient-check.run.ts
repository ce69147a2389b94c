// The gradient check: backprop against central differences on a small MultiLayerNetExtend, per
// parameter, on the first `samples` training images.
import type { Activation } from '../../src-shared/vocabulary.ts';
import { gatherBatch } from '../data/mnist-batches.ts';
import { checkNetworkGradients } from '../engine/gradient-check.ts';
import type { RunContext, RunOutcome } from './runner.ts';
import { buildNet } from './training.ts';

export function runGradientCheck(ctx: RunContext): RunOutcome {
  const p = ctx.params;
  const rows = p.samples as number;
  const net = buildNet(ctx, {
    hiddenSizes: p.hiddenSizes as number[],
    activation: p.activation as Activation,
    weightInit: p.weightInit === 'std' ? (p.weightStd as number) : (p.weightInit as 'he' | 'xavier'),
    weightDecayLambda: p.weightDecay as number,
    useBatchnorm: p.batchnorm as boolean,
    useDropout: p.dropout as boolean,
    dropoutRatio: p.dropoutRatio as number,
  });
  const x = net.inputBuffer(rows);
  const t = net.labelBuffer(rows);
  gatherBatch(
    ctx.mnist!.train,
    Array.from({ length: rows }, (_, i) => i),
    x,
    t,
  );
  const final: Record<string, number> = {};
  for (const difference of checkNetworkGradients(net, x, t, rows)) {
    final[`diff:${difference.name}`] = difference.meanAbs;
    final[`grad:${difference.name}`] = difference.scale;
  }
  ctx.advance();
  return { status: 'done', final };
}
