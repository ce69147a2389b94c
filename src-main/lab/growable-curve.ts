// A curve being recorded: float32 points in a buffer that doubles when full, so appending is cheap.
// It remembers how far listeners were told (`emitted`) and how far the database has it (`stored`),
// so that each gets only what is new: events carry the new points, the store appends a chunk.
export class GrowableCurve {
  private buffer = new Float32Array(64);
  length = 0;
  /** How many points listeners were already sent. */
  private emitted = 0;
  /** Set when the whole curve was replaced since listeners were last told. */
  private replacedSinceEvent = false;
  /** How many points the database holds; -1 after a replace the database has not seen yet. */
  private stored = 0;

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
    this.replacedSinceEvent = true;
    this.stored = -1;
    this.append(values);
  }

  view(): Float32Array {
    return this.buffer.subarray(0, this.length);
  }

  hasUnsent(): boolean {
    return this.replacedSinceEvent || this.emitted < this.length;
  }

  /** Points not yet sent to listeners (all of them after a replace), and marks them sent. */
  takeUnsent(): { points: number[]; replace: boolean } {
    const delta = { points: Array.from(this.buffer.subarray(this.emitted, this.length)), replace: this.replacedSinceEvent };
    this.emitted = this.length;
    this.replacedSinceEvent = false;
    return delta;
  }

  /** What the database lacks: new points to append at `start`, or the whole curve (no `start`); null if nothing. */
  unstored(): { start?: number; points: Float32Array } | null {
    if (this.stored === -1) return { points: this.buffer.slice(0, this.length) };
    if (this.stored === this.length) return null;
    return { start: this.stored, points: this.buffer.slice(this.stored, this.length) };
  }

  /** The database now holds the first `length` points. */
  markStored(length: number): void {
    this.stored = length;
  }
}
