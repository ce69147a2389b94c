// What one network needs of its worker's kernel memory, estimated before a job starts, so that a
// size that cannot run is refused with the memory it would need — instead of failing at run time.
// The kernels live in one WebAssembly memory per worker thread, at most 16384 pages of 64 KiB.
// The estimate errs high; a test (src-worker/experiments/memory.test.ts) checks it against what the
// engine really allocates.
import { problem, type Problem } from '../params/problems.ts';
import type { OptimizerName } from '../vocabulary.ts';

/** 16384 WebAssembly pages of 64 KiB: the most a worker's kernel memory can grow to. */
export const KERNEL_MEMORY_BYTES = 16384 * 64 * 1024;

/** Per-parameter state arrays of each optimizer (the book's v, h, m and v). */
const OPTIMIZER_SLOTS: Record<OptimizerName, number> = { SGD: 0, Momentum: 1, Nesterov: 1, AdaGrad: 1, RMSprop: 1, Adam: 2 };
/** Rows accuracy is measured in at a time (the engine's evalChunkRows). */
const EVAL_CHUNK = 1000;
const INPUT = 784;
const OUTPUT = 10;
// Floats per unit and row, as measured in the engine (and rounded up): training keeps each layer's
// output, activation and their gradients (≈ 3.6), BatchNorm 5 more (its output and gradient, the
// centred and the normalized input, all in kernel memory), dropout 3 more; inference keeps one
// buffer per layer, 2 more with BatchNorm, 1 more with dropout.
const TRAIN_PER_UNIT = 4;
const TRAIN_PER_UNIT_BN = 5;
const TRAIN_PER_UNIT_DROPOUT = 3;
const EVAL_PER_UNIT = 1;
const EVAL_PER_UNIT_BN = 2;
const EVAL_PER_UNIT_DROPOUT = 1;
/**
 * Per BatchNorm unit, whatever the batch: gamma and beta with their gradients and optimizer state,
 * the running mean and variance and four work columns in float64 (2 floats each).
 */
const BN_COLUMN_FLOATS = (slots: number) => 4 + 2 * slots + 2 * 6;
// The first layer's sparse inputs (src-worker/engine/layers/affine.ts): room for half a batch's
// pixels as entries (an index and a value each) and as many for their transpose while training —
// the batch itself is not kept as floats — and the entries of a dense chunk when accuracy is
// measured from floats.
const TRAIN_SPARSE_PER_INPUT = 2;
const EVAL_SPARSE_PER_INPUT = 1;
/** The batch's pixels as bytes before the kernels scale them: a quarter of a float each. */
const TRAIN_BYTES_PER_INPUT = 0.25;
/**
 * Evaluation sets are kept as their non-zero pixels: MNIST's sets and first-N subsets hold
 * 18.6-19.3% (measured), a random subset of 100 or more images stays within 1% of that; 21% errs high.
 */
const EVAL_SET_DENSITY = 0.21;

export interface NetworkSize {
  hiddenSizes: readonly number[];
  batchSize: number;
  optimizer: OptimizerName;
  /** Samples kept once, as their non-zero pixels, for accuracy every epoch (test set, training subset…). */
  evalSamples?: number;
  batchnorm?: boolean;
  dropout?: boolean;
}

/** Bytes of kernel memory one network of this size needs: parameters and gradients, optimizer state, batch and evaluation buffers. */
export function networkBytes(size: NetworkSize): number {
  const widths = [INPUT, ...size.hiddenSizes, OUTPUT];
  let params = 0;
  for (let i = 1; i < widths.length; i++) params += widths[i - 1] * widths[i] + widths[i];
  const units = widths.slice(1).reduce((a, b) => a + b, 0);
  const bn = size.batchnorm ? 1 : 0;
  const dropout = size.dropout ? 1 : 0;
  const trainRow =
    (TRAIN_SPARSE_PER_INPUT + TRAIN_BYTES_PER_INPUT) * INPUT +
    (TRAIN_PER_UNIT + bn * TRAIN_PER_UNIT_BN + dropout * TRAIN_PER_UNIT_DROPOUT) * units;
  const evalRow = (1 + EVAL_SPARSE_PER_INPUT) * INPUT + (EVAL_PER_UNIT + bn * EVAL_PER_UNIT_BN + dropout * EVAL_PER_UNIT_DROPOUT) * units;
  const gemmScratch = 256 * Math.max(...widths) + 4096;
  const bnUnits = bn * size.hiddenSizes.reduce((a, b) => a + b, 0);
  const floats =
    (2 + OPTIMIZER_SLOTS[size.optimizer]) * params +
    bnUnits * BN_COLUMN_FLOATS(OPTIMIZER_SLOTS[size.optimizer]) +
    size.batchSize * trainRow +
    EVAL_CHUNK * evalRow +
    gemmScratch +
    Math.ceil((size.evalSamples ?? 0) * 2 * EVAL_SET_DENSITY * INPUT);
  return floats * 4;
}

/** A problem under `field` when a network of this size cannot fit its worker's kernel memory. */
export function memoryCheck(size: NetworkSize, field = 'hiddenSizes'): Problem[] {
  const bytes = networkBytes(size);
  if (bytes <= KERNEL_MEMORY_BYTES) return [];
  const mib = (b: number) => Math.ceil(b / (1024 * 1024));
  return [problem(field, 'too-much-memory', { need: mib(bytes), limit: mib(KERNEL_MEMORY_BYTES) })];
}
