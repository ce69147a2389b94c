// Dropout as the book writes it (not "inverted" dropout): training keeps a unit where
// rand > ratio and zeroes the rest; inference scales every unit by (1 - ratio).
import type { Kernels } from '../kernels/kernels.ts';
import type { Param } from '../param.ts';
import type { Rng } from '../../../src-shared/rng.ts';
import { RowBuffers, type Layer } from './layer.ts';

export interface DropoutOptions {
  index?: number;
  /** The book's dropout_ratio: the probability of dropping a unit. 0 <= ratio < 1. */
  ratio?: number;
}

export class Dropout implements Layer {
  readonly name: string;
  readonly size: number;
  readonly ratio: number;
  /**
   * When true, training forwards reuse the mask already drawn for that batch size instead of
   * drawing a new one (gradient checks need one fixed mask across many forwards).
   */
  frozen = false;
  private readonly kernels: Kernels;
  private readonly rng: Rng;
  private readonly out: RowBuffers;
  private readonly dx: RowBuffers;
  private readonly masks: RowBuffers;
  private readonly drawn = new Set<number>();
  private mask: Float32Array;

  constructor(kernels: Kernels, size: number, rng: Rng, options: DropoutOptions = {}) {
    const ratio = options.ratio ?? 0.5;
    if (!(ratio >= 0 && ratio < 1)) throw new RangeError(`dropout ratio must be in [0, 1), got ${ratio}`);
    this.kernels = kernels;
    this.size = size;
    this.rng = rng;
    this.ratio = ratio;
    this.name = `Dropout${options.index ?? ''}`;
    this.out = RowBuffers.inKernels(kernels, size);
    this.dx = RowBuffers.inKernels(kernels, size);
    this.masks = RowBuffers.inKernels(kernels, size);
    this.mask = new Float32Array(0);
  }

  /**
   * The 0/1 mask training forwards use for `rows` rows: the last one drawn, or a new one when none
   * was drawn yet. (Gradient checks read it to replay the exact forward.)
   */
  maskFor(rows: number): Float32Array {
    if (!this.drawn.has(rows)) this.drawMask(rows);
    return this.masks.get(rows);
  }

  /** Fixes the mask for `rows` rows (values are taken as given, normally 0/1) and freezes the layer. */
  setMask(rows: number, mask: ArrayLike<number>): void {
    if (mask.length !== rows * this.size) throw new RangeError(`mask needs ${rows * this.size} values, got ${mask.length}`);
    this.masks.get(rows).set(mask);
    this.drawn.add(rows);
    this.frozen = true;
  }

  forward(x: Float32Array, rows: number, training: boolean): Float32Array {
    const n = rows * this.size;
    const y = this.out.get(rows);
    if (training) {
      if (!this.frozen || !this.drawn.has(rows)) this.drawMask(rows);
      const mask = this.masks.get(rows);
      // return x * mask
      this.kernels.mul(n, x, mask, y);
      this.mask = mask;
    } else {
      // return x * (1.0 - dropout_ratio)
      this.kernels.scale(n, x, 1 - this.ratio, y);
    }
    return y;
  }

  backward(dout: Float32Array, rows: number): Float32Array {
    const dx = this.dx.get(rows);
    // return dout * mask
    this.kernels.mul(rows * this.size, dout, this.mask, dx);
    return dx;
  }

  params(): Param[] {
    return [];
  }

  private drawMask(rows: number): void {
    // mask = np.random.rand(*x.shape) > dropout_ratio
    this.rng.fillKeepMask(this.masks.get(rows), this.ratio, rows * this.size);
    this.drawn.add(rows);
  }
}
