// Turning MNIST bytes into network inputs (float pixels /255, int labels), for minibatches and
// evaluation sets.
import type { Kernels, RowGroups } from '../engine/kernels/kernels.ts';
import { fillRowGroups, groupCount, planRowGroups, type GroupPlan } from '../engine/kernels/row-groups.ts';
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

/** How many pixels of the samples at `indices` are not zero (their density). */
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
 * Plans made in this thread, by set and samples: a worker trains network after network on the
 * same evaluation sets (every trial of a search, both networks of a comparison), and the grouping
 * of the 10,000 test images takes ~0.2 s — more than a small set's row groups save in a run.
 */
const plans = new WeakMap<Uint8Array, { indices: Int32Array; plan: GroupPlan }[]>();
const PLANS_KEPT = 4;

function groupPlan(set: MnistSet, indices: ArrayLike<number>): GroupPlan {
  const kept = plans.get(set.images) ?? [];
  plans.set(set.images, kept);
  const same = (a: Int32Array) => a.length === indices.length && a.every((v, i) => v === indices[i]);
  const hit = kept.findIndex((entry) => same(entry.indices));
  if (hit >= 0) return kept[hit].plan;
  const images = set.images;
  const plan = planRowGroups(indices.length, PIXELS, (row) => images.subarray(indices[row] * PIXELS, (indices[row] + 1) * PIXELS));
  kept.unshift({ indices: Int32Array.from(indices), plan });
  kept.length = Math.min(kept.length, PLANS_KEPT);
  return plan;
}

/**
 * The samples at `indices` as row groups (kernels.ts, RowGroups; row-groups.ts groups images of
 * similar strokes together) in `kernels`' memory, values pixel / 255 as gatherBatch's floats, and
 * their labels into t in the groups' row order (t.length = indices.length).
 */
export function gatherGroups(set: MnistSet, indices: ArrayLike<number>, kernels: Kernels, t: Int32Array): RowGroups {
  const images = set.images;
  const rowStart = (row: number) => indices[row] * PIXELS;
  const plan = groupPlan(set, indices);
  const groups = kernels.allocGroups(groupCount(indices.length), PIXELS, plan.columns.length);
  const scaled = SCALED;
  fillRowGroups(plan, groups, (row, col) => scaled[images[rowStart(row) + col]]);
  for (let i = 0; i < plan.order.length; i++) t[i] = set.labels[indices[plan.order[i]]];
  return groups;
}
