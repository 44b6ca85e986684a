import { nodeCrypto } from './node-crypto.js';

/**
 * Lower-case hex MD5 of the UTF-8 bytes of the parts joined with no separator — the
 * `md5(apiKey + secretKey [+ time])` signature both BeyondVisit and GittiGidiyor use.
 * Web Crypto has no MD5, hence node:crypto (available in Node, Deno and Bun).
 */
export function md5Hex(...parts: Array<string | number | bigint>): string {
  const hash = nodeCrypto().createHash('md5');
  for (const part of parts) hash.update(String(part), 'utf8');
  return hash.digest('hex');
}
