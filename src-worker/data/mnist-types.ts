// MNIST's shape as types only, so that code type-checked without Node (the renderer sees the
// experiment types through api.ts) can name it without loading the loader.

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
