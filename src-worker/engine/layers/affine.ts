// Affine: out = x·W + b (W is fanIn×fanOut). Optionally fused with the ReLU that follows it.
import type { Kernels } from '../kernels/kernels.ts';
import { createParam, type Param } from '../param.ts';
import { NO_INPUT_GRADIENT, RowBuffers, type Layer } from './layer.ts';

export interface AffineOptions {
  /** Suffix of the parameter names: W{index}, b{index}. */
  index: number;
  /**
   * Apply max(0, ·) in the same pass as the bias (`addBias(..., relu=true)`). Only valid when a
   * `Relu` constructed with `appliedByAffine: true` follows; the pair computes exactly what
   * Affine → Relu computes.
   */
  fuseRelu?: boolean;
  /** Compute dx in backward. The network's first layer skips it: nobody needs dL/dinput. */
  computeInputGradient?: boolean;
}

export class Affine implements Layer {
  readonly name: string;
  readonly W: Param;
  readonly b: Param;
  readonly inputSize: number;
  readonly outputSize: number;
  readonly fuseRelu: boolean;
  readonly computeInputGradient: boolean;
  private readonly kernels: Kernels;
  private readonly out: RowBuffers;
  private readonly dx: RowBuffers;
  private x: Float32Array = NO_INPUT_GRADIENT;

  constructor(kernels: Kernels, inputSize: number, outputSize: number, options: AffineOptions) {
    this.kernels = kernels;
    this.inputSize = inputSize;
    this.outputSize = outputSize;
    this.name = `Affine${options.index}`;
    this.fuseRelu = options.fuseRelu ?? false;
    this.computeInputGradient = options.computeInputGradient ?? true;
    this.W = createParam(kernels, `W${options.index}`, [inputSize, outputSize]);
    this.b = createParam(kernels, `b${options.index}`, [outputSize]);
    this.out = RowBuffers.inKernels(kernels, outputSize);
    this.dx = RowBuffers.inKernels(kernels, inputSize);
  }

  forward(x: Float32Array, rows: number, _training: boolean): Float32Array {
    const out = this.out.get(rows);
    // out = np.dot(x, W) + b
    this.kernels.gemm(rows, this.outputSize, this.inputSize, x, false, this.W.value, false, out, false);
    this.kernels.addBias(rows, this.outputSize, out, this.b.value, this.fuseRelu);
    this.x = x;
    return out;
  }

  backward(dout: Float32Array, rows: number): Float32Array {
    const k = this.kernels;
    // dW = np.dot(x.T, dout)
    k.gemm(this.inputSize, this.outputSize, rows, this.x, true, dout, false, this.W.grad, false);
    // db = np.sum(dout, axis=0)
    k.colSums(rows, this.outputSize, dout, this.b.grad);
    if (!this.computeInputGradient) return NO_INPUT_GRADIENT;
    const dx = this.dx.get(rows);
    // dx = np.dot(dout, W.T)
    k.gemm(rows, this.inputSize, this.outputSize, dout, false, this.W.value, true, dx, false);
    return dx;
  }

  params(): Param[] {
    return [this.W, this.b];
  }
}
