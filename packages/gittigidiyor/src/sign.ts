import { md5Hex } from '@sso/core/provider';

/**
 * GittiGidiyor's request sign for a key pair: lowercase hex MD5 of apiKey + secretKey + time (the
 * epoch milliseconds sent beside it), as the developer documents give it. The client signs with
 * it and the simulator checks against it.
 */
export const gittigidiyorSigner =
  (apiKey: string, secretKey: string) =>
  (time: number | string): string =>
    md5Hex(apiKey, secretKey, String(time));
