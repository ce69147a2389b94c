// The bowl's runner: the positions of each optimizer's walk on f(x, y) = x²/20 + y², recorded before
// each update, as the book's optimizer_compare_naive.py prints them.
import { describe, expect, it } from 'vitest';
import { runOne } from './run-harness.ts';

const f = (x: number, y: number) => (x * x) / 20 + y * y;

describe('optimizer-paths runner', () => {
  it.each([
    [0, 'SGD', -0.387, -0.094],
    [1, 'Momentum', 0.814, 0.273],
    [2, 'AdaGrad', -0.136, 0.0],
    [3, 'Adam', 0.02, 0.322],
  ] as const)("walks run %i (%s) from (-7, 2) to the book's last recorded position (%s, %s)", (runIndex, name, x, y) => {
    const { outcome, curves, run } = runOne('optimizer-paths', {}, 1, runIndex);
    expect(run.label).toBe(name);
    expect(outcome.status).toBe('done');
    expect(curves.x).toHaveLength(30);
    expect(curves.y).toHaveLength(30);
    expect(Math.abs(curves.x[29] - x)).toBeLessThanOrEqual(0.001);
    expect(Math.abs(curves.y[29] - y)).toBeLessThanOrEqual(0.001);
  });

  it('records exactly the declared curves, the start point first, and ends with the last position and f there', () => {
    const { outcome, curves, spec } = runOne('optimizer-paths', { optimizers: ['SGD'] });
    expect(Object.keys(curves).sort()).toEqual(Object.keys(spec.curves).sort());
    expect([curves.x[0], curves.y[0]]).toEqual([-7, 2]);
    // SGD lr 0.95: (-7, 2) − 0.95·(−0.7, 4) = (−6.335, −1.8)
    expect(curves.x[1]).toBeCloseTo(-6.335, 12);
    expect(curves.y[1]).toBeCloseTo(-1.8, 12);
    expect(outcome.final.x).toBe(curves.x[29]);
    expect(outcome.final.y).toBe(curves.y[29]);
    expect(outcome.final.f).toBeCloseTo(f(curves.x[29], curves.y[29]), 12);
    expect(outcome.final.f).toBeLessThan(f(-7, 2));
  });

  it('takes the start point, the number of steps and the learning rate from the params', () => {
    const { curves } = runOne('optimizer-paths', { optimizers: ['SGD'], lrSGD: 0.1, startX: 3, startY: -4, steps: 5 });
    expect(curves.x).toHaveLength(5);
    expect([curves.x[0], curves.y[0]]).toEqual([3, -4]);
    // Each SGD step scales x by (1 − 0.1/10) and y by (1 − 0.1·2).
    for (let i = 1; i < 5; i++) {
      expect(curves.x[i]).toBeCloseTo(3 * 0.99 ** i, 12);
      expect(curves.y[i]).toBeCloseTo(-4 * 0.8 ** i, 12);
    }
  });

  it('walks RMSprop and Nesterov downhill too', () => {
    for (const name of ['RMSprop', 'Nesterov']) {
      const { outcome, curves } = runOne('optimizer-paths', { optimizers: [name] });
      expect(outcome.status).toBe('done');
      expect(curves.x).toHaveLength(30);
      expect(outcome.final.f).toBeLessThan(f(-7, 2) / 2);
    }
  });

  it('advances its one unit per path, as the spec counts', () => {
    const result = runOne('optimizer-paths', { steps: 300 }, 1, 2);
    expect(result.advanced).toBe(result.spec.units(result.params, result.run));
    expect(result.advanced).toBe(1);
  });

  it('gives the same path for every seed: the bowl has no randomness', () => {
    const a = runOne('optimizer-paths', {}, 1, 3);
    const b = runOne('optimizer-paths', {}, 2024, 3);
    expect(b.curves).toEqual(a.curves);
    expect(b.outcome).toEqual(a.outcome);
  });

  it('marks a path that overflows as diverged at its first non-finite position, keeping every point', () => {
    // SGD lr 100 multiplies y by (1 − 200) = −199 a step: |2·199^k| passes 1.8e308 at k = 134, the
    // 135th recorded position.
    const { outcome, curves } = runOne('optimizer-paths', { optimizers: ['SGD'], lrSGD: 100, steps: 200 });
    expect(outcome.status).toBe('diverged');
    expect(outcome.problem).toEqual({ code: 'diverged', iteration: 135, loss: null });
    expect(curves.y).toHaveLength(200);
    expect(curves.y.slice(0, 134).every(Number.isFinite)).toBe(true);
    expect(Number.isFinite(curves.y[134])).toBe(false);
  });
});
