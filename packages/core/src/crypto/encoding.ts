import { SsoError } from '../errors.js';

export type BinaryEncoding = 'base64' | 'base64url' | 'hex';

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder('utf-8', { fatal: true });

export function utf8Bytes(text: string): Uint8Array {
  return utf8Encoder.encode(text);
}

export function utf8Text(bytes: Uint8Array): string {
  return utf8Decoder.decode(bytes);
}

export function encodeBytes(bytes: Uint8Array, encoding: BinaryEncoding): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString(encoding);
}

const PATTERNS: Record<BinaryEncoding, RegExp> = {
  hex: /^(?:[0-9a-fA-F]{2})*$/,
  base64: /^[A-Za-z0-9+/]*={0,2}$/,
  base64url: /^[A-Za-z0-9_-]*={0,2}$/,
};

/** Strict decoding: text that is not valid in the encoding is an error, never silently skipped. */
export function decodeBytes(text: string, encoding: BinaryEncoding): Uint8Array {
  if (!PATTERNS[encoding].test(text)) {
    throw new SsoError('INVALID_INPUT', `Value is not valid ${encoding}`);
  }
  return new Uint8Array(Buffer.from(text, encoding));
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  let length = 0;
  for (const part of parts) length += part.byteLength;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.byteLength;
  }
  return out;
}
