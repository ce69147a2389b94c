import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, copyFileSync, writeFileSync, readFileSync, rmSync, unlinkSync, mkdirSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  defaultMnistDir,
  firstSamples,
  gatherBatch,
  gatherRange,
  loadMnist,
  loadMnistAsync,
  MNIST_FILES,
  MnistFileError,
  type Mnist,
} from './mnist.ts';
import { gatherGroups } from './mnist-batches.ts';
import { ENTRY_WORDS, GROUP_ROWS } from '../engine/kernels/row-groups.ts';
import { createKernels } from '../engine/kernels/create-kernels.ts';

describe('MNIST loader', () => {
  let mnist: Mnist;
  beforeAll(() => {
    mnist = loadMnist();
  });

  it('reads 60,000 training and 10,000 test images of 28×28 with labels 0–9', () => {
    expect(mnist.train.count).toBe(60_000);
    expect(mnist.test.count).toBe(10_000);
    expect(mnist.train.images.length).toBe(60_000 * 784);
    expect(mnist.test.images.length).toBe(10_000 * 784);
    expect(mnist.train.labels.length).toBe(60_000);
    const counts = new Array(10).fill(0);
    for (const label of mnist.train.labels) counts[label]++;
    // Every digit occurs, and none dominates (MNIST's classes hold 5,421–6,742 images each).
    for (const c of counts) expect(c).toBeGreaterThan(5000);
    expect(Math.max(...mnist.test.labels)).toBe(9);
  });

  it('gives the well-known first labels: 5 for training, 7 for test', () => {
    expect(mnist.train.labels[0]).toBe(5);
    expect(mnist.test.labels[0]).toBe(7);
  });

  it('scales pixels to [0, 1] as float32 when gathering a batch', () => {
    const x = new Float32Array(2 * 784);
    const t = new Int32Array(2);
    gatherBatch(mnist.train, [1, 0], x, t);
    expect(Array.from(t)).toEqual([0, 5]);
    const raw = mnist.train.images;
    for (let p = 0; p < 784; p++) {
      expect(x[p]).toBe(Math.fround(raw[784 + p] / 255));
      expect(x[784 + p]).toBe(Math.fround(raw[p] / 255));
    }
    expect(Math.max(...x)).toBe(1);
    expect(Math.min(...x)).toBe(0);
  });

  it('keeps samples as row groups: every sample once with its label, its pixels / 255 where its group has them, 0 elsewhere', () => {
    const kernels = createKernels();
    const first = Int32Array.from({ length: 40 }, (_, i) => 59_999 - i * 13);
    const other = first.map((v, i) => (i === 7 ? 5 : v)); // one sample changed: not the first's plan
    // the third call finds the first's plan in the thread's cache
    for (const indices of [first, other, first]) {
      const x = kernels.alloc(40 * 784);
      const t = new Int32Array(40);
      gatherBatch(mnist.train, indices, x, t);
      const labels = new Int32Array(40);
      const groups = gatherGroups(mnist.train, indices, kernels, labels);
      expect(groups.rows).toBe(40);
      // Each grouped row, made dense again, is a gathered row not matched before, with its label.
      const unmatched = new Map<string, number[]>();
      for (let i = 0; i < 40; i++) {
        const key = Array.from(x.subarray(i * 784, (i + 1) * 784)).join();
        unmatched.set(key, [...(unmatched.get(key) ?? []), t[i]]);
      }
      for (let i = 0; i < 40; i++) {
        const g = Math.floor(i / GROUP_ROWS);
        const row = new Float32Array(784);
        for (let e = groups.start[g]; e < groups.start[g + 1]; e++)
          row[groups.word[e * ENTRY_WORDS]] = groups.value[e * ENTRY_WORDS + 1 + (i % GROUP_ROWS)];
        const labelsLeft = unmatched.get(Array.from(row).join()) ?? [];
        expect(labelsLeft).toContain(labels[i]);
        labelsLeft.splice(labelsLeft.indexOf(labels[i]), 1);
      }
    }
  });

  it('gathers a contiguous range for chunked evaluation', () => {
    const x = new Float32Array(3 * 784);
    const t = new Int32Array(3);
    gatherRange(mnist.test, 0, 3, x, t);
    expect(Array.from(t)).toEqual(Array.from(mnist.test.labels.subarray(0, 3)));
    expect(x[200]).toBe(Math.fround(mnist.test.images[200] / 255));
  });

  it('takes the first N samples as a view without copying', () => {
    const first = firstSamples(mnist.train, 1000);
    expect(first.count).toBe(1000);
    expect(first.images.buffer).toBe(mnist.train.images.buffer);
    expect(first.labels[0]).toBe(5);
    expect(() => firstSamples(mnist.train, 60_001)).toThrow(/60001/);
  });

  it('can place the data in SharedArrayBuffers for worker threads', () => {
    const shared = loadMnist(defaultMnistDir(), { shared: true });
    expect(shared.train.images.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(shared.test.labels[0]).toBe(7);
  });
});

describe('MNIST loader on damaged files', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'dl-lab-mnist-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const freshCopy = () => {
    for (const name of Object.values(MNIST_FILES)) copyFileSync(join(defaultMnistDir(), name), join(dir, name));
  };
  const loadError = (): MnistFileError => {
    try {
      loadMnist(dir);
    } catch (error) {
      return error as MnistFileError;
    }
    throw new Error('expected loadMnist to fail');
  };

  it('rejects a missing file and names it', () => {
    freshCopy();
    unlinkSync(join(dir, MNIST_FILES.testLabels));
    const error = loadError();
    expect(error).toBeInstanceOf(MnistFileError);
    expect(error.message).toMatch(/t10k-labels-idx1-ubyte: missing/);
  });

  it('rejects a truncated image file, naming the file and the sizes', () => {
    freshCopy();
    const path = join(dir, MNIST_FILES.trainImages);
    const bytes = readFileSync(path);
    writeFileSync(path, bytes.subarray(0, bytes.length - 784));
    expect(loadError().message).toMatch(/train-images-idx3-ubyte: truncated: 47039232 bytes, expected 47040016/);
  });

  it('rejects a file shorter than its header', () => {
    freshCopy();
    writeFileSync(join(dir, MNIST_FILES.trainLabels), Buffer.from([0, 0, 8]));
    expect(loadError().message).toMatch(/train-labels-idx1-ubyte: truncated: 3 bytes, shorter than the 8-byte IDX header/);
  });

  it('rejects a wrong magic number (labels where images belong)', () => {
    freshCopy();
    copyFileSync(join(defaultMnistDir(), MNIST_FILES.testLabels), join(dir, MNIST_FILES.testImages));
    expect(loadError().message).toMatch(/t10k-images-idx3-ubyte: corrupt: magic number 2049, expected 2051/);
  });

  it('rejects a header whose count disagrees with MNIST', () => {
    freshCopy();
    const path = join(dir, MNIST_FILES.testLabels);
    const bytes = Buffer.from(readFileSync(path));
    bytes.writeUInt32BE(9999, 4);
    writeFileSync(path, bytes);
    expect(loadError().message).toMatch(/t10k-labels-idx1-ubyte: corrupt: header says 9999 items, expected 10000/);
  });

  it('rejects a label that is not a digit', () => {
    freshCopy();
    const path = join(dir, MNIST_FILES.trainLabels);
    const bytes = Buffer.from(readFileSync(path));
    bytes[8 + 42] = 200;
    writeFileSync(path, bytes);
    expect(loadError().message).toMatch(/train-labels-idx1-ubyte: corrupt: label 200 at index 42/);
  });
});

