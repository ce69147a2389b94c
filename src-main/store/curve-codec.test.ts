import { describe, expect, it } from 'vitest';
import { decodeCurve, encodeCurve } from './curve-codec.ts';
import { bitsOf } from './test-helpers.ts';

/** Float32 values from raw bit patterns, so that NaN payloads and -0 are exactly what we say. */
function fromBits(bits: number[]): Float32Array {
  return new Float32Array(new Uint32Array(bits).buffer);
}

const SPECIAL_BITS = [
  0x7fc00000, // the canonical quiet NaN
  0x7fc12345, // a quiet NaN with a payload
  0xffc00001, // a negative NaN with a payload
  0x7f800000, // +Infinity
  0xff800000, // -Infinity
  0x80000000, // -0
  0x00000001, // the smallest subnormal
  0x7f7fffff, // the largest finite float32
  0x3f800000, // 1
];

describe('curve codec', () => {
  it('round-trips every value bit for bit, NaN payloads, ±Infinity, -0 and subnormals included', () => {
    const points = fromBits(SPECIAL_BITS);
    const decoded = decodeCurve(encodeCurve(points));
    expect(bitsOf(decoded)).toEqual(SPECIAL_BITS);
  });

  it('stores values as little-endian float32, 4 bytes a point', () => {
    const bytes = encodeCurve(new Float32Array([1, -2]));
    expect(Array.from(bytes)).toEqual([0x00, 0x00, 0x80, 0x3f, 0x00, 0x00, 0x00, 0xc0]);
  });

  it('round-trips empty and odd-length curves', () => {
    for (const length of [0, 1, 3, 7, 1001]) {
      const points = Float32Array.from({ length }, (_, i) => Math.sin(i) * 1e3);
      expect(bitsOf(decodeCurve(encodeCurve(points)))).toEqual(bitsOf(points));
    }
  });

  it('encodes only the points of a view into a larger buffer', () => {
    const whole = new Float32Array([9, 1, 2, 3, 9]);
    const view = whole.subarray(1, 4);
    expect(Array.from(decodeCurve(encodeCurve(view)))).toEqual([1, 2, 3]);
  });

  it('decodes a Buffer at an unaligned offset into its own aligned Float32Array', () => {
    const points = fromBits(SPECIAL_BITS);
    const backing = Buffer.alloc(points.byteLength + 3);
    const blob = backing.subarray(3); // byteOffset 3: a Float32Array view on it would throw
    blob.set(encodeCurve(points));
    expect(blob.byteOffset % 4).not.toBe(0);
    const decoded = decodeCurve(blob);
    expect(decoded.byteOffset).toBe(0);
    expect(decoded.buffer.byteLength).toBe(points.byteLength); // a copy, not a view on the backing store
    expect(bitsOf(decoded)).toEqual(SPECIAL_BITS);
  });

  it('the big-endian path swaps each value’s bytes and round-trips exactly', () => {
    const points = fromBits(SPECIAL_BITS);
    const native = Array.from(encodeCurve(points, true));
    const swapped = Array.from(encodeCurve(points, false));
    for (let i = 0; i < native.length; i += 4) {
      expect(swapped.slice(i, i + 4)).toEqual(native.slice(i, i + 4).reverse());
    }
    expect(bitsOf(decodeCurve(encodeCurve(points, false), false))).toEqual(SPECIAL_BITS);
  });

  it('refuses a blob that does not hold whole float32 values', () => {
    expect(() => decodeCurve(new Uint8Array(7))).toThrow(/whole float32 values, got 7 bytes/);
  });
});
