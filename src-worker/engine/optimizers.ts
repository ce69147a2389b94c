// The book's optimizers (common/optimizer.py): `step(params)` applies one update from each
// Param.grad to its Param.value, with per-parameter state created lazily on the first step, as the
// book's `update(params, grads)` does. The element-wise work runs in the kernels; pass the network's
// own context (`{ kernels: net.kernels }`): state arrays are allocated from it and every array the
// kernels touch must come from one context.
import type { Kernels } from './kernels/kernels.ts';
import { createTsKernels } from './kernels/ts-kernels.ts';
import { OPTIMIZERS, type OptimizerName } from '../../src-shared/vocabulary.ts';
import type { Param } from './param.ts';

export type { OptimizerName } from '../../src-shared/vocabulary.ts';

export interface Optimizer {
  readonly name: OptimizerName;
  readonly lr: number;
  /** The context whose kernels run the updates (and whose memory holds the state). */
  readonly kernels: Kernels;
  /** One update of every param from its grad. */
  step(params: readonly Param[]): void;
}

export interface OptimizerOptions {
  /** Learning rate; defaults 0.01, Adam 0.001. */
  lr?: number;
  /** Momentum and Nesterov; default 0.9. */
  momentum?: number;
  /** RMSprop's decay rate; default 0.99. */
  decay?: number;
  /** Adam; defaults 0.9 and 0.999. */
  beta1?: number;
  beta2?: number;
  /**
   * Adam's ε. 'book' form: added to sqrt(v) of the uncorrected v, default 1e-7 (the book's Adam).
   * 'paper' form: added to sqrt(v̂) of the bias-corrected v̂ (Kingma & Ba), default 1e-8.
   */
  eps?: number;
  /** Adam only; default 'book'. */
  form?: 'book' | 'paper';
  /** Default: the TS reference kernels (fine for the 2-D demos; pass the network's context for nets). */
  kernels?: Kernels;
}

/** Per-parameter state arrays, created on a parameter's first step. */
abstract class BaseOptimizer implements Optimizer {
  abstract readonly name: OptimizerName;
  readonly lr: number;
  readonly kernels: Kernels;
  private readonly states = new Map<Param, Float32Array[]>();

  constructor(options: OptimizerOptions, defaultLr: number) {
    this.lr = checkRange('lr', options.lr ?? defaultLr, 0, Infinity);
    this.kernels = options.kernels ?? createTsKernels();
  }

  abstract step(params: readonly Param[]): void;

  /** `slots` zero-filled arrays the size of `p` (the book's np.zeros_like), the same ones every step. */
  protected state(p: Param, slots: number): Float32Array[] {
    let state = this.states.get(p);
    if (state === undefined) {
      if (p.grad.length !== p.value.length) throw new RangeError(`${p.name}: grad and value sizes differ`);
      state = [];
      for (let i = 0; i < slots; i++) state.push(this.kernels.alloc(p.value.length));
      this.states.set(p, state);
    }
    return state;
  }
}

export class SGD extends BaseOptimizer {
  readonly name = 'SGD';

  constructor(options: OptimizerOptions = {}) {
    super(options, 0.01);
  }

  step(params: readonly Param[]): void {
    // params[key] -= lr * grads[key]
    for (const p of params) this.kernels.sgd(p.value.length, p.value, p.grad, this.lr);
  }
}

export class Momentum extends BaseOptimizer {
  readonly name = 'Momentum';
  readonly momentum: number;

  constructor(options: OptimizerOptions = {}) {
    super(options, 0.01);
    this.momentum = checkRange('momentum', options.momentum ?? 0.9, 0, 1);
  }

  step(params: readonly Param[]): void {
    for (const p of params) {
      const [v] = this.state(p, 1);
      // v = momentum * v - lr * grad; params += v
      this.kernels.momentum(p.value.length, p.value, p.grad, v, this.lr, this.momentum);
    }
  }
}

/**
 * Nesterov's accelerated gradient in the book's reformulation (common/optimizer.py, current order):
 * the parameter moves first with the old v, then v is updated. Some copies of the book update v
 * first and then use the new v in the parameter step, which is wrong (it double-counts the gradient).
 */
export class Nesterov extends BaseOptimizer {
  readonly name = 'Nesterov';
  readonly momentum: number;

  constructor(options: OptimizerOptions = {}) {
    super(options, 0.01);
    this.momentum = checkRange('momentum', options.momentum ?? 0.9, 0, 1);
  }

