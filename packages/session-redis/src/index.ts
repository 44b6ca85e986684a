export { type AccountIdentity, accountHash } from './keys.js';
export { createRedisSessionStore } from './store.js';
export type { RedisSessionStore, RedisSessionStoreOptions, RedisStoreEvent, SessionCodec } from './types.js';
