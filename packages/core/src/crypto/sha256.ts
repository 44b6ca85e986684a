import { nodeCrypto } from '../node-builtin.js';
import { utf8Bytes } from './encoding.js';

export function sha256(data: string | Uint8Array): Uint8Array {
  return new Uint8Array(
    nodeCrypto()
      .createHash('sha256')
      .update(typeof data === 'string' ? utf8Bytes(data) : data)
      .digest(),
  );
}
