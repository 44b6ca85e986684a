import { describe, expect, it } from 'vitest';
import {
  type AesScheme,
  aesDecrypt,
  aesEncrypt,
  decodeBytes,
  isSsoError,
  md5Hex,
  randomBytes,
  randomToken,
  timingSafeEqual,
} from '../src/provider.js';

// Expected values below were computed outside this code base (coreutils md5sum, Python's
// `cryptography` package), so they check our implementation rather than restate it.
describe('md5Hex', () => {
  it('matches the RFC 1321 vector for the empty string', () => {
    expect(md5Hex('')).toBe('d41d8cd98f00b204e9800998ecf8427e');
  });

  it('hashes the UTF-8 bytes of Turkish text', () => {
    expect(md5Hex('çğıöşü İstanbul')).toBe('95c2965ebd74610b1981bf02c07d74f7');
  });

  it('concatenates its parts with no separator, as md5(apiKey + secretKey + time) requires', () => {
    expect(md5Hex('Xzy47VNZwcujRGcujrzt', 'CTqNBzgdZRSk')).toBe(md5Hex('Xzy47VNZwcujRGcujrztCTqNBzgdZRSk'));
    expect(md5Hex('Xzy47VNZwcujRGcujrztCTqNBzgdZRSk')).toBe('edd3f09be20adb157f936a9b1ebcd560');
    expect(md5Hex('a', 1262265344531)).toBe(md5Hex('a1262265344531'));
  });

  it('returns lower-case hex', () => {
    expect(md5Hex('ABC')).toMatch(/^[0-9a-f]{32}$/);
  });
});

const PASSWORD = 'Api-Şifre-2026';
const PLAINTEXT = '{"username":"KULLANICIKODU","exp":1767225603,"remote_ip":"203.0.113.7"}';
const IV12 = Uint8Array.from({ length: 12 }, (_, i) => i);
const IV16 = Uint8Array.from({ length: 16 }, (_, i) => i);

const vectors: Array<{ name: string; scheme: AesScheme; secret: string; iv: Uint8Array; expected: string }> =
  [
    {
      name: 'AES-256-GCM, SHA-256 key, base64url',
      scheme: { mode: 'gcm', keyDerivation: { kind: 'sha256' }, encoding: 'base64url' },
      secret: PASSWORD,
      iv: IV12,
      expected:
        'AAECAwQFBgcICQoL24vUl21M8mPZpNvkDIhs5wfAD0G1iEspqQHHKyUaDauOp-uZ_iiqxSyQpiShqzZMgtdidtL2MYNMWzjgx9uH33fVDIndeWqnHi5az1nl7PxlaiEQthaV',
    },
    {
      name: 'AES-256-CBC, SHA-256 key, base64',
      scheme: { mode: 'cbc', keyDerivation: { kind: 'sha256' }, encoding: 'base64' },
      secret: PASSWORD,
      iv: IV16,
      expected:
        'AAECAwQFBgcICQoLDA0OD2IgfVBSFx3Cyme1kzaqXBF9AtZzzsj+UdvvmLjDg/B5Jih8P2vz1Z7JrWIONp/QzF6naTqdxt6uGEpBDpETTI1D5uYhtbnLmQmc7pU+SCb1',
    },
    {
      name: 'AES-256-GCM, PBKDF2-SHA256 (1000 rounds) key, hex',
      scheme: {
        mode: 'gcm',
        keyDerivation: { kind: 'pbkdf2', salt: 'faxmax-salt', iterations: 1000, hash: 'sha256' },
        encoding: 'hex',
      },
      secret: PASSWORD,
      iv: IV12,
      expected:
        '000102030405060708090a0babeeb6ea9fd09b278bb8f1680562efdc75b8f4ae299828b00c511ec7267cc3a6a71b0197c54b7fc8e57d97fe98e9b3bb4eaed87eb90fed6e656e3253f53b19b857cb356a2fe3de4c74d49debaa8e3fb8062483dafe7c90',
    },
    {
      name: 'AES-256-CBC, raw 32-character key, hex',
      scheme: { mode: 'cbc', keyDerivation: { kind: 'raw', encoding: 'utf8' }, encoding: 'hex' },
      secret: '0123456789abcdef0123456789abcdef',
      iv: IV16,
      expected:
        '000102030405060708090a0b0c0d0e0f889ef418d6a02db515fbebbb294a2a138734daa2a7d75b9039ce73d3fe83052288020a25529de017e8da8229f800065a93bc1886d2f7b62a509e74007d19400051fbd4c5dc3c39948e6dc2856500bbb6',
    },
  ];

