// Affine: out = x·W + b (W is fanIn×fanOut). Optionally fused with the ReLU that follows it.
// The network's first Affine reads the data itself, MNIST pixels that are ~81% zeros: with
// `sparseInput` it multiplies only the non-zero pixels (x·W and dW = xᵀ·dout), the same chains of
// multiply-adds as the dense GEMM without the zero terms (docs/ARCHITECTURE.md, "Sparse first layer").
import type { Kernels, RowGroups, SparseRows } from '../kernels/kernels.ts';
import { SPARSE_SLACK } from '../kernels/sparse-rows.ts';
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
  /**
   * Multiply through the input's non-zero entries when at most SPARSE_MAX_DENSITY of them are
   * non-zero (the dense GEMM otherwise). For an input that is data, not a layer's output.
   */
  sparseInput?: boolean;
}

/**
 * Above this share of non-zero inputs the dense GEMM is faster than the sparse product. Measured on
 * the 784×100 layer at batch 128, forward and dW: the sparse path 2.5× faster at 20% non-zero (MNIST
 * holds 19%), even at 40-50%, 0.76× at 60%.
 */
export const SPARSE_MAX_DENSITY = 0.5;

/**
 * The entries to keep room for in a sparse input of rows×cols: SPARSE_MAX_DENSITY of it, so that
 * a denser batch fails to fit (toSparse answers -1) and takes the dense GEMM — and a batch of
 * 60,000 images needs half the memory a room for every pixel would.
 */
export function sparseInputCapacity(rows: number, cols: number): number {
  return Math.ceil(rows * cols * SPARSE_MAX_DENSITY) + SPARSE_SLACK;
}

export class Affine implements Layer {
  readonly name: string;
  readonly W: Param;
  readonly b: Param;
  readonly inputSize: number;
  readonly outputSize: number;
  readonly fuseRelu: boolean;
  readonly computeInputGradient: boolean;
  readonly sparseInput: boolean;
  private readonly kernels: Kernels;
  private readonly out: RowBuffers;
  private readonly dx: RowBuffers;
  private x: Float32Array = NO_INPUT_GRADIENT;
  /** The input's entries by batch size, and their transposes for dW (sparseInput only). */
  private readonly sparse = new Map<number, SparseRows>();
  private readonly sparseT = new Map<number, SparseRows>();
  /** The last forward's input entries when it took the sparse path, else null. */
  private xSparse: SparseRows | null = null;

  constructor(kernels: Kernels, inputSize: number, outputSize: number, options: AffineOptions) {
    this.kernels = kernels;
    this.inputSize = inputSize;
    this.outputSize = outputSize;
    this.name = `Affine${options.index}`;
    this.fuseRelu = options.fuseRelu ?? false;
    this.computeInputGradient = options.computeInputGradient ?? true;
    this.sparseInput = options.sparseInput ?? false;
    this.W = createParam(kernels, `W${options.index}`, [inputSize, outputSize]);
    this.b = createParam(kernels, `b${options.index}`, [outputSize]);
    this.out = RowBuffers.inKernels(kernels, outputSize);
    this.dx = RowBuffers.inKernels(kernels, inputSize);
  }

  forward(x: Float32Array, rows: number, _training: boolean): Float32Array {
    const entries = this.sparseInput ? this.entriesOf(x, rows) : null;
    if (entries) return this.forwardEntries(entries);
    const out = this.out.get(rows);
    this.x = x;
    this.xSparse = null;
    // out = np.dot(x, W) + b
    this.kernels.gemm(rows, this.outputSize, this.inputSize, x, false, this.W.value, false, out, false);
    this.kernels.addBias(rows, this.outputSize, out, this.b.value, this.fuseRelu);
    return out;
  }

  /**
   * forward() for an input given as its non-zero entries (s.rows rows of inputSize columns), e.g.
   * a minibatch of MNIST bytes. A backward may follow.
   */
  forwardEntries(s: SparseRows): Float32Array {
    if (!this.sparseInput || s.cols !== this.inputSize) throw new Error(`${this.name} does not take sparse inputs of ${s.cols} columns`);
    const rows = s.rows;
    const out = this.out.get(rows);
    this.x = NO_INPUT_GRADIENT;
    this.xSparse = s;
    // out = np.dot(x, W) + b, over x's non-zero entries
    this.kernels.sparseGemm(this.outputSize, s, this.W.value, out, false);
    this.kernels.addBias(rows, this.outputSize, out, this.b.value, this.fuseRelu);
    return out;
  }

  /**
   * forward() for an input kept as row groups (an evaluation set): its rows come out in the
   * groups' order. Inference only: no backward follows it.
   */
  forwardGroups(g: RowGroups): Float32Array {
    if (!this.sparseInput || g.cols !== this.inputSize) throw new Error(`${this.name} does not take grouped inputs of ${g.cols} columns`);
    const out = this.out.get(g.rows);
    this.x = NO_INPUT_GRADIENT;
    this.xSparse = null;
    // out = np.dot(x, W) + b, over each group's columns
    this.kernels.groupedGemm(this.outputSize, g, this.W.value, out);
    this.kernels.addBias(g.rows, this.outputSize, out, this.b.value, this.fuseRelu);
    return out;
  }

  /** x's non-zero entries, or null when too many are non-zero for the sparse product to pay. */
  private entriesOf(x: Float32Array, rows: number): SparseRows | null {
    let s = this.sparse.get(rows);
    if (s === undefined) {
      s = this.kernels.allocSparse(rows, this.inputSize, sparseInputCapacity(rows, this.inputSize));
      this.sparse.set(rows, s);
    }
    return this.kernels.toSparse(rows, x, s) < 0 ? null : s;
  }

  backward(dout: Float32Array, rows: number): Float32Array {
    const k = this.kernels;
    // dW = np.dot(x.T, dout)
    if (this.xSparse) {
      let t = this.sparseT.get(rows);
      if (t === undefined || t.capacity < this.xSparse.capacity) {
        // as many entries as the input can hold (a transpose has the same ones)
        t = k.allocSparse(this.inputSize, rows, this.xSparse.capacity);
        this.sparseT.set(rows, t);
      }
      k.transposeSparse(this.xSparse, t);
      k.sparseGemm(this.outputSize, t, dout, this.W.grad, false);
    } else {
      k.gemm(this.inputSize, this.outputSize, rows, this.x, true, dout, false, this.W.grad, false);
    }
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
