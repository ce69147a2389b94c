// The book's optimizer_compare_naive.py: each optimizer walks the bowl f(x, y) = x²/20 + y² from a
// start point; the path is the positions recorded BEFORE each update. Scalar float64, as the book's
// numpy demo — cheap enough to recompute on every keystroke in the page, and it records each
// optimizer's state at every step so that the page can show the formulas with numbers in them.
// The worker's `optimizer-paths` runner walks the same bowl with the engine's own optimizers; a test
// checks that both give the same path.
import type { OptimizerName } from './vocabulary.ts';

/** f(x, y) = x**2 / 20.0 + y**2 */
export function bowl(x: number, y: number): number {
  return (x * x) / 20 + y * y;
}

/** df(x, y) = (x / 10.0, 2.0*y) */
export function bowlGradient(x: number, y: number): [number, number] {
  return [x / 10, 2 * y];
}

export interface PathOptions {
  lr: number;
  /** Momentum and Nesterov; default 0.9. */
  momentum?: number;
  /** RMSprop; default 0.99. */
  decay?: number;
  /** Adam; defaults 0.9 and 0.999. */
  beta1?: number;
  beta2?: number;
}

/** An optimizer's state after a step, per coordinate [x, y] (the book's v, h, m, v). */
export interface OptimizerState {
  /** Momentum, Nesterov: the velocity v. */
  v?: [number, number];
  /** AdaGrad, RMSprop: the accumulated squared gradient h. */
  h?: [number, number];
  /** Adam: the first and second moments m, v (uncorrected, as the book keeps them)… */
  m?: [number, number];
  /** …and the bias-corrected v̂ = v / (1 − β2^t). */
  vHat?: [number, number];
  /** Adam: the step's lr_t = lr·√(1 − β2^t) / (1 − β1^t). */
  lrT?: number;
}

export interface PathStep {
  /** The position before this step's update (what the book records). */
  x: number;
  y: number;
  /** The gradient at (x, y). */
  grad: [number, number];
  /** The update applied: the next position minus this one. */
  delta: [number, number];
  /** The effective learning rate per coordinate: |delta| / |grad| (NaN where the gradient is 0). */
  effectiveLr: [number, number];
  /** The state after the update. */
  state: OptimizerState;
}

const EPS = 1e-7;

/** One optimizer as a function of (position, gradient, step count) that updates its own state. */
type Stepper = (p: [number, number], g: [number, number], t: number) => OptimizerState;

function stepper(name: OptimizerName, o: PathOptions): Stepper {
  const { lr } = o;
  const momentum = o.momentum ?? 0.9;
  const pair = (): [number, number] => [0, 0];
  switch (name) {
    case 'SGD':
      // params[key] -= lr * grads[key]
      return (p, g) => {
        for (const i of [0, 1]) p[i] -= lr * g[i];
        return {};
      };
    case 'Momentum': {
      const v = pair();
      // v = momentum * v - lr * grad; params += v
      return (p, g) => {
        for (const i of [0, 1]) {
          v[i] = momentum * v[i] - lr * g[i];
          p[i] += v[i];
        }
        return { v: [v[0], v[1]] };
      };
    }
    case 'Nesterov': {
      const v = pair();
      // params += m*m*v; params -= (1+m)*lr*grad; v = m*v - lr*grad  (the book's corrected order)
      return (p, g) => {
        for (const i of [0, 1]) {
          p[i] += momentum * momentum * v[i];
          p[i] -= (1 + momentum) * lr * g[i];
          v[i] = momentum * v[i] - lr * g[i];
        }
        return { v: [v[0], v[1]] };
      };
    }
    case 'AdaGrad': {
      const h = pair();
      // h += grad * grad; params -= lr * grad / (np.sqrt(h) + 1e-7)
      return (p, g) => {
        for (const i of [0, 1]) {
          h[i] += g[i] * g[i];
          p[i] -= (lr * g[i]) / (Math.sqrt(h[i]) + EPS);
        }
        return { h: [h[0], h[1]] };
      };
    }
    case 'RMSprop': {
      const decay = o.decay ?? 0.99;
      const h = pair();
      // h *= decay_rate; h += (1 - decay_rate) * grad * grad; params -= lr * grad / (np.sqrt(h) + 1e-7)
      return (p, g) => {
        for (const i of [0, 1]) {
          h[i] = decay * h[i] + (1 - decay) * g[i] * g[i];
          p[i] -= (lr * g[i]) / (Math.sqrt(h[i]) + EPS);
        }
        return { h: [h[0], h[1]] };
      };
    }
    case 'Adam': {
      const beta1 = o.beta1 ?? 0.9;
      const beta2 = o.beta2 ?? 0.999;
      const m = pair();
      const v = pair();
      return (p, g, t) => {
        // lr_t = lr * np.sqrt(1.0 - beta2**iter) / (1.0 - beta1**iter)
        const lrT = (lr * Math.sqrt(1 - beta2 ** t)) / (1 - beta1 ** t);
        for (const i of [0, 1]) {
          // m += (1 - beta1) * (grad - m); v += (1 - beta2) * (grad**2 - v)
          m[i] += (1 - beta1) * (g[i] - m[i]);
          v[i] += (1 - beta2) * (g[i] * g[i] - v[i]);
          // params -= lr_t * m / (np.sqrt(v) + 1e-7)
          p[i] -= (lrT * m[i]) / (Math.sqrt(v[i]) + EPS);
        }
        const correction = 1 - beta2 ** t;
        return { m: [m[0], m[1]], v: [v[0], v[1]], vHat: [v[0] / correction, v[1] / correction], lrT };
      };
    }
  }
}

/**
 * `steps` steps of `name` descending the bowl from `start`: each records the position before its
 * update (so the first is the start), the gradient there, the update and the state after it.
 */
export function bowlPath(name: OptimizerName, options: PathOptions, start: readonly [number, number] = [-7, 2], steps = 30): PathStep[] {
  if (!Number.isInteger(steps) || steps < 0) throw new RangeError(`steps must be an integer >= 0, got ${steps}`);
  if (!(options.lr > 0)) throw new RangeError(`lr must be greater than 0, got ${options.lr}`);
  const step = stepper(name, options);
  const p: [number, number] = [start[0], start[1]];
  const path: PathStep[] = [];
  for (let t = 1; t <= steps; t++) {
    const [x, y] = p;
    // x_history.append(params['x']); y_history.append(params['y'])
    // grads['x'], grads['y'] = df(params['x'], params['y']); optimizer.update(params, grads)
    const grad = bowlGradient(x, y);
    const state = step(p, grad, t);
    const delta: [number, number] = [p[0] - x, p[1] - y];
    const effectiveLr: [number, number] = [Math.abs(delta[0] / grad[0]), Math.abs(delta[1] / grad[1])];
    path.push({ x, y, grad, delta, effectiveLr: effectiveLr.map((r, i) => (grad[i] === 0 ? NaN : r)) as [number, number], state });
  }
  return path;
}
