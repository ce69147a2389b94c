import { describe, expect, it } from 'vitest';
import { base64ToBytes, base64ToFloat32, bytesToBase64, float32ToBase64 } from './base64.ts';

describe('base64', () => {
  it('writes what Node’s Buffer writes and reads it back, for every length remainder', () => {
    for (const length of [0, 1, 2, 3, 4, 5, 100, 12_289]) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 131 + 7) & 255);
      const text = bytesToBase64(bytes);
      expect(text).toBe(Buffer.from(bytes).toString('base64'));
      expect(Array.from(base64ToBytes(text)!)).toEqual(Array.from(bytes));
    }
  });

  it('carries float32 values bit for bit, NaN and −0 included', () => {
    const values = Float32Array.from([0, -0, 1.5, -3e-38, 3.4e38, NaN, Infinity, 1 / 3]);
    const back = base64ToFloat32(float32ToBase64(values))!;
    expect(Array.from(new Uint32Array(back.buffer))).toEqual(Array.from(new Uint32Array(values.buffer)));
  });

  it('refuses text that is not base64', () => {
    for (const bad of ['abc', 'ab=c', 'a$bc', 'ab==cd==', 'é123']) expect(base64ToBytes(bad), bad).toBeNull();
    expect(base64ToFloat32(bytesToBase64(new Uint8Array(6)))).toBeNull(); // not whole float32 values
  });
});
