import { type BinaryEncoding, encodeBytes } from './encoding.js';

export function randomBytes(length: number): Uint8Array {
  return globalThis.crypto.getRandomValues(new Uint8Array(length));
}

/** A cryptographically random token: `byteLength` random bytes in the given encoding (hex by default). */
export function randomToken(byteLength = 16, encoding: BinaryEncoding = 'hex'): string {
  return encodeBytes(randomBytes(byteLength), encoding);
}
