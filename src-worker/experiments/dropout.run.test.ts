// The dropout runner (the book's overfit_dropout.py): the weight-decay experiment's training with
// dropout after every hidden activation; ratio 0 is the network without dropout.
import { describe, expect, it } from 'vitest';
import { runOne } from './run-harness.ts';

const ID = 'dropout';
const SMALL = { trainSize: 100, batchSize: 20, epochs: 4, hiddenSizes: [40, 30], compareWithout: true };

describe('dropout runner', () => {
  it('records the loss per iteration and train/test accuracy per epoch, and ends with their last values', () => {
    const { outcome, curves, advanced, spec, params, run } = runOne(ID, SMALL, 1, 0);
    expect(run.label).toBe('dropout 0.2');
    expect(outcome.status).toBe('done');
    expect(Object.keys(curves).sort()).toEqual(Object.keys(spec.curves).sort());
    expect(curves.loss).toHaveLength(3 * 5 + 1);
    expect(curves.trainAcc).toHaveLength(4);
    expect(curves.testAcc).toHaveLength(4);
    expect(curves.loss.every((v) => Number.isFinite(v) && v > 0)).toBe(true);
    expect([...curves.trainAcc, ...curves.testAcc].every((v) => v >= 0 && v <= 1)).toBe(true);
    expect(outcome.final).toMatchObject({ trainAcc: curves.trainAcc[3], testAcc: curves.testAcc[3] });
    expect(advanced).toBe(spec.units(params, run));
  });

  it('trains the network without dropout exactly as the weight-decay experiment trains λ = 0', () => {
    const without = runOne(ID, SMALL, 6, 1);
    expect(without.run.params.dropoutRatio).toBe(0);
    const { compareWithout: _, ...shared } = SMALL;
    const lambda0 = runOne('overfit-weight-decay', { ...shared, lambdas: [0, 0.1] }, 6, 1, {
      run: { label: 'λ=0', params: { weightDecay: 0, optimizer: 'SGD', lr: 0.01, init: 'he' } },
    });
    expect(without.curves).toEqual(lambda0.curves);
  });

  it('switches units off while training: the same weights and batch give another first loss', () => {
    const withDropout = runOne(ID, SMALL, 6, 1, { run: runOne(ID, SMALL, 6, 0).run });
    const without = runOne(ID, SMALL, 6, 1);
    expect(withDropout.run.params.dropoutRatio).toBe(0.2);
    expect(withDropout.curves.loss[0]).not.toBe(without.curves.loss[0]);
  });

  it('replays bit for bit with the same seed (the masks too) and draws another curve with another seed', () => {
    const a = runOne(ID, SMALL, 2, 0);
    expect(runOne(ID, SMALL, 2, 0).curves).toEqual(a.curves);
    expect(runOne(ID, SMALL, 3, 0).curves.loss).not.toEqual(a.curves.loss);
  });

  it('stops when cancelled, as cancelled, keeping the points computed so far', () => {
    const full = runOne(ID, SMALL, 1, 0);
    const cut = runOne(ID, SMALL, 1, 0, { cancelAfter: 12 }); // epochs measured after updates 1, 6 and 11
    expect(cut.outcome.status).toBe('cancelled');
    expect(cut.advanced).toBe(12);
    expect(cut.curves.loss).toEqual(full.curves.loss.slice(0, 12));
    expect(cut.curves.trainAcc).toEqual(full.curves.trainAcc.slice(0, 3));
  });

  it('stops an absurd learning rate as diverged', () => {
    const { outcome, curves } = runOne(ID, { lr: 100, epochs: 5 }, 1, 0);
    expect(outcome.status).toBe('diverged');
    expect(outcome.problem).toMatchObject({ code: 'diverged', loss: null });
    expect(curves.loss).toHaveLength((outcome.problem as { iteration: number }).iteration);
  });
});
