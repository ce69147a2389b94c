// 6.1 — the optimizers on the 2-D bowl: the same scalar walk the page draws (src-shared/bowl.ts),
// stored so that a job keeps its paths.
import { bowl, bowlPath } from '../../src-shared/bowl.ts';
import { isOptimizerName } from '../../src-shared/vocabulary.ts';
import type { RunContext, RunOutcome } from './runner.ts';

export function runOptimizerPaths(ctx: RunContext): RunOutcome {
  const optimizer = ctx.run.params.optimizer;
  if (!isOptimizerName(optimizer)) throw new Error(`unknown optimizer ${String(optimizer)}`);
  const path = bowlPath(
    optimizer,
    { lr: ctx.run.params.lr as number },
    [ctx.params.startX as number, ctx.params.startY as number],
    ctx.params.steps as number,
  );
  ctx.setCurve(
    'x',
    path.map((p) => p.x),
  );
  ctx.setCurve(
    'y',
    path.map((p) => p.y),
  );
  ctx.advance();
  const last = path[path.length - 1];
  const diverged = !Number.isFinite(last.x) || !Number.isFinite(last.y);
  return {
    status: diverged ? 'diverged' : 'done',
    final: { x: last.x, y: last.y, f: bowl(last.x, last.y) },
    ...(diverged
      ? { problem: { code: 'diverged', iteration: path.findIndex((p) => !Number.isFinite(p.x) || !Number.isFinite(p.y)) + 1, loss: null } }
      : {}),
  };
}
