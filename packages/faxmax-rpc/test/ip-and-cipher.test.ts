// Behaviour the hand guards and body templates left behind: isIpAddress against zod's own IP
// checks, the built-in ciphers' prepared-key path against core's aesEncrypt, and a failing cipher.
import { aesEncrypt, SsoError } from '@sso/core/provider';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { createAesTokenCipher, createFaxmaxClient, isIpAddress, type TokenCipher } from '../src/index.js';
import { answer, BASE_OPTIONS, type Captured, recordingFetch, rpcOf } from './helpers.js';

/** A seeded generator, so a failing fuzz case is the same on every run. */
function random(seed: number) {
  let state = seed;
  return (below: number) => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return (state >>> 8) % below;
  };
}

describe('isIpAddress is exactly z.union([z.ipv4(), z.ipv6()])', () => {
  const zodIp = z.union([z.ipv4(), z.ipv6()]);
  const agrees = (value: unknown) =>
    expect([value, isIpAddress(value as string)]).toEqual([value, z.safeParse(zodIp, value).success]);

  it('on IPv4 and IPv6 edge cases', () => {
    for (const value of [
      '127.0.0.1',
      '0.0.0.0',
      '255.255.255.255',
      '256.1.1.1',
      '1.2.3',
      '1.2.3.4.5',
      '01.2.3.4',
      '1.2.3.04',
      '1..2.3',
      ' 1.2.3.4',
      '1.2.3.4 ',
      '1.2.3.4\n',
      '1.2.3.4:80',
      '١.٢.٣.٤',
      '',
      '::',
      '::1',
      '1::',
      ':::',
      '1:::2',
      'fe80::1',
      'FE80::A:b',
      '2001:db8::1',
      '2001:0db8:0000:0000:0000:0000:0000:0001',
      '1:2:3:4:5:6:7:8',
      '1:2:3:4:5:6:7:8:9',
      '::ffff:1.2.3.4',
      '::ffff:256.2.3.4',
      '1.2.3.4::',
      'fe80::1%eth0',
      '[::1]',
      '::1\n',
      '::1\t',
      '::@1\\',
      '::1/64',
      '12345::',
      'g::1',
      'localhost',
      'a.b.c.d',
    ]) {
      agrees(value);
    }
  });

  it('on values that are not strings', () => {
    for (const value of [undefined, null, 2130706433, {}, ['1.2.3.4'], { toString: () => '1.2.3.4' }]) {
      agrees(value);
    }
  });

  it('on 20 000 generated strings near both forms', () => {
    const next = random(7);
    const pick = (alphabet: string, length: number) =>
      Array.from({ length }, () => alphabet[next(alphabet.length)]).join('');
    for (let i = 0; i < 5000; i++) {
      agrees(pick('0123456789abcdefABCDEF:.% ', next(16)));
      agrees(Array.from({ length: 3 + next(3) }, () => String(next(300)).padStart(next(4), '0')).join('.'));
      agrees(Array.from({ length: 1 + next(9) }, () => pick('0123456789abcdef', next(6))).join(':'));
      agrees(
        `${pick('0123456789abcdef:', next(12))}:${[next(300), next(300), next(300), next(300)].join('.')}`,
      );
    }
  });
});

