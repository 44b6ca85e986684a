import { utf8Bytes } from './encoding.js';

/**
 * Compares two secrets in time that depends only on their lengths, not on where they differ.
 * Strings are compared as UTF-8 bytes.
 */
export function timingSafeEqual(a: string | Uint8Array, b: string | Uint8Array): boolean {
  const left = typeof a === 'string' ? utf8Bytes(a) : a;
  const right = typeof b === 'string' ? utf8Bytes(b) : b;
  const length = Math.max(left.byteLength, right.byteLength);
  let diff = left.byteLength ^ right.byteLength;
  for (let i = 0; i < length; i++) {
    diff |= (left[i] ?? 0) ^ (right[i] ?? 0);
  }
  return diff === 0;
}
