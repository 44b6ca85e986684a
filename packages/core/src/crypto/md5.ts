import { nodeCrypto } from '../node-builtin.js';

/**
 * Lower-case hex MD5 of the UTF-8 bytes of the parts joined with no separator — the
 * `md5(apiKey + secretKey [+ time])` signature both BeyondVisit and GittiGidiyor use.
 * Web Crypto has no MD5, hence node:crypto (available in Node, Deno and Bun). The one-shot
 * `crypto.hash` (Node ≥ 20.12) is about three times cheaper than a Hash object where it exists.
 */
export function md5Hex(...parts: Array<string | number | bigint>): string {
  const text = parts.join('');
  const crypto = nodeCrypto();
  return typeof crypto.hash === 'function'
    ? crypto.hash('md5', text, 'hex')
    : crypto.createHash('md5').update(text, 'utf8').digest('hex');
}
