export { type AccountIdentity, accountHash } from './keys.js';
export {
  type RedisSessionStore,
  type RedisSessionStoreOptions,
  type RedisStoreEvent,
  type SessionCodec,
  createRedisSessionStore,
} from './store.js';
