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
  // The numerical gradient of the loss without the book's 1e-7 in log(y + 1e-7): backprop's
  // (y - t)/N is the exact gradient of that loss, so what remains is backprop's own float32
  // rounding (the numerical side is float64, reference-forward.ts). With the 1e-7 kept, every
  // element would differ by a relative ~1e-7/y_t, a correct engine looking ~20× worse.
  for (const difference of checkNetworkGradients(net, x, t, rows, 1e-4, 0)) {
    final[`diff:${difference.name}`] = difference.meanAbs;
    final[`grad:${difference.name}`] = difference.scale;
    final[`bgrad:${difference.name}`] = difference.backpropMax;
    final[`rel:${difference.name}`] = difference.relative;
    final[`kinks:${difference.name}`] = difference.kinks;
  }
  ctx.advance();
  return { status: 'done', final };
}