  step(params: readonly Param[]): void {
    for (const p of params) {
      const [v] = this.state(p, 1);
      // params += m*m*v; params -= (1+m)*lr*grad; v = m*v - lr*grad
      this.kernels.nesterov(p.value.length, p.value, p.grad, v, this.lr, this.momentum);
    }
  }
}

export class AdaGrad extends BaseOptimizer {
  readonly name = 'AdaGrad';

  constructor(options: OptimizerOptions = {}) {
    super(options, 0.01);
  }

  step(params: readonly Param[]): void {
    for (const p of params) {
      const [h] = this.state(p, 1);
      // h += grad * grad; params -= lr * grad / (np.sqrt(h) + 1e-7)
      this.kernels.adagrad(p.value.length, p.value, p.grad, h, this.lr);
    }
  }
}

export class RMSprop extends BaseOptimizer {
  readonly name = 'RMSprop';
  readonly decay: number;

  constructor(options: OptimizerOptions = {}) {
    super(options, 0.01);
    this.decay = checkRange('decay', options.decay ?? 0.99, 0, 1, true);
  }

  step(params: readonly Param[]): void {
    for (const p of params) {
      const [h] = this.state(p, 1);
      // h *= decay_rate; h += (1 - decay_rate) * grad * grad; params -= lr * grad / (np.sqrt(h) + 1e-7)
      this.kernels.rmsprop(p.value.length, p.value, p.grad, h, this.lr, this.decay);
    }
  }
}

export class Adam extends BaseOptimizer {
  readonly name = 'Adam';
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
  readonly form: 'book' | 'paper';
  /** Updates so far (the book's `self.iter`), shared by all params as in the book. */
  iteration = 0;

  constructor(options: OptimizerOptions = {}) {
    super(options, 0.001);
    this.beta1 = checkRange('beta1', options.beta1 ?? 0.9, 0, 1);
    this.beta2 = checkRange('beta2', options.beta2 ?? 0.999, 0, 1);
    this.form = options.form ?? 'book';
    if (this.form !== 'book' && this.form !== 'paper') throw new RangeError(`unknown Adam form ${JSON.stringify(this.form)}`);
    this.eps = checkRange('eps', options.eps ?? (this.form === 'book' ? 1e-7 : 1e-8), 0, Infinity);
  }

  step(params: readonly Param[]): void {
    this.iteration += 1;
    const t = this.iteration;
    // lr_t = lr * np.sqrt(1.0 - beta2**iter) / (1.0 - beta1**iter)
    const correction2 = Math.sqrt(1 - this.beta2 ** t);
    const lrT = (this.lr * correction2) / (1 - this.beta1 ** t);
    // Paper: lr·m̂/(sqrt(v̂)+ε) = lr_t·m/(sqrt(v) + ε·sqrt(1-β2^t)), so the same kernel serves both.
    const eps = this.form === 'book' ? this.eps : this.eps * correction2;
    for (const p of params) {
      const [m, v] = this.state(p, 2);
      // m += (1 - beta1) * (grad - m); v += (1 - beta2) * (grad**2 - v); params -= lr_t * m / (np.sqrt(v) + 1e-7)
      this.kernels.adam(p.value.length, p.value, p.grad, m, v, lrT, this.beta1, this.beta2, eps);
    }
  }
}

/** An optimizer by its book name; options that do not apply to it are ignored. */
export function createOptimizer(name: OptimizerName, options: OptimizerOptions = {}): Optimizer {
  switch (name) {
    case 'SGD':
      return new SGD(options);
    case 'Momentum':
      return new Momentum(options);
    case 'Nesterov':
      return new Nesterov(options);
    case 'AdaGrad':
      return new AdaGrad(options);
    case 'RMSprop':
      return new RMSprop(options);
    case 'Adam':
      return new Adam(options);
    default:
      throw new RangeError(`unknown optimizer ${JSON.stringify(name)}; one of ${OPTIMIZERS.join(', ')}`);
  }
}

/** `value` if lo <= value < hi (or <= hi when `inclusiveHi`), else a RangeError naming it. */
function checkRange(what: string, value: number, lo: number, hi: number, inclusiveHi = false): number {
  const ok = value >= lo && (inclusiveHi ? value <= hi : value < hi) && !Number.isNaN(value);
  if (!ok) throw new RangeError(`${what} must be in [${lo}, ${hi}${inclusiveHi ? ']' : ')'}, got ${value}`);
  return value;
}
