// Curves are stored as BLOBs of little-endian float32 values: 4 bytes a point, no header (the point
// count lives in its own column). Bytes are copied, never converted through a JS number, so every
// value — NaN payloads, -0, ±Infinity included — comes back bit for bit.

export const HOST_IS_LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** The bytes to bind as the BLOB. On little-endian hosts (all that DL Lab ships for) a view, not a copy. */
export function encodeCurve(points: Float32Array, hostIsLittleEndian = HOST_IS_LITTLE_ENDIAN): Uint8Array {
  const bytes = new Uint8Array(points.buffer, points.byteOffset, points.byteLength);
  if (hostIsLittleEndian && points.buffer instanceof ArrayBuffer) return bytes;
  // A copy: big-endian hosts swap bytes; a SharedArrayBuffer view may change under us while SQLite reads it.
  const copy = bytes.slice();
  if (!hostIsLittleEndian) swapBytes32(copy);
  return copy;
}

/**
 * The BLOB as a Float32Array with its own buffer. SQLite hands back a Buffer whose byteOffset may not
 * be a multiple of 4 (Node pools small Buffers), where `new Float32Array(buf.buffer, buf.byteOffset)`
 * would throw — and even when it would not, the view would keep the whole pool alive.
 */
export function decodeCurve(blob: Uint8Array, hostIsLittleEndian = HOST_IS_LITTLE_ENDIAN): Float32Array {
  if (blob.byteLength % 4 !== 0) {
    throw new RangeError(`a curve BLOB must hold whole float32 values, got ${blob.byteLength} bytes`);
  }
  const points = new Float32Array(blob.byteLength / 4);
  const bytes = new Uint8Array(points.buffer);
  bytes.set(blob);
  if (!hostIsLittleEndian) swapBytes32(bytes);
  return points;
}

function swapBytes32(bytes: Uint8Array): void {
  for (let i = 0; i < bytes.length; i += 4) {
    const b0 = bytes[i];
    const b1 = bytes[i + 1];
    bytes[i] = bytes[i + 3];
    bytes[i + 1] = bytes[i + 2];
    bytes[i + 2] = b1;
    bytes[i + 3] = b0;
  }
}
