import { describe, expect, it } from 'vitest';
import { beyondVisitSign, createBeyondVisitClient } from '../src/index.js';
import { BEYONDVISIT_DEMO } from '../src/testing/index.js';

// Expected values computed outside this code base with `printf '%s' '<apiKey><secretKey>' | md5sum`
// (and cross-checked with `openssl md5`).
const VECTORS = [
  {
    name: 'the document\'s formula words "apikey" + "secretkey"',
    apiKey: 'apikey',
    secretKey: 'secretkey',
    sign: 'd432f1cc67941586c2c7cb9d684a35b1',
  },
  {
    name: "the document's placeholders <api_key> + <secret_key>",
    apiKey: '<api_key>',
    secretKey: '<secret_key>',
    sign: 'd2a4b13c6d7dfcfdcecd6a9d5d428f3c',
  },
  {
    name: 'Turkish characters, hashed as UTF-8',
    apiKey: 'müşteri-anahtarı',
    secretKey: 'ĞİZLİ-şifre-çöü',
    sign: '9d6cea690e98b1115b5e1c77f05c5c3a',
  },
  {
    name: 'the fixture partner',
    apiKey: 'fixture-api-key-0001',
    secretKey: 'fixture-secret-key-0001',
    sign: 'fbfe99b07894cf3de466bae4367b1f35',
  },
  {
    name: 'the demo partner',
    apiKey: BEYONDVISIT_DEMO.apiKey,
    secretKey: BEYONDVISIT_DEMO.secretKey,
    sign: 'ed74db96cb147f82288a836b849e18c4',
  },
];

describe('sign = md5(apiKey + secretKey), lower-case hex', () => {
  it.each(VECTORS)('$name', ({ apiKey, secretKey, sign }) => {
    expect(beyondVisitSign(apiKey, secretKey)).toBe(sign);
    expect(createBeyondVisitClient({ apiKey, secretKey }).sign()).toBe(sign);
  });

  it('hashes UTF-8, not ISO-8859-9 (Turkish code page), bytes', () => {
    // md5 of the same Turkish text encoded as ISO-8859-9 (`iconv -t iso-8859-9 | md5sum`).
    expect(beyondVisitSign('müşteri-anahtarı', 'ĞİZLİ-şifre-çöü')).not.toBe(
      'dbcd9e1cdb1abb0c008fbe0ddea5b821',
    );
  });

  it('concatenates apiKey first: swapping the keys changes the sign', () => {
    expect(beyondVisitSign('secretkey', 'apikey')).not.toBe('d432f1cc67941586c2c7cb9d684a35b1');
  });

  it('is always 32 lower-case hex characters (fits the documented MaxLength 32)', () => {
    expect(beyondVisitSign('ABC', 'DEF')).toMatch(/^[0-9a-f]{32}$/);
  });
});
