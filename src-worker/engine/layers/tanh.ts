// Tanh (not in the book's layers; the lab offers it next to sigmoid): out = tanh(x);
// backward dx = dout·(1 - out²). Plain loops: the kernels have no transcendental functions.
import type { Kernels } from '../kernels/kernels.ts';
import type { Param } from '../param.ts';
import { NO_INPUT_GRADIENT, RowBuffers, type Layer } from './layer.ts';

export class Tanh implements Layer {
  readonly name: string;
  readonly size: number;
  private readonly out: RowBuffers;
  private readonly dx: RowBuffers;
  private y: Float32Array = NO_INPUT_GRADIENT;

  constructor(kernels: Kernels, size: number, options: { index?: number } = {}) {
    this.size = size;
    this.name = `Tanh${options.index ?? ''}`;
    this.out = RowBuffers.inKernels(kernels, size);
    this.dx = RowBuffers.inKernels(kernels, size);
  }

  forward(x: Float32Array, rows: number, _training: boolean): Float32Array {
    const n = rows * this.size;
    const y = this.out.get(rows);
    // out = np.tanh(x)
    for (let i = 0; i < n; i++) y[i] = Math.tanh(x[i]);
    this.y = y;
    return y;
  }

  backward(dout: Float32Array, rows: number): Float32Array {
    const n = rows * this.size;
    const dx = this.dx.get(rows);
    const y = this.y;
    // dx = dout * (1 - out²)
    for (let i = 0; i < n; i++) {
      const yi = y[i];
      dx[i] = dout[i] * (1 - yi * yi);
    }
    return dx;
  }

  params(): Param[] {
    return [];
  }
}
