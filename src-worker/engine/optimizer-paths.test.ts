import { describe, expect, it } from 'vitest';
import { bowl, bowlGradient, optimizerPath } from './optimizer-paths.ts';

describe('optimizerPath on f = x²/20 + y² (the book\'s optimizer_compare_naive.py)', () => {
  it.each([
    ['SGD', 0.95, -0.387, -0.094],
    ['Momentum', 0.1, 0.814, 0.273],
    ['AdaGrad', 1.5, -0.136, 0.0],
    ['Adam', 0.3, 0.02, 0.322],
  ] as const)('%s with lr %s ends at the book\'s last recorded position', (name, lr, x, y) => {
    const path = optimizerPath(name, { lr }, [-7, 2], 30);
    expect(path.length).toBe(30);
    expect(path[0]).toEqual({ x: -7, y: 2 });
    const last = path[29];
    expect(Math.abs(last.x - x)).toBeLessThanOrEqual(0.001);
    expect(Math.abs(last.y - y)).toBeLessThanOrEqual(0.001);
  });

  it('records the position before each update', () => {
    // SGD lr 0.95: (-7, 2) → (-7 + 0.95·0.7, 2 - 0.95·4) = (-6.335, -1.8)
    const [p0, p1] = optimizerPath('SGD', { lr: 0.95 });
    expect(p0).toEqual({ x: -7, y: 2 });
    expect(p1.x).toBeCloseTo(-6.335, 5);
    expect(p1.y).toBeCloseTo(-1.8, 5);
  });

  it('runs RMSprop and Nesterov too, from any start, and gives an empty path for 0 steps', () => {
    for (const name of ['RMSprop', 'Nesterov'] as const) {
      const path = optimizerPath(name, { lr: 0.1 }, [3, -1], 50);
      expect(path.length).toBe(50);
      expect(bowl(path[49].x, path[49].y)).toBeLessThan(bowl(3, -1));
    }
    expect(optimizerPath('SGD', {}, [-7, 2], 0)).toEqual([]);
  });

  it('defines the bowl and its gradient', () => {
    expect(bowl(-7, 2)).toBeCloseTo(6.45, 12);
    expect(bowlGradient(-7, 2)).toEqual([-0.7, 4]);
  });
});
