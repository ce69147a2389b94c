// The book's optimizer_compare_naive.py: each optimizer walks the bowl f(x, y) = x²/20 + y² from a
// start point; the path is the positions recorded BEFORE each update. Pure: no shared state, cheap
// enough to recompute on every keystroke in the UI.
import { createTsKernels } from './kernels/ts-kernels.ts';
import { createOptimizer, type OptimizerName, type OptimizerOptions } from './optimizers.ts';
import type { Param } from './param.ts';

export interface PathPoint {
  x: number;
  y: number;
}

/** f(x, y) = x**2 / 20.0 + y**2 */
export function bowl(x: number, y: number): number {
  return (x * x) / 20 + y * y;
}

/** df(x, y) = (x / 10.0, 2.0*y) */
export function bowlGradient(x: number, y: number): [number, number] {
  return [x / 10, 2 * y];
}

/** The book's 2-D demo settings: SGD lr 0.95, Momentum lr 0.1, AdaGrad lr 1.5, Adam lr 0.3. */
export const BOOK_PATH_LEARNING_RATES: Readonly<Partial<Record<OptimizerName, number>>> = {
  SGD: 0.95,
  Momentum: 0.1,
  AdaGrad: 1.5,
  Adam: 0.3,
};

/**
 * `steps` positions of `name` (with `options`) descending the bowl from `start`, each recorded
 * before its update (so the first point is the start). Parameters are float32, as in the nets.
 */
export function optimizerPath(
  name: OptimizerName,
  options: Omit<OptimizerOptions, 'kernels'> = {},
  start: readonly [number, number] = [-7, 2],
  steps = 30,
): PathPoint[] {
  if (!Number.isInteger(steps) || steps < 0) throw new RangeError(`steps must be an integer >= 0, got ${steps}`);
  const kernels = createTsKernels();
  const px: Param = { name: 'x', value: Float32Array.of(start[0]), grad: new Float32Array(1), shape: [1] };
  const py: Param = { name: 'y', value: Float32Array.of(start[1]), grad: new Float32Array(1), shape: [1] };
  const params = [px, py];
  const optimizer = createOptimizer(name, { ...options, kernels });
  const path: PathPoint[] = [];
  for (let i = 0; i < steps; i++) {
    const x = px.value[0];
    const y = py.value[0];
    // x_history.append(params['x']); y_history.append(params['y'])
    path.push({ x, y });
    // grads['x'], grads['y'] = df(params['x'], params['y']); optimizer.update(params, grads)
    [px.grad[0], py.grad[0]] = bowlGradient(x, y);
    optimizer.step(params);
  }
  return path;
}
