// MNIST test images for the inspector's thumbnails, asked from main a batch at a time
// (testImages) and kept for the session: the renderer never holds the whole 7.8 MB set.
import { base64ToBytes } from '../../src-shared/base64.ts';
import { MAX_TEST_IMAGES } from '../../src-shared/inspect.ts';

const PIXELS = 784;

class TestImageCache {
  readonly #images = new Map<number, Uint8Array>();
  readonly #asked = new Set<number>();
  #queue: number[] = [];
  #flushing = false;
  /** Bumped when images arrived. */
  version = $state(0);

  get(index: number): Uint8Array | undefined {
    return this.#images.get(index);
  }

  /** Asks for the images not held yet; they arrive in the background (read `version`). */
  want(indices: readonly number[]): void {
    for (const index of indices) {
      if (this.#images.has(index) || this.#asked.has(index)) continue;
      this.#asked.add(index);
      this.#queue.push(index);
    }
    if (!this.#flushing && this.#queue.length > 0) void this.#flush();
  }

  async #flush(): Promise<void> {
    this.#flushing = true;
    try {
      while (this.#queue.length > 0) {
        const batch = this.#queue.splice(0, MAX_TEST_IMAGES);
        try {
          const reply = await window.lab.testImages(batch);
          const bytes = base64ToBytes(reply.pixels);
          if (!bytes) continue;
          reply.indices.forEach((index, i) => this.#images.set(index, bytes.slice(i * PIXELS, (i + 1) * PIXELS)));
          this.version++;
        } catch {
          for (const index of batch) this.#asked.delete(index); // asked again when shown again
        }
      }
    } finally {
      this.#flushing = false;
    }
  }
}

export const testImages = new TestImageCache();

/** Draws 28×28 grey values (0–255, or 0–1 floats with `scale` 255) as white ink on black, as MNIST shows them. */
export function paintDigit(canvas: HTMLCanvasElement, pixels: ArrayLike<number>, scale = 1): void {
  const context = canvas.getContext('2d');
  if (!context) return;
  const image = context.createImageData(28, 28);
  for (let i = 0; i < PIXELS; i++) {
    const v = Math.max(0, Math.min(255, Math.round(pixels[i] * scale)));
    image.data[4 * i] = v;
    image.data[4 * i + 1] = v;
    image.data[4 * i + 2] = v;
    image.data[4 * i + 3] = 255;
  }
  context.putImageData(image, 0, 0);
}
