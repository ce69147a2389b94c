// The batch-norm grid's runner: one network of a weight scale, with or without BatchNorm, on the
// first `trainSize` images with the job's shared minibatches; training accuracy once per epoch
// (after each epoch's first update, as batch_norm_test.py's `if i % iter_per_epoch == 0`).
import { describe, expect, it } from 'vitest';
import { runOne } from './run-harness.ts';

const ID = 'batchnorm-compare';
// 200 images, batch 20 (10 iterations an epoch), 5 narrow layers as in the book's [100]*5.
const SMALL = { trainSize: 200, batchSize: 20, epochs: 4, hiddenSizes: [50, 50, 50, 50, 50] };

describe('batchnorm-compare runner', () => {
  it('records training accuracy once per epoch, in [0, 1], on the training images it learns from', () => {
    const { outcome, curves, advanced, spec, params, run } = runOne(ID, SMALL, 1, 0);
    expect(run.label).toBe('BN · w=1');
    expect(outcome.status).toBe('done');
    expect(Object.keys(curves)).toEqual(Object.keys(spec.curves));
    expect(curves.trainAcc).toHaveLength(4);
    for (const acc of curves.trainAcc) {
      expect(acc).toBeGreaterThanOrEqual(0);
      expect(acc).toBeLessThanOrEqual(1);
      // Measured over the 200 training images: a whole number of them is right.
      expect(Math.abs(acc * 200 - Math.round(acc * 200))).toBeLessThan(1e-9);
    }
    expect(outcome.final.trainAcc).toBe(curves.trainAcc[3]);
    expect(advanced).toBe(spec.units(params, run));
    expect(advanced).toBe(3 * 10 + 1);
  });

  it('rounds a partial epoch up: 190 images in batches of 20 make 10 iterations an epoch', () => {
    const { curves, advanced, spec, params, run } = runOne(ID, { ...SMALL, trainSize: 190, epochs: 3 }, 1, 0);
    expect(curves.trainAcc).toHaveLength(3);
    expect(advanced).toBe(2 * 10 + 1);
    expect(advanced).toBe(spec.units(params, run));
  });

  it("shows the book's finding at w = 0.0001: only the BatchNorm network learns", () => {
    const params = { ...SMALL, epochs: 8 };
    const bn = runOne(ID, params, 1, 30);
    const plain = runOne(ID, params, 1, 31);
    expect(bn.run.label).toBe('BN · w=0.0001');
    expect(plain.run.label).toBe('plain · w=0.0001');
    expect(plain.outcome.status).toBe('done');
    // Without BN the signal vanishes through five layers: chance level throughout.
    expect(Math.max(...plain.curves.trainAcc)).toBeLessThan(0.2);
    expect(bn.curves.trainAcc[7]).toBeGreaterThan(plain.curves.trainAcc[7] + 0.05);
  });

  it('replays bit for bit with the same seed and draws another curve with another seed', () => {
    const a = runOne(ID, SMALL, 4, 2);
    expect(runOne(ID, SMALL, 4, 2).curves).toEqual(a.curves);
    expect(runOne(ID, SMALL, 5, 2).curves.trainAcc).not.toEqual(a.curves.trainAcc);
  });

  it('stops when cancelled, as cancelled, keeping the epochs measured so far', () => {
    const full = runOne(ID, SMALL, 1, 0);
    // 15 updates: epochs are measured after updates 1 and 11.
    const cut = runOne(ID, SMALL, 1, 0, { cancelAfter: 15 });
    expect(cut.outcome.status).toBe('cancelled');
    expect(cut.advanced).toBe(15);
    expect(cut.curves.trainAcc).toEqual(full.curves.trainAcc.slice(0, 2));
  });

  it('stops the plain network at weight std 1 as diverged, keeping the epochs measured before', () => {
    const { outcome, curves, advanced, run } = runOne(ID, SMALL, 1, 1);
    expect(run.label).toBe('plain · w=1');
    expect(outcome.status).toBe('diverged');
    expect(outcome.problem).toMatchObject({ code: 'diverged', loss: null });
    const { iteration } = outcome.problem as { iteration: number };
    expect(advanced).toBe(iteration - 1);
    // One accuracy per epoch begun before the divergence (epochs start at updates 1, 11, 21, …).
    expect(curves.trainAcc).toHaveLength(Math.ceil((iteration - 1) / 10));
    expect(curves.trainAcc.every((v) => v >= 0 && v <= 1)).toBe(true);
  });
});
