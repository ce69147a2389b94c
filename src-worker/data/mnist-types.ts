// MNIST's shape as types: what the loader (mnist.ts) returns and what a worker rebuilds from the
// SharedArrayBuffers main hands it (worker.ts).

export interface MnistSet {
  /** count × 784 pixels, 0–255, row-major. May live in a SharedArrayBuffer. */
  images: Uint8Array;
  labels: Uint8Array;
  count: number;
  rows: 28;
  cols: 28;
}

export interface Mnist {
  train: MnistSet;
  test: MnistSet;
}

/** Images in each set. */
export const MNIST_COUNTS = { train: 60_000, test: 10_000 } as const;
