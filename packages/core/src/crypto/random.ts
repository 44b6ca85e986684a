import { type BinaryEncoding, encodeBytes } from './encoding.js';

// Small requests (IVs, tokens) are cut from a pool of CSPRNG bytes refilled 4 KiB at a time: one
// getRandomValues call per few hundred IVs instead of one each. Every byte is handed out once, as
// a copy, so nothing given out can change afterwards.
const POOL_BYTES = 4096;
const POOLED_MAX = 64;
let pool = new Uint8Array(0);
let offset = 0;

export function randomBytes(length: number): Uint8Array {
  if (length > POOLED_MAX) return globalThis.crypto.getRandomValues(new Uint8Array(length));
  if (offset + length > pool.byteLength) {
    pool = globalThis.crypto.getRandomValues(new Uint8Array(POOL_BYTES));
    offset = 0;
  }
  const bytes = pool.slice(offset, offset + length);
  offset += length;
  return bytes;
}

/** A cryptographically random token: `byteLength` random bytes in the given encoding (hex by default). */
export function randomToken(byteLength = 16, encoding: BinaryEncoding = 'hex'): string {
  return encodeBytes(randomBytes(byteLength), encoding);
}
