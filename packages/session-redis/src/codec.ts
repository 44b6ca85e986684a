import { type AesScheme, aesDecrypt, aesEncrypt, type SessionEntry, SsoError } from '@sso/core/provider';
import type { SessionCodec } from './types.js';

const GCM: AesScheme = { mode: 'gcm', keyDerivation: { kind: 'sha256' }, encoding: 'base64' };

export const jsonCodec: SessionCodec<unknown> = {
  serialize: (session) => JSON.stringify(session),
  deserialize: (text) => JSON.parse(text) as unknown,
};

/** The session value of a Redis hash (`s`) and whether it is encrypted (`x`). */
export interface EncodedValue {
  value: string;
  encrypted: '0' | '1';
}

/** Turns session entries into the fields of their Redis hash and back, encrypting when a key is set. */
export interface EntryCodec<S> {
  encode(rkey: string, entry: SessionEntry<S>): EncodedValue;
  /** The entry of a hash, or undefined when it is incomplete, foreign or does not decrypt. */
  decode(rkey: string, hash: Record<string, string>): SessionEntry<S> | undefined;
}

export function entryCodec<S>(codec: SessionCodec<S>, encryptionKey: string | undefined): EntryCodec<S> {
  return {
    encode(rkey, entry) {
      const text = codec.serialize(entry.session);
      if (typeof text !== 'string')
        throw new SsoError('INVALID_INPUT', 'The session codec must serialize to a string');
      if (!encryptionKey) return { value: text, encrypted: '0' };
      // The key and the login id are sealed with the value, so a ciphertext copied to another key
      // or another entry does not decrypt as valid.
      return {
        value: aesEncrypt(GCM, encryptionKey, JSON.stringify([rkey, entry.id, text])),
        encrypted: '1',
      };
    },
    decode(rkey, hash) {
      const { id, c, e, s, x } = hash;
      if (id === undefined || c === undefined || e === undefined || s === undefined) return undefined;
      const createdAt = Number(c);
      const expiresAt = e === 'inf' ? Number.POSITIVE_INFINITY : Number(e);
      if (!Number.isFinite(createdAt) || Number.isNaN(expiresAt)) return undefined;
      try {
        let text = s;
        if (encryptionKey) {
          if (x !== '1') return undefined;
          const sealed = JSON.parse(aesDecrypt(GCM, encryptionKey, s)) as unknown;
          if (
            !Array.isArray(sealed) ||
            sealed[0] !== rkey ||
            sealed[1] !== id ||
            typeof sealed[2] !== 'string'
          ) {
            return undefined;
          }
          text = sealed[2];
        } else if (x === '1') {
          return undefined;
        }
        return { session: codec.deserialize(text), id, createdAt, expiresAt };
      } catch {
        return undefined;
      }
    },
  };
}