describe('AES helpers', () => {
  for (const vector of vectors) {
    it(`reproduces the fixed-IV vector: ${vector.name}`, () => {
      expect(aesEncrypt(vector.scheme, vector.secret, PLAINTEXT, vector.iv)).toBe(vector.expected);
      expect(aesDecrypt(vector.scheme, vector.secret, vector.expected)).toBe(PLAINTEXT);
    });

    it(`round-trips Turkish text with a random IV: ${vector.name}`, () => {
      const text = '{"username":"şükrü.öğüt","exp":1,"remote_ip":"::1"}';
      const a = aesEncrypt(vector.scheme, vector.secret, text);
      const b = aesEncrypt(vector.scheme, vector.secret, text);
      expect(a).not.toBe(b);
      expect(aesDecrypt(vector.scheme, vector.secret, a)).toBe(text);
    });
  }

  it('refuses a tampered GCM token with a typed error', () => {
    const scheme = vectors[0]!.scheme;
    const token = aesEncrypt(scheme, PASSWORD, PLAINTEXT);
    const bytes = decodeBytes(token, 'base64url');
    bytes[bytes.length - 1]! ^= 1;
    const tampered = Buffer.from(bytes).toString('base64url');
    expect(() => aesDecrypt(scheme, PASSWORD, tampered)).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
  });

  it('refuses a wrong key with a typed error that does not echo the key', () => {
    const scheme = vectors[1]!.scheme;
    const token = aesEncrypt(scheme, PASSWORD, PLAINTEXT);
    try {
      aesDecrypt(scheme, 'another-password', token);
      expect.unreachable();
    } catch (error) {
      expect(isSsoError(error, 'INVALID_INPUT')).toBe(true);
      expect(String(error)).not.toContain('another-password');
    }
  });

  it('rejects a raw key of the wrong length as INVALID_CONFIG', () => {
    expect(() =>
      aesEncrypt(
        { mode: 'gcm', keyDerivation: { kind: 'raw', encoding: 'hex' }, encoding: 'hex' },
        'abcd',
        'x',
      ),
    ).toThrow(expect.objectContaining({ code: 'INVALID_CONFIG' }));
  });

  it('rejects text that is not valid in the declared encoding', () => {
    expect(() => aesDecrypt(vectors[2]!.scheme, PASSWORD, 'zz-not-hex')).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
  });
});

describe('randomBytes', () => {
  it('hands out fresh, independent bytes across pool refills and for large requests', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 2_000; i++) {
      const iv = randomBytes(12);
      expect(iv.byteLength).toBe(12);
      const hex = Buffer.from(iv).toString('hex');
      expect(seen.has(hex)).toBe(false);
      seen.add(hex);
      iv.fill(0); // a caller scribbling on its bytes must not touch anyone else's
    }
    expect(seen.size).toBe(2_000);
    const big = randomBytes(5_000);
    expect(big.byteLength).toBe(5_000);
    expect(new Set(big).size).toBeGreaterThan(200);
    expect(randomBytes(0).byteLength).toBe(0);
  });
});

describe('timingSafeEqual and randomToken', () => {
  it('compares equal and unequal values, including different lengths', () => {
    expect(timingSafeEqual('abc', 'abc')).toBe(true);
    expect(timingSafeEqual('abc', 'abd')).toBe(false);
    expect(timingSafeEqual('abc', 'abcd')).toBe(false);
    expect(timingSafeEqual('', '')).toBe(true);
    expect(timingSafeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2]))).toBe(true);
  });

  it('produces random tokens of the requested size and encoding', () => {
    expect(randomToken(16)).toMatch(/^[0-9a-f]{32}$/);
    expect(randomToken(24, 'base64url')).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const seen = new Set(Array.from({ length: 200 }, () => randomToken(16)));
    expect(seen.size).toBe(200);
  });
});
