// ReLU: out = max(0, x); backward passes dout where the output is positive.
import type { Kernels } from '../kernels/kernels.ts';
import type { Param } from '../param.ts';
import { NO_INPUT_GRADIENT, RowBuffers, type Layer } from './layer.ts';

export interface ReluOptions {
  /** Suffix of the layer name (Relu{index}). */
  index?: number;
  /** The preceding Affine already applied max(0, ·) (fused): forward passes its output through. */
  appliedByAffine?: boolean;
}

export class Relu implements Layer {
  readonly name: string;
  readonly size: number;
  readonly appliedByAffine: boolean;
  private readonly kernels: Kernels;
  private readonly out: RowBuffers;
  private readonly dx: RowBuffers;
  private readonly zeroBias: Float32Array;
  private y: Float32Array = NO_INPUT_GRADIENT;

  constructor(kernels: Kernels, size: number, options: ReluOptions = {}) {
    this.kernels = kernels;
    this.size = size;
    this.name = `Relu${options.index ?? ''}`;
    this.appliedByAffine = options.appliedByAffine ?? false;
    this.out = RowBuffers.inKernels(kernels, size);
    this.dx = RowBuffers.inKernels(kernels, size);
    this.zeroBias = kernels.alloc(size);
  }

  forward(x: Float32Array, rows: number, _training: boolean): Float32Array {
    if (this.appliedByAffine) {
      this.y = x;
      return x;
    }
    const y = this.out.get(rows);
    // out[x <= 0] = 0, by the kernel the fused Affine uses (adding a zero bias), so fused and unfused agree bit for bit
    y.set(x.subarray(0, rows * this.size));
    this.kernels.addBias(rows, this.size, y, this.zeroBias, true);
    this.y = y;
    return y;
  }

  backward(dout: Float32Array, rows: number): Float32Array {
    const dx = this.dx.get(rows);
    // dout[mask] = 0, mask = (x <= 0), read from the output: y > 0 exactly where x > 0
    this.kernels.reluBackward(rows * this.size, dout, this.y, dx);
    return dx;
  }

  params(): Param[] {
    return [];
  }
}
