// A curve being recorded: float32 points in a buffer that doubles when full, so appending is cheap.
// It remembers how far listeners were told (`emitted`) and how far the database has it (`stored`),
// so that each gets only what is new: events carry the new points, the store appends a chunk.
//
// The store gets a curve's new points in chunks of about STORE_CHUNK_POINTS, not every second: each
// commit also rewrites the b-tree pages around the chunk (its leaf, the curve's header, the file's
// first page) and the checkpoint copies all of them again, so small chunks cost several times their
// size in bytes written (`npm run bench:store`). A curve's points wait at most STORE_MAX_AGE_MS —
// all that a killed app can lose of a run — and go at once when the run ends.

/** A curve's new points are written once this many are waiting (32 KiB of float32)… */
export const STORE_CHUNK_POINTS = 8192;
/** …or once the oldest of them waited this long. */
export const STORE_MAX_AGE_MS = 10_000;

export class GrowableCurve {
  private buffer = new Float32Array(64);
  length = 0;
  /** How many points listeners were already sent. */
  private emitted = 0;
  /** Set when the whole curve was replaced since listeners were last told. */
  private replacedSinceEvent = false;
  /** How many points the database holds; -1 after a replace the database has not seen yet. */
  private stored = 0;
  /** When the oldest point the database lacks arrived (ms). */
  private unstoredSince = 0;

  append(values: readonly number[], now: number): void {
    if (values.length > 0 && this.stored === this.length) this.unstoredSince = now;
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

  replace(values: readonly number[], now: number): void {
    this.length = 0;
    this.emitted = 0;
    this.replacedSinceEvent = true;
    this.append(values, now);
    this.stored = -1;
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

  /** The points listeners were sent: what a view opened now must start from, before the next event. */
  sent(): Float32Array {
    return this.buffer.slice(0, this.emitted);
  }

  /** Whether the database lacks any of its points. */
  hasUnstored(): boolean {
    return this.stored !== this.length;
  }

  /**
   * What the database should get now: new points to append at `start`, or the whole curve (no
   * `start`) after a replace; null while fewer than a chunk's worth wait for less than their max
   * age, unless `flush` (the run ended, the lab closes).
   */
  unstored(now: number, flush: boolean): { start?: number; points: Float32Array } | null {
    if (this.stored === -1) return { points: this.buffer.slice(0, this.length) };
    if (this.stored === this.length) return null;
    const due = flush || this.length - this.stored >= STORE_CHUNK_POINTS || now - this.unstoredSince >= STORE_MAX_AGE_MS;
    return due ? { start: this.stored, points: this.buffer.slice(this.stored, this.length) } : null;
  }

  /** The database now holds the first `length` points (any that arrived since wait from `now`). */
  markStored(length: number, now: number): void {
    this.stored = length;
    this.unstoredSince = now;
  }
}
