// The weight-decay runner (the book's overfit_weight_decay.py): SGD on the first `trainSize`
// images with the job's shared minibatches; the loss every iteration, train accuracy (on those
// images) and test accuracy (all 10,000) every epoch; λ adds ½λΣW² to the loss.
import { describe, expect, it } from 'vitest';
import { runOne } from './run-harness.ts';

const ID = 'overfit-weight-decay';
// 100 images, batch 20 (5 iterations an epoch), 4 epochs: 16 updates.
const SMALL = { trainSize: 100, batchSize: 20, epochs: 4, hiddenSizes: [50] };
const isWhole = (v: number) => Math.abs(v - Math.round(v)) < 1e-6;

describe('overfit-weight-decay runner', () => {
  it('records the loss per iteration and train/test accuracy per epoch, and ends with their last values', () => {
    const { outcome, curves, advanced, spec, params, run } = runOne(ID, SMALL, 1, 1);
    expect(run.label).toBe('λ=0.1');
    expect(outcome.status).toBe('done');
    expect(Object.keys(curves).sort()).toEqual(Object.keys(spec.curves).sort());
    expect(curves.loss).toHaveLength(3 * 5 + 1);
    expect(curves.trainAcc).toHaveLength(4);
    expect(curves.testAcc).toHaveLength(4);
    expect(curves.loss.every((v) => Number.isFinite(v) && v > 0)).toBe(true);
    for (const acc of [...curves.trainAcc, ...curves.testAcc]) {
      expect(acc).toBeGreaterThanOrEqual(0);
      expect(acc).toBeLessThanOrEqual(1);
    }
    // Train accuracy counts the 100 training images, test accuracy the 10,000 test images.
    expect(curves.trainAcc.every((v) => isWhole(v * 100))).toBe(true);
    expect(curves.testAcc.every((v) => isWhole(v * 10_000))).toBe(true);
    expect(outcome.final.trainAcc).toBe(curves.trainAcc[3]);
    expect(outcome.final.testAcc).toBe(curves.testAcc[3]);
    expect(Number.isFinite(outcome.final.loss)).toBe(true);
    expect(advanced).toBe(spec.units(params, run));
  });

  it('adds ½λΣW² to the loss: with the same weights and batch, λ = 0.1 starts higher by about ½·0.1·2·(50 + 10)', () => {
    // He init draws W with variance 2/fan-in, so E[ΣW²] = Σ_layers 2·fan-out = 2·(50 + 10) = 120.
    const plain = runOne(ID, SMALL, 9, 0);
    const decayed = runOne(ID, SMALL, 9, 0, { run: plain.plan[1] });
    expect(decayed.run.params.weightDecay).toBe(0.1);
    const penalty = decayed.curves.loss[0] - plain.curves.loss[0];
    expect(penalty).toBeGreaterThan(5.5);
    expect(penalty).toBeLessThan(6.5);
  });

  it('replays bit for bit with the same seed and draws another curve with another seed', () => {
    const a = runOne(ID, SMALL, 3, 0);
    expect(runOne(ID, SMALL, 3, 0).curves).toEqual(a.curves);
    expect(runOne(ID, SMALL, 4, 0).curves.loss).not.toEqual(a.curves.loss);
  });

  it('stops when cancelled, as cancelled, keeping the points computed so far', () => {
    const full = runOne(ID, SMALL, 1, 0);
    const cut = runOne(ID, SMALL, 1, 0, { cancelAfter: 7 }); // epochs measured after updates 1 and 6
    expect(cut.outcome.status).toBe('cancelled');
    expect(cut.advanced).toBe(7);
    expect(cut.curves.loss).toEqual(full.curves.loss.slice(0, 7));
    expect(cut.curves.trainAcc).toEqual(full.curves.trainAcc.slice(0, 2));
    expect(cut.curves.testAcc).toEqual(full.curves.testAcc.slice(0, 2));
  });

  it('stops an absurd learning rate as diverged, keeping the curves up to it', () => {
    const { outcome, curves, advanced } = runOne(ID, { lr: 100, epochs: 5 }, 1, 0);
    expect(outcome.status).toBe('diverged');
    expect(outcome.problem).toMatchObject({ code: 'diverged', loss: null });
    const { iteration } = outcome.problem as { iteration: number };
    expect(curves.loss).toHaveLength(iteration);
    expect(Number.isFinite(curves.loss[iteration - 1])).toBe(false);
    expect(advanced).toBe(iteration - 1);
    expect(curves.trainAcc.length).toBeGreaterThanOrEqual(1);
  });
});
