// A trainable parameter: its values and its gradient side by side, as flat row-major Float32Arrays
// allocated from the owning network's kernel context (so kernels and optimizers can use them).
import type { Kernels } from './kernels/kernels.ts';

export interface Param {
  /** The book's key: W1, b1, gamma1, beta1, … */
  name: string;
  value: Float32Array;
  grad: Float32Array;
  /** [fanIn, fanOut] for weights, [size] for vectors. */
  shape: number[];
}

/** A zero-filled parameter and gradient of `shape`, allocated from `kernels`. */
export function createParam(kernels: Kernels, name: string, shape: number[]): Param {
  const size = shape.reduce((a, b) => a * b, 1);
  return { name, value: kernels.alloc(size), grad: kernels.alloc(size), shape: [...shape] };
}
