// Turning MNIST bytes into network inputs (float pixels /255, int labels), for minibatches and
// evaluation sets.
import type { SparseRows } from '../engine/kernels/kernels.ts';
import type { MnistSet } from './mnist-types.ts';

const PIXELS = 28 * 28;

/** A view of the first `count` samples of a set (no copy): the experiments' "first N training images". */
export function firstSamples(set: MnistSet, count: number): MnistSet {
  if (count > set.count) throw new RangeError(`asked for ${count} samples, the set has ${set.count}`);
  return { ...set, images: set.images.subarray(0, count * PIXELS), labels: set.labels.subarray(0, count), count };
}

// pixel / 255 for every byte value, as float32: a table lookup per pixel, same values as numpy's /255.
const SCALED = Float32Array.from({ length: 256 }, (_, v) => v / 255);

/** Copies the samples at `indices` into x (rows × 784, pixels / 255 as float32) and t (labels). */
export function gatherBatch(set: MnistSet, indices: ArrayLike<number>, x: Float32Array, t: Int32Array): void {
  const images = set.images;
  const scaled = SCALED;
  for (let r = 0; r < indices.length; r++) {
    const i = indices[r];
    const src = i * PIXELS;
    const dst = r * PIXELS;
    for (let p = 0; p < PIXELS; p++) x[dst + p] = scaled[images[src + p]];
    t[r] = set.labels[i];
  }
}

/**
 * Copies the bytes of the samples at `indices` into `bytes` (rows × 784) and their labels into t,
 * for a kernel's unitFromBytes to scale: gatherBatch's floats, converted sixteen pixels at a time.
 */
export function gatherBatchBytes(set: MnistSet, indices: ArrayLike<number>, bytes: Uint8Array, t: Int32Array): void {
  const images = set.images;
  for (let r = 0; r < indices.length; r++) {
    const i = indices[r];
    bytes.set(images.subarray(i * PIXELS, (i + 1) * PIXELS), r * PIXELS);
    t[r] = set.labels[i];
  }
}

/** Copies samples [start, start + rows) into x and t: evaluation in chunks. */
export function gatherRange(set: MnistSet, start: number, rows: number, x: Float32Array, t: Int32Array): void {
  const images = set.images;
  const scaled = SCALED;
  const n = rows * PIXELS;
  const src = start * PIXELS;
  for (let p = 0; p < n; p++) x[p] = scaled[images[src + p]];
  for (let r = 0; r < rows; r++) t[r] = set.labels[start + r];
}

/** How many pixels of the samples at `indices` are not zero: the entries `gatherSparse` writes. */
export function nonZeroPixels(set: MnistSet, indices: ArrayLike<number>): number {
  const images = set.images;
  let count = 0;
  for (let r = 0; r < indices.length; r++) {
    const src = indices[r] * PIXELS;
    for (let p = 0; p < PIXELS; p++) if (images[src + p] !== 0) count++;
  }
  return count;
}

/**
 * The samples at `indices` as sparse rows (kernels.ts, SparseRows): the entries toSparse would
 * find in gatherBatch's floats, straight from the bytes (a pixel is zero exactly when its byte
 * is), and their labels into t. s must have room for nonZeroPixels(set, indices) entries.
 */
export function gatherSparse(set: MnistSet, indices: ArrayLike<number>, s: SparseRows, t: Int32Array): void {
  if (s.cols !== PIXELS || s.maxRows < indices.length)
    throw new RangeError(`gatherSparse: ${indices.length} rows of ${PIXELS} pixels do not fit a ${s.maxRows}×${s.cols} matrix`);
  const images = set.images;
  const scaled = SCALED;
  const { start, index, value, capacity } = s;
  let e = 0;
  start[0] = 0;
  for (let r = 0; r < indices.length; r++) {
    const i = indices[r];
    const src = i * PIXELS;
    for (let p = 0; p < PIXELS; p++) {
      const byte = images[src + p];
      if (byte === 0) continue;
      if (e >= capacity) throw new RangeError(`gatherSparse: more than ${capacity} non-zero pixels`);
      index[e] = p;
      value[e++] = scaled[byte];
    }
    start[r + 1] = e;
    t[r] = set.labels[i];
  }
  s.rows = indices.length;
}
