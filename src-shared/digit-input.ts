// A drawn digit turned into an MNIST input the way MNIST was made (LeCun et al.): the ink's bounding
// box is scaled to fit a 20×20 box, keeping its aspect ratio, by area averaging (the anti-aliasing
// that gives MNIST its grey edges), then placed in the 28×28 field so that its centre of mass sits
// at the centre. Measured on MNIST's own test set: every digit's non-zero pixels span exactly 20 on
// the long side, and the centre of mass (pixel indices as coordinates) is at (14.0, 14.0) ± 0.29 —
// the spread of rounding, so the shift is a whole number of pixels. Pure: the renderer draws the
// preview with it, and a test sends a real MNIST image through it.

export const MNIST_SIDE = 28;
export const MNIST_BOX = 20;
/** Where the centre of mass goes, in pixel-index coordinates. */
export const MNIST_CENTRE = 14;

/**
 * `ink` holds width×height intensities (0 = paper, 1 = full ink), row-major. Returns the 784 values
 * in [0, 1] a network reads, or null when nothing was drawn.
 */
export function mnistInput(ink: ArrayLike<number>, width: number, height: number): Float32Array | null {
  if (ink.length < width * height) throw new RangeError(`ink holds ${ink.length} values, not ${width}×${height}`);
  // The bounding box of everything that is not paper.
  let x0 = width;
  let x1 = -1;
  let y0 = height;
  let y1 = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (ink[y * width + x] > 0) {
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
      }
    }
  }
  if (x1 < 0) return null;
  const bw = x1 - x0 + 1;
  const bh = y1 - y0 + 1;
  // The long side becomes 20 pixels; the short one keeps the aspect ratio.
  const scale = MNIST_BOX / Math.max(bw, bh);
  const tw = Math.max(1, Math.min(MNIST_BOX, Math.round(bw * scale)));
  const th = Math.max(1, Math.min(MNIST_BOX, Math.round(bh * scale)));

  // Area averaging, separably: every box pixel is the mean of the ink it covers.
  const columns = coverage(bw, tw);
  const rows = coverage(bh, th);
  const wide = new Float64Array(bh * tw);
  for (let y = 0; y < bh; y++) {
    const src = (y0 + y) * width + x0;
    for (let tx = 0; tx < tw; tx++) {
      let sum = 0;
      for (const [x, w] of columns[tx]) sum += w * ink[src + x];
      wide[y * tw + tx] = sum;
    }
  }
  const box = new Float64Array(th * tw);
  for (let ty = 0; ty < th; ty++) {
    for (let tx = 0; tx < tw; tx++) {
      let sum = 0;
      for (const [y, w] of rows[ty]) sum += w * wide[y * tw + tx];
      box[ty * tw + tx] = Math.min(1, Math.max(0, sum));
    }
  }

  // Centre of mass of the box, then the whole-pixel offset that brings it to (14, 14), kept inside the field.
  let mass = 0;
  let mx = 0;
  let my = 0;
  for (let ty = 0; ty < th; ty++) {
    for (let tx = 0; tx < tw; tx++) {
      const v = box[ty * tw + tx];
      mass += v;
      mx += v * tx;
      my += v * ty;
    }
  }
  const place = (com: number, size: number) =>
    Math.min(MNIST_SIDE - size, Math.max(0, Math.round(MNIST_CENTRE - (mass > 0 ? com / mass : (size - 1) / 2))));
  const ox = place(mx, tw);
  const oy = place(my, th);
  const out = new Float32Array(MNIST_SIDE * MNIST_SIDE);
  for (let ty = 0; ty < th; ty++) {
    for (let tx = 0; tx < tw; tx++) out[(oy + ty) * MNIST_SIDE + ox + tx] = box[ty * tw + tx];
  }
  return out;
}

/**
 * For each of `to` output pixels over `from` input pixels: the input pixels it covers and the
 * fraction of the output pixel each one fills (the weights sum to 1).
 */
function coverage(from: number, to: number): [number, number][][] {
  const step = from / to;
  return Array.from({ length: to }, (_, i) => {
    const start = i * step;
    const end = start + step;
    const parts: [number, number][] = [];
    for (let j = Math.floor(start); j < Math.min(from, Math.ceil(end)); j++) {
      const overlap = Math.min(end, j + 1) - Math.max(start, j);
      if (overlap > 1e-12) parts.push([j, overlap / step]);
    }
    return parts;
  });
}
