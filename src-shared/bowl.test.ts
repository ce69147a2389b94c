import { describe, expect, it } from 'vitest';
import { bowl, bowlGradient, bowlPath } from './bowl.ts';

const positions = (path: ReturnType<typeof bowlPath>) => path.map(({ x, y }) => ({ x, y }));

describe("bowlPath on f = x²/20 + y² (the book's optimizer_compare_naive.py)", () => {
  it.each([
    ['SGD', 0.95, -0.387, -0.094],
    ['Momentum', 0.1, 0.814, 0.273],
    ['AdaGrad', 1.5, -0.136, 0.0],
    ['Adam', 0.3, 0.02, 0.322],
  ] as const)("%s with lr %s ends at the book's last recorded position", (name, lr, x, y) => {
    const path = bowlPath(name, { lr }, [-7, 2], 30);
    expect(path.length).toBe(30);
    expect(positions(path)[0]).toEqual({ x: -7, y: 2 });
    const last = path[29];
    expect(Math.abs(last.x - x)).toBeLessThanOrEqual(0.001);
    expect(Math.abs(last.y - y)).toBeLessThanOrEqual(0.001);
  });

  it('records the position before each update, the gradient there and the update taken', () => {
    // SGD lr 0.95: (-7, 2) → (-7 + 0.95·0.7, 2 - 0.95·4) = (-6.335, -1.8)
    const [p0, p1] = bowlPath('SGD', { lr: 0.95 });
    expect(p0).toMatchObject({ x: -7, y: 2, grad: [-0.7, 4] });
    expect(p0.delta[0]).toBeCloseTo(0.665, 12);
    expect(p0.delta[1]).toBeCloseTo(-3.8, 12);
    expect(p0.effectiveLr[0]).toBeCloseTo(0.95, 12);
    expect(p1.x).toBeCloseTo(-6.335, 12);
    expect(p1.y).toBeCloseTo(-1.8, 12);
  });

  it("keeps Adam's m, v, v̂ and lr_t as the book's formulas give them at step 1", () => {
    const [first] = bowlPath('Adam', { lr: 0.3 });
    // m = 0.1·g, v = 0.001·g², v̂ = v / (1 − 0.999), lr_1 = 0.3·√0.001 / 0.1
    expect(first.state.m![0]).toBeCloseTo(-0.07, 12);
    expect(first.state.v![1]).toBeCloseTo(0.016, 12);
    expect(first.state.vHat![1]).toBeCloseTo(16, 9);
    expect(first.state.lrT).toBeCloseTo((0.3 * Math.sqrt(0.001)) / 0.1, 12);
    // The first step moves each coordinate by about lr (m/√v = sign(g)·√0.1/0.1·0.1…): |Δ| ≈ 0.3.
    expect(Math.abs(first.delta[0])).toBeCloseTo(0.3, 4);
  });

  it('runs RMSprop and Nesterov too, from any start, and gives an empty path for 0 steps', () => {
    for (const name of ['RMSprop', 'Nesterov'] as const) {
      const path = bowlPath(name, { lr: 0.1 }, [3, -1], 50);
      expect(path.length).toBe(50);
      expect(bowl(path[49].x, path[49].y)).toBeLessThan(bowl(3, -1));
      expect(path[49].state).toHaveProperty(name === 'RMSprop' ? 'h' : 'v');
    }
    expect(bowlPath('SGD', { lr: 0.1 }, [-7, 2], 0)).toEqual([]);
    expect(() => bowlPath('SGD', { lr: 0 })).toThrow(/lr must be greater than 0/);
  });

  it('defines the bowl and its gradient', () => {
    expect(bowl(-7, 2)).toBeCloseTo(6.45, 12);
    expect(bowlGradient(-7, 2)).toEqual([-0.7, 4]);
  });
});
