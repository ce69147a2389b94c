// What every layer of a MultiLayerNet does (the book's common/layers.py, on flat Float32Arrays).
//
// Shapes: `x` is rows×inputSize, row-major. `forward` returns the layer's own output buffer and
// `backward` its own input-gradient buffer; both are allocated once per batch size (rows) from the
// network's kernel context and reused, so the returned arrays are only valid until the next call
// with the same `rows`. `backward` must follow a training `forward` with the same `rows`.
import type { Kernels } from '../kernels/kernels.ts';
import type { Param } from '../param.ts';

export interface Layer {
  /** The book's layer name, e.g. 'Affine1', 'BatchNorm2', 'Relu1', 'Dropout3'. */
  readonly name: string;
  forward(x: Float32Array, rows: number, training: boolean): Float32Array;
  backward(dout: Float32Array, rows: number): Float32Array;
  params(): Param[];
}

/** Buffers of `rows × width` floats, one per batch size, allocated on first use. */
export class RowBuffers {
  private readonly alloc: (length: number) => Float32Array;
  private readonly width: number;
  private readonly byRows = new Map<number, Float32Array>();

  /** Buffers in `kernels`' memory: for arrays that kernels read or write. */
  static inKernels(kernels: Kernels, width: number): RowBuffers {
    return new RowBuffers((length) => kernels.alloc(length), width);
  }

  constructor(alloc: (length: number) => Float32Array, width: number) {
    this.alloc = alloc;
    this.width = width;
  }

  get(rows: number): Float32Array {
    let buffer = this.byRows.get(rows);
    if (buffer === undefined) {
      checkRows(rows);
      buffer = this.alloc(rows * this.width);
      this.byRows.set(rows, buffer);
    }
    return buffer;
  }

  /** The buffer for `rows` if one was allocated, without allocating. */
  peek(rows: number): Float32Array | undefined {
    return this.byRows.get(rows);
  }
}

export function checkRows(rows: number): void {
  if (!Number.isInteger(rows) || rows < 1) throw new RangeError(`rows must be a positive integer, got ${rows}`);
}

/** The input-gradient buffer of a layer that does not compute one (the network's first Affine). */
export const NO_INPUT_GRADIENT = new Float32Array(0);
