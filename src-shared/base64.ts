// Bytes as base64 text, for binary data that crosses JSON (the web host, exports) and IPC alike:
// X-ray samples, predictions, test images. Float32 arrays travel as their little-endian bytes, so
// every value comes back bit for bit.
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const CODES = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) CODES[ALPHABET.charCodeAt(i)] = i;

export function bytesToBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  const CHUNK = 3 * 4096;
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const end = Math.min(bytes.length, start + CHUNK);
    let text = '';
    for (let i = start; i < end; i += 3) {
      const a = bytes[i];
      const b = i + 1 < end ? bytes[i + 1] : 0;
      const c = i + 2 < end ? bytes[i + 2] : 0;
      text += ALPHABET[a >> 2] + ALPHABET[((a & 3) << 4) | (b >> 4)];
      text += i + 1 < end ? ALPHABET[((b & 15) << 2) | (c >> 6)] : '=';
      text += i + 2 < end ? ALPHABET[c & 63] : '=';
    }
    parts.push(text);
  }
  return parts.join('');
}

/** The bytes of base64 text; null when it is not base64 (wrong length or a character outside the alphabet). */
export function base64ToBytes(text: string): Uint8Array | null {
  if (typeof text !== 'string' || text.length % 4 !== 0) return null;
  const pad = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const bytes = new Uint8Array((text.length / 4) * 3 - pad);
  let at = 0;
  for (let i = 0; i < text.length; i += 4) {
    const codes = [0, 1, 2, 3].map((k) => {
      const ch = text.charCodeAt(i + k);
      return ch === 61 && i + k >= text.length - pad ? 0 : ch < 128 ? CODES[ch] : -1; // '=' only as the final padding
    });
    if (codes.some((c) => c < 0)) return null;
    const n = (codes[0] << 18) | (codes[1] << 12) | (codes[2] << 6) | codes[3];
    if (at < bytes.length) bytes[at++] = n >> 16;
    if (at < bytes.length) bytes[at++] = (n >> 8) & 255;
    if (at < bytes.length) bytes[at++] = n & 255;
  }
  return bytes;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

function swap32(bytes: Uint8Array): void {
  for (let i = 0; i < bytes.length; i += 4) {
    [bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]] = [bytes[i + 3], bytes[i + 2], bytes[i + 1], bytes[i]];
  }
}

/** Float32 values as base64 of their little-endian bytes. */
export function float32ToBase64(values: Float32Array): string {
  const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength).slice();
  if (!LITTLE_ENDIAN) swap32(bytes);
  return bytesToBase64(bytes);
}

/** The float32 values of base64 text; null when it is not base64 of whole float32 values. */
export function base64ToFloat32(text: string): Float32Array | null {
  const bytes = base64ToBytes(text);
  if (!bytes || bytes.length % 4 !== 0) return null;
  if (!LITTLE_ENDIAN) swap32(bytes);
  return new Float32Array(bytes.buffer, 0, bytes.length / 4);
}
