import { md5Hex } from '@sso/core/provider';

/**
 * The BeyondVisit request signature: lower-case hex MD5 of the UTF-8 bytes of `apiKey` followed
 * directly by `secretKey` ("Api anahtarınız ile SecretKey'inizin tek bir stringe birleştirilip MD5
 * ile hashlenmiş hali"). It has no timestamp or nonce, so it never changes for a key pair and
 * anyone holding it can call the API: treat it exactly like the secret key.
 */
export function beyondVisitSign(apiKey: string, secretKey: string): string {
  return md5Hex(apiKey, secretKey);
}
