// The optimizers on MNIST: one network per optimizer, the loss of every iteration recorded (before
// the update, from the forward pass that computed the gradient), all networks of a job drawing the
// same minibatches.
import { describe, expect, it } from 'vitest';
import { runOne } from './run-harness.ts';

const ID = 'optimizer-compare';
// A small network, a few iterations: the shapes and the bookkeeping, not the book's figure.
const SMALL = { optimizers: ['SGD', 'Adam'], iterations: 40, batchSize: 32, hiddenSizes: [30, 20] };
const LN10 = Math.log(10);

describe('optimizer-compare runner', () => {
  it('records the loss of every iteration and ends with the final loss and the test accuracy', () => {
    const { outcome, curves, advanced, spec, params, run } = runOne(ID, SMALL, 1, 0);
    expect(run.label).toBe('SGD');
    expect(outcome.status).toBe('done');
    expect(Object.keys(curves)).toEqual(Object.keys(spec.curves));
    expect(curves.loss).toHaveLength(40);
    for (const loss of curves.loss) {
      expect(Number.isFinite(loss)).toBe(true);
      expect(loss).toBeGreaterThan(0);
    }
    // An untrained 10-class softmax starts near −ln(1/10).
    expect(Math.abs(curves.loss[0] - LN10)).toBeLessThan(0.7);
    expect(outcome.problem).toBeUndefined();
    expect(Number.isFinite(outcome.final.loss)).toBe(true);
    expect(outcome.final.loss).toBeGreaterThanOrEqual(Math.min(...curves.loss));
    expect(outcome.final.loss).toBeLessThanOrEqual(Math.max(...curves.loss));
    expect(outcome.final.testAcc).toBeGreaterThanOrEqual(0);
    expect(outcome.final.testAcc).toBeLessThanOrEqual(1);
    // Measured on all 10,000 test images: a whole number of them is right.
    expect(Math.abs(outcome.final.testAcc * 10_000 - Math.round(outcome.final.testAcc * 10_000))).toBeLessThan(1e-6);
    expect(advanced).toBe(spec.units(params, run));
  });

  it('learns: Adam brings the loss below where it started', () => {
    const { curves } = runOne(ID, { ...SMALL, iterations: 60 }, 1, 1);
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
    expect(mean(curves.loss.slice(-10))).toBeLessThan(mean(curves.loss.slice(0, 10)) - 0.2);
  });

  it('replays bit for bit with the same seed and draws another curve with another seed', () => {
    const a = runOne(ID, SMALL, 7, 0);
    const b = runOne(ID, SMALL, 7, 0);
    expect(b.curves.loss).toEqual(a.curves.loss);
    expect(b.outcome).toEqual(a.outcome);
    const c = runOne(ID, SMALL, 8, 0);
    expect(c.curves.loss).not.toEqual(a.curves.loss);
  });

  it('records each loss before its update, and gives every network initial weights of its own', () => {
    const sgd = runOne(ID, SMALL, 3, 0);
    // Adam trained in SGD's place (run index 0: the same initial weights and batches): the first
    // loss, taken before any update, is the same; after one update they differ.
    const adamInPlace = runOne(ID, SMALL, 3, 0, { run: sgd.plan[1] });
    expect(adamInPlace.curves.loss[0]).toBe(sgd.curves.loss[0]);
    expect(adamInPlace.curves.loss[1]).not.toBe(sgd.curves.loss[1]);
    // Adam as planned (run index 1): weights of its own.
    const adam = runOne(ID, SMALL, 3, 1);
    expect(adam.curves.loss[0]).not.toBe(sgd.curves.loss[0]);
  });

  it('stops when cancelled, as cancelled, keeping the points computed so far', () => {
    const full = runOne(ID, SMALL, 5, 0);
    const cut = runOne(ID, SMALL, 5, 0, { cancelAfter: 7 });
    expect(cut.outcome.status).toBe('cancelled');
    expect(cut.advanced).toBe(7);
    expect(cut.curves.loss).toEqual(full.curves.loss.slice(0, 7));
    expect(Number.isFinite(cut.outcome.final.loss)).toBe(true);
  });

  it('stops an absurd learning rate as diverged at the first NaN/Inf loss, keeping the curve up to it', () => {
    // The book's network and batch with SGD at lr 100.
    const { outcome, curves, advanced } = runOne(ID, { optimizers: ['SGD'], lrSGD: 100, iterations: 50 }, 1, 0);
    expect(outcome.status).toBe('diverged');
    expect(outcome.problem).toMatchObject({ code: 'diverged', loss: null });
    const iteration = (outcome.problem as { iteration: number }).iteration;
    expect(iteration).toBeGreaterThan(1);
    expect(iteration).toBeLessThan(50);
    // The curve holds every iteration up to the one that diverged, that one last.
    expect(curves.loss).toHaveLength(iteration);
    expect(curves.loss.slice(0, -1).every(Number.isFinite)).toBe(true);
    expect(Number.isFinite(curves.loss[iteration - 1])).toBe(false);
    expect(advanced).toBe(iteration - 1);
    expect(Number.isFinite(outcome.final.loss)).toBe(true);
  });
});
