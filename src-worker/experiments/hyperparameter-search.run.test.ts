// One trial of the random search (the book's hyperparameter_optimization.py): the first
// `trainSize` images shuffled once per job, ⌊trainSize·rate⌋ held out for validation; the trial
// trains on the rest with its own minibatches and records validation and training accuracy per
// epoch. The test set is never touched.
import { describe, expect, it } from 'vitest';
import type { Mnist } from '../data/mnist-types.ts';
import { shuffledSplit } from './hyperparameter-search.run.ts';
import { cachedMnist, runOne, validParams } from './run-harness.ts';

const ID = 'hyperparameter-search';
// 100 images: 20 for validation, 80 to train in batches of 20 (4 iterations an epoch).
const SMALL = {
  trials: 3,
  trainSize: 100,
  validationRate: 0.2,
  batchSize: 20,
  epochs: 4,
  hiddenSizes: [40, 20],
  lrMinExp: -2,
  lrMaxExp: -1,
};
const isWhole = (v: number) => Math.abs(v - Math.round(v)) < 1e-9;

/** MNIST whose test set throws when looked at. */
function withoutTestSet(): Mnist {
  const real = cachedMnist();
  return {
    train: real.train,
    get test(): Mnist['test'] {
      throw new Error('the search read the test set');
    },
  };
}

describe('hyperparameter-search runner', () => {
  it('records validation and training accuracy once per epoch, the declared curves only', () => {
    const { outcome, curves, advanced, spec, params, run } = runOne(ID, SMALL, 1, 0);
    expect(run.label).toBe('trial 1');
    expect(outcome.status).toBe('done');
    expect(Object.keys(curves).sort()).toEqual(['trainAcc', 'valAcc']);
    expect(Object.keys(curves).sort()).toEqual(Object.keys(spec.curves).sort());
    expect(curves.valAcc).toHaveLength(4);
    expect(curves.trainAcc).toHaveLength(4);
    expect([...curves.valAcc, ...curves.trainAcc].every((v) => v >= 0 && v <= 1)).toBe(true);
    // Validation accuracy counts the 20 held-out images, training accuracy the 80 others.
    expect(curves.valAcc.every((v) => isWhole(v * 20))).toBe(true);
    expect(curves.trainAcc.every((v) => isWhole(v * 80))).toBe(true);
    expect(outcome.final).toMatchObject({ valAcc: curves.valAcc[3], trainAcc: curves.trainAcc[3] });
    expect(Object.keys(outcome.final).some((k) => /test/i.test(k))).toBe(false);
    expect(advanced).toBe(spec.units(params, run));
    expect(advanced).toBe(3 * 4 + 1);
  });

  it('never touches the test set', () => {
    const { outcome, curves } = runOne(ID, SMALL, 1, 1, { mnist: withoutTestSet() });
    expect(outcome.status).toBe('done');
    expect(curves.valAcc).toHaveLength(4);
  });

  it('holds out a shuffled validation part of the first images, disjoint from the training part', () => {
    const params = validParams(ID, { trainSize: 500, validationRate: 0.2 });
    const { validation, train } = shuffledSplit(1, params);
    expect(validation).toHaveLength(100);
    expect(train).toHaveLength(400);
    const all = [...validation, ...train].sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: 500 }, (_, i) => i));
    // Shuffled, not the first 100 in order; the same split for the same seed, another for another.
    expect(Array.from(validation)).not.toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(shuffledSplit(1, params)).toEqual({ validation, train });
    expect(Array.from(shuffledSplit(2, params).validation)).not.toEqual(Array.from(validation));
  });

  it('gives each trial its own learning rate and minibatches', () => {
    const first = runOne(ID, SMALL, 5, 0);
    const second = runOne(ID, SMALL, 5, 1);
    expect(second.run.params.lr).not.toBe(first.run.params.lr);
    expect(second.curves.valAcc).not.toEqual(first.curves.valAcc);
  });

  it('replays bit for bit with the same seed and draws another trial with another seed', () => {
    const a = runOne(ID, SMALL, 8, 2);
    expect(runOne(ID, SMALL, 8, 2).curves).toEqual(a.curves);
    const b = runOne(ID, SMALL, 9, 2);
    expect(b.run.params.lr).not.toBe(a.run.params.lr);
    expect([...b.curves.valAcc, ...b.curves.trainAcc]).not.toEqual([...a.curves.valAcc, ...a.curves.trainAcc]);
  });

  it('stops when cancelled, as cancelled, keeping the epochs measured so far', () => {
    const full = runOne(ID, SMALL, 1, 0);
    const cut = runOne(ID, SMALL, 1, 0, { cancelAfter: 6 }); // epochs measured after updates 1 and 5
    expect(cut.outcome.status).toBe('cancelled');
    expect(cut.advanced).toBe(6);
    expect(cut.curves.valAcc).toEqual(full.curves.valAcc.slice(0, 2));
    expect(cut.curves.trainAcc).toEqual(full.curves.trainAcc.slice(0, 2));
  });

  it('stops a trial whose learning rate explodes as diverged', () => {
    // lr = 10^2 for every trial, on the book's 784-[100]*6-10 network.
    const { outcome, advanced } = runOne(ID, { trials: 1, lrMinExp: 2, lrMaxExp: 2, epochs: 5 }, 1, 0);
    expect(outcome.status).toBe('diverged');
    expect(outcome.problem).toMatchObject({ code: 'diverged', loss: null });
    expect(advanced).toBe((outcome.problem as { iteration: number }).iteration - 1);
  });
});
