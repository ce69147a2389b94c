// A curve being recorded: float32 points in a buffer that doubles when full, so appending is cheap
// and `view()` hands the store the whole curve so far without copying.
export class GrowableCurve {
  private buffer = new Float32Array(64);
  length = 0;
  /** How many points listeners were already sent. */
  emitted = 0;
  /** Set when the whole curve was replaced since listeners were last told. */
  replaced = false;

  append(values: readonly number[]): void {
    if (this.length + values.length > this.buffer.length) {
      let capacity = this.buffer.length * 2;
      while (capacity < this.length + values.length) capacity *= 2;
      const next = new Float32Array(capacity);
      next.set(this.buffer.subarray(0, this.length));
      this.buffer = next;
    }
    for (let i = 0; i < values.length; i++) this.buffer[this.length + i] = values[i];
    this.length += values.length;
  }

  replace(values: readonly number[]): void {
    this.length = 0;
    this.emitted = 0;
    this.replaced = true;
    this.append(values);
  }

  view(): Float32Array {
    return this.buffer.subarray(0, this.length);
  }

  /** Points not yet sent to listeners (all of them after a replace), and marks them sent. */
  takeUnsent(): { points: number[]; replace: boolean } {
    const delta = { points: Array.from(this.buffer.subarray(this.emitted, this.length)), replace: this.replaced };
    this.emitted = this.length;
    this.replaced = false;
    return delta;
  }
}