describe('built-in AES ciphers: the prepared-key path is core aesEncrypt byte for byte', () => {
  const schemes = [
    { mode: 'gcm', encoding: 'base64url' },
    { mode: 'gcm', encoding: 'base64' },
    { mode: 'gcm', encoding: 'hex' },
    { mode: 'cbc', encoding: 'base64url' },
    {
      mode: 'cbc',
      encoding: 'hex',
      keyDerivation: { kind: 'pbkdf2', salt: 's', iterations: 10, hash: 'sha512' },
    },
    { mode: 'gcm', keyDerivation: { kind: 'raw', encoding: 'hex' } },
  ] as const;
  const key = (scheme: (typeof schemes)[number]) =>
    'keyDerivation' in scheme && scheme.keyDerivation.kind === 'raw' ? 'ab'.repeat(32) : 'api-şifresi';

  it.each(schemes.map((s) => [JSON.stringify(s), s]))('%s, with the same IVs', (_name, scheme) => {
    const next = random(11);
    const ivs: Uint8Array[] = [];
    const cipher = createAesTokenCipher({
      ...scheme,
      iv: (n) => {
        const iv = Uint8Array.from({ length: n }, () => next(256));
        ivs.push(iv);
        return iv;
      },
    });
    for (const plaintext of ['', 'x', '{"username":"ş😀","exp":1,"remote_ip":"::1"}', 'y'.repeat(1000)]) {
      const token = cipher.encrypt(plaintext, key(scheme));
      expect(token).toBe(aesEncrypt(cipher.scheme, key(scheme), plaintext, ivs.at(-1)));
      expect(cipher.decrypt(token, key(scheme))).toBe(plaintext);
    }
  });

  it('follows a change of password (the key is prepared per password)', () => {
    const cipher = createAesTokenCipher({ mode: 'gcm' });
    for (const password of ['one', 'two', 'one', 'three']) {
      expect(cipher.decrypt(cipher.encrypt(password, password), password)).toBe(password);
      expect(() => cipher.decrypt(cipher.encrypt(password, password), `${password}!`)).toThrow(SsoError);
    }
  });

  it('refuses an IV of the wrong length with core’s error', () => {
    const cipher = createAesTokenCipher({ mode: 'gcm', iv: () => new Uint8Array(16) });
    const core = (() => {
      try {
        aesEncrypt(cipher.scheme, 'k', 'x', new Uint8Array(16));
      } catch (error) {
        return error;
      }
    })();
    expect(() => cipher.encrypt('x', 'k')).toThrow(expect.objectContaining({ ...(core as SsoError) }));
    expect(core).toMatchObject({ code: 'INVALID_INPUT', message: 'AES-GCM needs a 12-byte IV' });
  });

  it('uses core aesEncrypt where process.getBuiltinModule is missing', () => {
    const process = globalThis.process as { getBuiltinModule?: unknown };
    const original = process.getBuiltinModule;
    const iv = Uint8Array.from({ length: 12 }, (_, i) => i);
    try {
      process.getBuiltinModule = undefined;
      const cipher = createAesTokenCipher({ mode: 'gcm', iv: () => iv });
      expect(cipher.encrypt('plain', 'k')).toBe(aesEncrypt(cipher.scheme, 'k', 'plain', iv));
    } finally {
      process.getBuiltinModule = original;
    }
  });
});

describe('tokenLogin with a failing cipher: the ssoToken errors, and no request', () => {
  it.each([
    [
      'a throwing cipher',
      () => {
        throw new TypeError('key api-password-secret');
      },
      'ssoToken: cipher.encrypt failed (TypeError)',
    ],
    [
      'a rejecting cipher',
      () => Promise.reject(new RangeError('x')),
      'ssoToken: cipher.encrypt failed (RangeError)',
    ],
    ['an empty token', () => '', 'ssoToken: cipher.encrypt must return a non-empty string'],
    ['a number', () => 42, 'ssoToken: cipher.encrypt must return a non-empty string'],
    ['an async empty token', async () => '', 'ssoToken: cipher.encrypt must return a non-empty string'],
  ])('%s', async (_name, encrypt, message) => {
    const { fetch, requests } = recordingFetch(answer({ token: 'S' }));
    const cipher = { encrypt, decrypt: () => '' } as unknown as TokenCipher;
    const client = createFaxmaxClient({ ...BASE_OPTIONS, cipher, fetch });
    for (const act of [
      () => client.tokenLogin({ username: 'u', remoteIp: '10.0.0.1' }),
      () => client.ssoToken({ username: 'u', remoteIp: '10.0.0.1' }),
    ]) {
      const error = await act().catch((e) => e);
      expect(error).toMatchObject({ code: 'INVALID_CONFIG', message });
      expect(JSON.stringify(error)).not.toContain('api-password-secret');
    }
    expect(requests).toHaveLength(0);
  });

  it('an async cipher still works', async () => {
    const { fetch, requests } = recordingFetch(answer({ token: 'S' }));
    const cipher: TokenCipher = { encrypt: async () => 'ASYNC-TOKEN', decrypt: () => '' };
    const client = createFaxmaxClient({ ...BASE_OPTIONS, cipher, fetch });
    await expect(client.tokenLogin({ username: 'u', remoteIp: '10.0.0.1' })).resolves.toEqual({ token: 'S' });
    expect(rpcOf(requests[0] as Captured).params.token_).toBe('ASYNC-TOKEN');
  });
});
