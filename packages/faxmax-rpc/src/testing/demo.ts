import { createAesTokenCipher } from '../cipher.js';

/** The demo account the simulator is seeded with; the sandbox and CLI use it too. */
export const FAXMAX_DEMO = Object.freeze({
  domain: 'demo.faxmax.test',
  apiCode: 'DEMO-API-CODE',
  apiPassword: 'demo-api-password',
  cipher: createAesTokenCipher({ mode: 'gcm', keyDerivation: { kind: 'sha256' }, encoding: 'base64url' }),
  username: 'demo',
  password: 'demo-password',
  users: Object.freeze([
    Object.freeze({
      username: 'demo',
      password: 'demo-password',
      userId: 1001,
      displayName: 'Demo Kullanıcı',
    }),
    Object.freeze({ username: 'ayse', password: 'ayse-password', userId: 1002, displayName: 'Ayşe Yılmaz' }),
  ]),
});
