import { describe, expect, it } from 'vitest';
import { createAesTokenCipher, isTokenCipher } from '../src/index.js';
import vectors from './fixtures/cipher-vectors.json';

type Vector = (typeof vectors.vectors)[number];
const fixedIv = (hex: string) => () => Uint8Array.from(Buffer.from(hex, 'hex'));
const label = (v: Vector) =>
  `${v.mode}/${v.keyDerivation.kind}${'encoding' in v.keyDerivation ? `-${v.keyDerivation.encoding}` : ''}/${v.encoding}`;

describe('built-in AES candidates against vectors computed with pyca/cryptography (fixtures/make-cipher-vectors.py)', () => {
  it('covers both modes, every key derivation and every output encoding', () => {
    expect(new Set(vectors.vectors.map((v) => v.mode))).toEqual(new Set(['gcm', 'cbc']));
    expect(new Set(vectors.vectors.map((v) => v.keyDerivation.kind))).toEqual(
      new Set(['sha256', 'raw', 'pbkdf2']),
    );
    expect(new Set(vectors.vectors.map((v) => v.encoding))).toEqual(new Set(['base64', 'base64url', 'hex']));
  });

  for (const vector of vectors.vectors) {
    it(`${label(vector)}: encrypts the vector plaintext with the fixed IV to exactly the vector token`, () => {
      const cipher = createAesTokenCipher({
        mode: vector.mode as 'gcm' | 'cbc',
        keyDerivation: vector.keyDerivation as never,
        encoding: vector.encoding as 'base64' | 'base64url' | 'hex',
        iv: fixedIv(vector.ivHex),
      });
      expect(cipher.encrypt(vectors.plaintext, vector.key)).toBe(vector.token);
    });

    it(`${label(vector)}: decrypts the vector token back to the plaintext`, () => {
      const cipher = createAesTokenCipher({
        mode: vector.mode as 'gcm' | 'cbc',
        keyDerivation: vector.keyDerivation as never,
        encoding: vector.encoding as 'base64' | 'base64url' | 'hex',
      });
      expect(cipher.decrypt(vector.token, vector.key)).toBe(vectors.plaintext);
    });

    it(`${label(vector)}: round-trips with random IVs, and two tokens of one plaintext differ`, () => {
      const cipher = createAesTokenCipher({
        mode: vector.mode as 'gcm' | 'cbc',
        keyDerivation: vector.keyDerivation as never,
        encoding: vector.encoding as 'base64' | 'base64url' | 'hex',
      });
      const a = cipher.encrypt(vectors.plaintext, vector.key);
      const b = cipher.encrypt(vectors.plaintext, vector.key);
      expect(a).not.toBe(b);
      expect(cipher.decrypt(a, vector.key)).toBe(vectors.plaintext);
      expect(cipher.decrypt(b, vector.key)).toBe(vectors.plaintext);
    });
  }
});

describe('createAesTokenCipher', () => {
  it('defaults to SHA-256 of the API password and base64url output', () => {
    const cipher = createAesTokenCipher({ mode: 'gcm' });
    expect(cipher.name).toBe('aes-256-gcm/sha256/base64url');
    expect(cipher.scheme).toEqual({ mode: 'gcm', keyDerivation: { kind: 'sha256' }, encoding: 'base64url' });
    expect(cipher.encrypt('x', 'k')).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('names PBKDF2 and raw candidates', () => {
    expect(
      createAesTokenCipher({
        mode: 'cbc',
        keyDerivation: { kind: 'pbkdf2', salt: 's', iterations: 1000, hash: 'sha512' },
        encoding: 'hex',
      }).name,
    ).toBe('aes-256-cbc/pbkdf2-sha512-1000/hex');
    expect(createAesTokenCipher({ mode: 'gcm', keyDerivation: { kind: 'raw', encoding: 'hex' } }).name).toBe(
      'aes-256-gcm/raw-hex/base64url',
    );
  });

  it('refuses a GCM token that was tampered with, or decrypted with another password', () => {
    const cipher = createAesTokenCipher({ mode: 'gcm', encoding: 'hex' });
    const token = cipher.encrypt('{"username":"a"}', 'right');
    const last = token.at(-1) === '0' ? '1' : '0';
    expect(() => cipher.decrypt(token.slice(0, -1) + last, 'right')).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
    expect(() => cipher.decrypt(token, 'wrong')).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });

  it('refuses a raw key of the wrong length with INVALID_CONFIG', () => {
    const cipher = createAesTokenCipher({ mode: 'cbc', keyDerivation: { kind: 'raw', encoding: 'utf8' } });
    expect(() => cipher.encrypt('x', 'too-short')).toThrow(
      expect.objectContaining({ code: 'INVALID_CONFIG' }),
    );
  });

  it.each([
    ['an unknown mode', { mode: 'ecb' }],
    ['an unknown encoding', { mode: 'gcm', encoding: 'base32' }],
    [
      'PBKDF2 without iterations',
      { mode: 'gcm', keyDerivation: { kind: 'pbkdf2', salt: 's', hash: 'sha256' } },
    ],
    ['an unknown option', { mode: 'gcm', padding: 'none' }],
  ])('refuses %s with INVALID_CONFIG', (_name, options) => {
    expect(() => createAesTokenCipher(options as never)).toThrow(
      expect.objectContaining({ code: 'INVALID_CONFIG' }),
    );
  });

  it('isTokenCipher accepts any object with encrypt and decrypt functions', () => {
    expect(isTokenCipher({ encrypt: () => '', decrypt: () => '' })).toBe(true);
    expect(isTokenCipher({ encrypt: () => '' })).toBe(false);
    expect(isTokenCipher(null)).toBe(false);
  });
});
