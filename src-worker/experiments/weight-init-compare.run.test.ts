// Initial weights on MNIST (the book's weight_init_compare.py): the optimizer comparison's network
// with SGD lr 0.01 from std=0.01, Xavier and He weights; the loss of every iteration.
import { describe, expect, it } from 'vitest';
import { runOne } from './run-harness.ts';

const ID = 'weight-init-compare';
// The book's 784-[100]*4-10 ReLU network, a few iterations.
const BOOK_NET = { iterations: 30, batchSize: 64 };
const SMALL = { iterations: 25, batchSize: 32, hiddenSizes: [30, 20] };
const LN10 = Math.log(10);
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

describe('weight-init-compare runner', () => {
  it('records the loss of every iteration, finite, and ends with the loss and the test accuracy', () => {
    for (const runIndex of [0, 1, 2]) {
      const { outcome, curves, advanced, spec, params, run } = runOne(ID, SMALL, 1, runIndex);
      expect(outcome.status, run.label).toBe('done');
      expect(Object.keys(curves)).toEqual(Object.keys(spec.curves));
      expect(curves.loss).toHaveLength(25);
      expect(curves.loss.every((v) => Number.isFinite(v) && v > 0)).toBe(true);
      expect(Number.isFinite(outcome.final.loss)).toBe(true);
      expect(outcome.final.testAcc).toBeGreaterThanOrEqual(0);
      expect(outcome.final.testAcc).toBeLessThanOrEqual(1);
      expect(advanced).toBe(spec.units(params, run));
    }
  });

  it("shows the book's finding: std=0.01 barely moves from ln 10, He learns", () => {
    const std = runOne(ID, BOOK_NET, 1, 0);
    expect(std.run.label).toBe('std=0.01');
    // Tiny weights through four layers: the output is ~0, the softmax uniform, the loss ln 10.
    for (const loss of std.curves.loss) expect(Math.abs(loss - LN10)).toBeLessThan(0.005);
    const he = runOne(ID, BOOK_NET, 1, 2);
    expect(he.run.label).toBe('He');
    expect(mean(he.curves.loss.slice(-10))).toBeLessThan(mean(he.curves.loss.slice(0, 10)) - 0.05);
    expect(mean(he.curves.loss.slice(-10))).toBeLessThan(mean(std.curves.loss.slice(-10)) - 0.05);
  });

  it('uses the chosen std and activation', () => {
    const base = runOne(ID, { ...SMALL, inits: ['std'], weightStd: 0.01 }, 1, 0);
    const wider = runOne(ID, { ...SMALL, inits: ['std'], weightStd: 0.1 }, 1, 0);
    expect(wider.curves.loss[0]).not.toBe(base.curves.loss[0]);
    const sigmoid = runOne(ID, { ...SMALL, inits: ['He'], activation: 'sigmoid' }, 1, 0);
    const relu = runOne(ID, { ...SMALL, inits: ['He'], activation: 'relu' }, 1, 0);
    expect(sigmoid.curves.loss[0]).not.toBe(relu.curves.loss[0]);
  });

  it('draws the same minibatches for every network of a job, as the book does', () => {
    // With weights of std 1e-20 the outputs are the biases alone: the loss curve depends only on the
    // labels of the batches drawn, not on the (run-specific) initial weights.
    const tiny = { inits: ['std', 'He'], weightStd: 1e-20, lr: 0.5, iterations: 10, batchSize: 16, hiddenSizes: [10] };
    const first = runOne(ID, tiny, 1, 0);
    const sibling = runOne(ID, tiny, 1, 1, { run: first.run });
    expect(sibling.curves.loss).toEqual(first.curves.loss);
    // …and another seed draws other batches.
    expect(runOne(ID, tiny, 2, 0).curves.loss.slice(1)).not.toEqual(first.curves.loss.slice(1));
  });

  it('replays bit for bit with the same seed and draws another curve with another seed', () => {
    const a = runOne(ID, SMALL, 11, 1);
    expect(runOne(ID, SMALL, 11, 1).curves).toEqual(a.curves);
    expect(runOne(ID, SMALL, 12, 1).curves.loss).not.toEqual(a.curves.loss);
  });

  it('stops when cancelled, as cancelled, keeping the points computed so far', () => {
    const full = runOne(ID, SMALL, 2, 2);
    const cut = runOne(ID, SMALL, 2, 2, { cancelAfter: 10 });
    expect(cut.outcome.status).toBe('cancelled');
    expect(cut.advanced).toBe(10);
    expect(cut.curves.loss).toEqual(full.curves.loss.slice(0, 10));
  });

  it('stops a huge weight scale as diverged at the first NaN/Inf loss', () => {
    const { outcome, curves, advanced } = runOne(
      ID,
      { inits: ['std'], weightStd: 10, lr: 1, iterations: 50, batchSize: 32, hiddenSizes: [50, 50, 50, 50] },
      1,
      0,
    );
    expect(outcome.status).toBe('diverged');
    expect(outcome.problem).toMatchObject({ code: 'diverged', loss: null });
    const { iteration } = outcome.problem as { iteration: number };
    expect(curves.loss).toHaveLength(iteration);
    expect(Number.isFinite(curves.loss[iteration - 1])).toBe(false);
    expect(curves.loss.slice(0, -1).every(Number.isFinite)).toBe(true);
    expect(advanced).toBe(iteration - 1);
  });
});