describe('MNIST loader on things that are not files', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'dl-lab-mnist-odd-'));
    for (const name of Object.values(MNIST_FILES)) copyFileSync(join(defaultMnistDir(), name), join(dir, name));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('names a folder standing where a file belongs', () => {
    const path = join(dir, MNIST_FILES.testImages);
    rmSync(path);
    mkdirSync(path);
    try {
      expect(() => loadMnist(dir)).toThrow(`MNIST file t10k-images-idx3-ubyte: is a folder, not a file (at ${path})`);
    } finally {
      rmSync(path, { recursive: true });
      copyFileSync(join(defaultMnistDir(), MNIST_FILES.testImages), path);
    }
  });

  it('refuses a link to /dev/zero at once instead of reading forever', () => {
    const path = join(dir, MNIST_FILES.trainLabels);
    rmSync(path);
    symlinkSync('/dev/zero', path);
    try {
      expect(() => loadMnist(dir)).toThrow(/train-labels-idx1-ubyte: is not a regular file/);
    } finally {
      rmSync(path);
      copyFileSync(join(defaultMnistDir(), MNIST_FILES.trainLabels), path);
    }
  });
});

describe('MNIST loaded without blocking', () => {
  it('gives the same bytes as the synchronous loader, and the same refusals', async () => {
    const [sync, async] = [loadMnist(), await loadMnistAsync(undefined, { shared: true })];
    expect(async.train.images.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(Buffer.from(async.train.images).equals(Buffer.from(sync.train.images))).toBe(true);
    expect(Buffer.from(async.test.labels).equals(Buffer.from(sync.test.labels))).toBe(true);
    const dir = mkdtempSync(join(tmpdir(), 'dl-lab-mnist-async-'));
    try {
      for (const name of Object.values(MNIST_FILES)) copyFileSync(join(defaultMnistDir(), name), join(dir, name));
      writeFileSync(join(dir, MNIST_FILES.testLabels), Buffer.from([0, 0, 8]));
      await expect(loadMnistAsync(dir)).rejects.toThrow(
        'MNIST file t10k-labels-idx1-ubyte: truncated: 3 bytes, shorter than the 8-byte IDX header',
      );
      unlinkSync(join(dir, MNIST_FILES.trainImages));
      await expect(loadMnistAsync(dir)).rejects.toThrow(/train-images-idx3-ubyte: missing/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
