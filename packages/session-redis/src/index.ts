export { type AccountIdentity, accountHash } from './keys.js';
export {
  createRedisSessionStore,
  type RedisSessionStore,
  type RedisSessionStoreOptions,
  type RedisStoreEvent,
  type SessionCodec,
} from './store.js';
