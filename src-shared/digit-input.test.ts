// The drawing's preprocessing against MNIST itself: a real test image, blown up to canvas size as a
// drawing would be, comes back as itself.
import { describe, expect, it } from 'vitest';
import { loadMnist } from '../src-worker/data/mnist.ts';
import { MNIST_CENTRE, mnistInput } from './digit-input.ts';

const mnist = loadMnist();
const image = (index: number): Float32Array =>
  Float32Array.from(mnist.test.images.subarray(index * 784, (index + 1) * 784), (v) => v / 255);

/** The 28×28 image drawn on a canvas of `size`² with a margin: each pixel's value spread over its square, bilinearly when `smooth`. */
function onCanvas(img: Float32Array, size: number, margin: number, smooth: boolean): Float32Array {
  const ink = new Float32Array(size * size);
  const cell = (size - 2 * margin) / 28;
  const at = (x: number, y: number) => (x < 0 || y < 0 || x > 27 || y > 27 ? 0 : img[y * 28 + x]);
  for (let y = 0; y < size - 2 * margin; y++) {
    for (let x = 0; x < size - 2 * margin; x++) {
      const u = (x + 0.5) / cell - 0.5;
      const v = (y + 0.5) / cell - 0.5;
      let value: number;
      if (!smooth) value = at(Math.floor((x + 0.5) / cell), Math.floor((y + 0.5) / cell));
      else {
        const ix = Math.floor(u);
        const iy = Math.floor(v);
        const fx = u - ix;
        const fy = v - iy;
        value = (1 - fy) * ((1 - fx) * at(ix, iy) + fx * at(ix + 1, iy)) + fy * ((1 - fx) * at(ix, iy + 1) + fx * at(ix + 1, iy + 1));
      }
      ink[(y + margin) * size + x + margin] = value;
    }
  }
  return ink;
}

const meanAbs = (a: Float32Array, b: Float32Array) => a.reduce((sum, v, i) => sum + Math.abs(v - b[i]), 0) / a.length;

describe('a drawing as an MNIST input', () => {
  it('gives back a real MNIST test image (a 7) drawn ten times larger, pixel for pixel', () => {
    expect(mnist.test.labels[0]).toBe(7);
    const original = image(0);
    const back = mnistInput(onCanvas(original, 300, 10, false), 300, 300)!;
    expect(back).toHaveLength(784);
    for (let i = 0; i < 784; i++) expect(back[i]).toBeCloseTo(original[i], 6);
  });

  it('gives back the first hundred test images from a smooth drawing at a scale that does not divide, closely', () => {
    const errors: number[] = [];
    for (let index = 0; index < 100; index++) {
      const original = image(index);
      const back = mnistInput(onCanvas(original, 280, 23, true), 280, 280)!;
      errors.push(meanAbs(back, original));
    }
    errors.sort((a, b) => a - b);
    // Mean absolute error per pixel (values 0–1). The bilinear drawing spreads the ink half a pixel
    // past the digit, so it comes back ~5 % smaller and a little blurred (measured: median 0.032,
    // worst 0.064) — while two different test images differ by 0.083 at the least (median 0.154).
    expect(errors[50]).toBeLessThan(0.045);
    expect(errors[99]).toBeLessThan(0.08);
  });

  it('fits any drawing into 20×20 by its long side, centred by its centre of mass, whatever its size and place', () => {
    // A thin diagonal bar, small and off in a corner of a big canvas.
    const size = 400;
    const ink = new Float32Array(size * size);
    for (let t = 0; t < 60; t++) for (let w = 0; w < 6; w++) ink[(300 + t) * size + 30 + Math.floor(t / 3) + w] = 1;
    const out = mnistInput(ink, size, size)!;
    let x0 = 28;
    let x1 = -1;
    let y0 = 28;
    let y1 = -1;
    let mass = 0;
    let mx = 0;
    let my = 0;
    for (let y = 0; y < 28; y++)
      for (let x = 0; x < 28; x++) {
        const v = out[y * 28 + x];
        if (v > 0) [x0, x1, y0, y1] = [Math.min(x0, x), Math.max(x1, x), Math.min(y0, y), Math.max(y1, y)];
        mass += v;
        mx += v * x;
        my += v * y;
      }
    expect(y1 - y0 + 1).toBe(20); // 60 tall → 20
    expect(x1 - x0 + 1).toBe(8); // 25 wide → 25·20/60 ≈ 8
    expect(Math.abs(mx / mass - MNIST_CENTRE)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(my / mass - MNIST_CENTRE)).toBeLessThanOrEqual(0.5);
    expect(Math.max(...out)).toBeLessThanOrEqual(1);
  });

  it('says when nothing was drawn', () => {
    expect(mnistInput(new Float32Array(100), 10, 10)).toBeNull();
  });
});
